import { InvalidMoneyError, InvalidUsageError } from './errors';
import { Money, parseMoney, PRICE_MAX_DECIMALS, toMoney } from './money';

/**
 * Token counts reported for one request.
 *
 * Counts are integers, not money, so `number` is exact up to 2^53 - 1.
 */
export interface TokenUsage {
  /** Total prompt tokens, cached ones included (OpenAI `prompt_tokens` semantics). */
  inputTokens: number;
  /** Completion tokens. */
  outputTokens: number;
  /** Prompt tokens served from the provider's cache; a subset of `inputTokens`. */
  cachedInputTokens?: number;
  /**
   * Prompt tokens written to the provider's cache (Anthropic's cache writes); a subset of
   * `inputTokens`, disjoint from `cachedInputTokens`.
   */
  cacheWriteInputTokens?: number;
}

/** Prices of a model, in US dollars per million tokens. */
export interface PriceRates {
  /** Price of uncached input tokens. */
  inputPerMillion: Money;
  /** Price of output tokens. */
  outputPerMillion: Money;
  /** Price of cached input tokens; when absent they cost as much as uncached input. */
  cachedInputPerMillion?: Money | null;
  /** Price of input tokens written to the cache; when absent they cost as much as other input. */
  cacheWriteInputPerMillion?: Money | null;
}

const TOKENS_PER_PRICE_UNIT = 1_000_000;

/**
 * Exact cost of a request, without any rounding.
 *
 * @param usage - Token counts; `inputTokens` includes `cachedInputTokens` and
 * `cacheWriteInputTokens`.
 * @param rates - Per-million prices of the model.
 * @returns The cost in US dollars; with prices of at most {@link PRICE_MAX_DECIMALS} decimals
 * it has at most 18 decimal places.
 * @throws {@link InvalidUsageError} if a count is not a safe non-negative integer or if more
 * tokens are cached than were sent.
 * @throws {@link InvalidMoneyError} if a rate is negative or not finite.
 */
export function costOf(usage: TokenUsage, rates: PriceRates): Money {
  const input = checkTokenCount(usage.inputTokens, 'inputTokens');
  const output = checkTokenCount(usage.outputTokens, 'outputTokens');
  const cached = checkTokenCount(usage.cachedInputTokens ?? 0, 'cachedInputTokens');
  const written = checkTokenCount(usage.cacheWriteInputTokens ?? 0, 'cacheWriteInputTokens');
  if (cached > input) {
    throw new InvalidUsageError(
      'cachedInputTokens',
      `cachedInputTokens (${cached}) must not exceed inputTokens (${input})`,
    );
  }
  if (cached + written > input) {
    throw new InvalidUsageError(
      'cacheWriteInputTokens',
      `cachedInputTokens + cacheWriteInputTokens (${cached + written}) must not exceed inputTokens (${input})`,
    );
  }
  const inputRate = checkRate(rates.inputPerMillion, 'inputPerMillion');
  const outputRate = checkRate(rates.outputPerMillion, 'outputPerMillion');
  const cachedRate =
    rates.cachedInputPerMillion == null
      ? inputRate
      : checkRate(rates.cachedInputPerMillion, 'cachedInputPerMillion');
  const writeRate =
    rates.cacheWriteInputPerMillion == null
      ? inputRate
      : checkRate(rates.cacheWriteInputPerMillion, 'cacheWriteInputPerMillion');

  // Dividing once at the end keeps every intermediate an integer multiple of a rate; the
  // division by 10^6 is exact at precision 100.
  return new Money(input - cached - written)
    .times(inputRate)
    .plus(new Money(cached).times(cachedRate))
    .plus(new Money(written).times(writeRate))
    .plus(new Money(output).times(outputRate))
    .dividedBy(TOKENS_PER_PRICE_UNIT);
}

/**
 * Parses a per-million-tokens price entered by an operator.
 *
 * @param value - A plain decimal string such as `"0.20"`.
 * @param field - Name of the input, used in error messages.
 * @throws {@link InvalidMoneyError} if the price is malformed, negative or has more than
 * {@link PRICE_MAX_DECIMALS} significant decimal places (trailing zeros do not count).
 */
export function validatePriceRate(value: string, field: string): Money {
  const rate = parseMoney(value, field);
  if (rate.lessThan(0)) {
    throw new InvalidMoneyError(field, `${field} must not be negative`);
  }
  if (rate.decimalPlaces() > PRICE_MAX_DECIMALS) {
    throw new InvalidMoneyError(
      field,
      `${field} must have at most ${PRICE_MAX_DECIMALS} decimal places`,
    );
  }
  return rate;
}

function checkTokenCount(count: number, field: keyof TokenUsage): number {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidUsageError(
      field,
      `${field} must be a non-negative safe integer, got ${String(count)}`,
    );
  }
  return count;
}

function checkRate(rate: Money, field: keyof PriceRates): Money {
  // lessThan rather than isNegative: decimal.js reports -0 as negative, and -0 is a free price.
  if (!rate.isFinite() || rate.lessThan(0)) {
    throw new InvalidMoneyError(field, `${field} must be a finite non-negative amount`);
  }
  return rate;
}

/** Anything that prints as a decimal: a Prisma Decimal, a decimal.js value, a string. */
type DecimalLike = { toString(): string } | string;

/** The rates of a stored price row (Prisma Decimals) as Money, for costOf. */
export function ratesOf(price: {
  inputPerMillion: DecimalLike;
  outputPerMillion: DecimalLike;
  cachedInputPerMillion: DecimalLike | null;
  cacheWriteInputPerMillion?: DecimalLike | null;
}): PriceRates & { cachedInputPerMillion: Money | null; cacheWriteInputPerMillion: Money | null } {
  return {
    inputPerMillion: toMoney(price.inputPerMillion),
    outputPerMillion: toMoney(price.outputPerMillion),
    cachedInputPerMillion:
      price.cachedInputPerMillion === null ? null : toMoney(price.cachedInputPerMillion),
    cacheWriteInputPerMillion:
      price.cacheWriteInputPerMillion == null ? null : toMoney(price.cacheWriteInputPerMillion),
  };
}
