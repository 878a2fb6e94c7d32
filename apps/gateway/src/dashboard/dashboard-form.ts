import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalidRequest } from '@app/errors';
import { type DashboardRequest, formField } from './dashboard-request';

/**
 * A form's fields as the API's own DTO, checked by the same class-validator rules the
 * JSON API applies (so the two cannot disagree), or a 400 naming the first bad field.
 */
export function dtoFromForm<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): T {
  const dto = plainToInstance(type, plain);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const first = errors[0];
  if (first) {
    const message = first.constraints ? Object.values(first.constraints)[0] : 'is invalid';
    throw invalidRequest(`${message}.`.replace(/\.\.$/, '.'), first.property);
  }
  return dto;
}

/**
 * The given fields of the form that are present; an empty amount, choice or integer field
 * means "none". An integer field that is not all digits is kept as text, so the DTO's rule
 * refuses it with its own message.
 */
export function pickFields(
  request: DashboardRequest,
  fields: Record<string, 'text' | 'amount' | 'boolean' | 'choice' | 'integer'>,
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(fields)) {
    const value = formField(request, name);
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (kind === 'amount' || kind === 'choice') picked[name] = trimmed === '' ? null : trimmed;
    else if (kind === 'integer')
      picked[name] = trimmed === '' ? null : /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
    else if (kind === 'boolean')
      picked[name] = trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
    else picked[name] = trimmed;
  }
  return picked;
}
