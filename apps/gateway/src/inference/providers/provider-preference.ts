import { invalidRequest } from '@app/errors';
import { isObject } from '../json';

/**
 * A request's routing preference, in OpenRouter's form: `provider: {order: [...],
 * allow_fallbacks: false}`. `order` puts those providers first, in that order; without
 * fallbacks only they (or, with no order, the model's first endpoint) may serve.
 */
export interface ProviderPreference {
  order: string[];
  allowFallbacks: boolean;
}

const MAX_ORDER = 16;

/**
 * Reads and validates the `provider` field of a request body (absent → undefined). Every
 * provider it names must exist (`known`), else 400: a typo must not silently route elsewhere.
 */
export function parseProviderPreference(
  value: unknown,
  known: (id: string) => boolean,
): ProviderPreference | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    throw invalidRequest('provider must be an object such as {"order": ["mistral"]}.', 'provider');
  }
  const { order = [], allow_fallbacks: allowFallbacks = true, ...rest } = value;
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) {
    throw invalidRequest(
      `provider.${unknownField} is not supported; use provider.order and provider.allow_fallbacks.`,
      'provider',
    );
  }
  if (
    !Array.isArray(order) ||
    order.length > MAX_ORDER ||
    !order.every((id): id is string => typeof id === 'string')
  ) {
    throw invalidRequest(
      `provider.order must be a list of at most ${MAX_ORDER} provider ids.`,
      'provider',
    );
  }
  if (typeof allowFallbacks !== 'boolean') {
    throw invalidRequest('provider.allow_fallbacks must be true or false.', 'provider');
  }
  const unknown = order.find((id) => !known(id));
  if (unknown !== undefined) {
    throw invalidRequest(`provider.order names '${unknown}', which is not a provider.`, 'provider');
  }
  return { order: [...new Set(order)], allowFallbacks };
}

/**
 * The endpoints a request may use, in the order to try them: those the preference names
 * first, in its order, then (fallbacks allowed) the others in the model's order.
 */
export function applyPreference<T extends { providerId: string }>(
  endpoints: readonly T[],
  preference: ProviderPreference | undefined,
): T[] {
  if (preference === undefined) return [...endpoints];
  const named = preference.order.flatMap((id) => endpoints.filter((e) => e.providerId === id));
  if (!preference.allowFallbacks)
    return named.length > 0 || preference.order.length > 0 ? named : endpoints.slice(0, 1);
  return [...named, ...endpoints.filter((e) => !preference.order.includes(e.providerId))];
}
