import { registerDecorator } from 'class-validator';
import { InvalidMoneyError, validatePriceRate } from '@app/pricing';
import { parseInstant } from '../instant';

/**
 * A per-million-tokens price: a decimal string, at least zero, at most 12 decimals (so every
 * cost is exactly storable). The message is the pricing lib's own, which names the field.
 */
export function IsPriceRate(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPriceRate',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args) => priceRateProblem(value, args?.property ?? '') === null,
        defaultMessage: (args) => priceRateProblem(args?.value, args?.property ?? '') ?? '',
      },
    });
}

/** An RFC 3339 date-time with a time zone, e.g. `2026-07-05T00:00:00Z`. */
export function IsInstant(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== null,
        defaultMessage: () =>
          '$property must be an RFC 3339 date-time with a time zone, such as ' +
          '"2026-07-05T00:00:00Z"',
      },
    });
}

function priceRateProblem(value: unknown, field: string): string | null {
  if (typeof value !== 'string') {
    // A JSON number has already been through a binary float: money only travels as text.
    const hint = typeof value === 'number' ? ', not a JSON number' : '';
    return `${field} must be a decimal string such as "2.50"${hint}`;
  }
  try {
    validatePriceRate(value, field);
    return null;
  } catch (error) {
    if (error instanceof InvalidMoneyError) return error.message;
    throw error;
  }
}
