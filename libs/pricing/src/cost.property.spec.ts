import fc from 'fast-check';
import {
  costOf,
  formatMoney,
  Money,
  MONEY_SCALE,
  PRICE_MAX_DECIMALS,
  validatePriceRate,
  type PriceRates,
  type TokenUsage,
} from '@app/pricing';

const MAX_TOKENS = 10n ** 12n;
const RUNS = { numRuns: 300 };

/** A price with up to 20 integer digits and 12 decimals, built from digits, never from floats. */
const priceString = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }),
    fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: PRICE_MAX_DECIMALS }),
  )
  .map(([integerPart, decimals]) =>
    decimals.length === 0 ? integerPart.toString() : `${integerPart}.${decimals.join('')}`,
  );

const tokens = (max: bigint = MAX_TOKENS): fc.Arbitrary<number> =>
  fc.bigInt({ min: 0n, max }).map(Number);

interface PriceStrings {
  input: string;
  output: string;
  cachedInput: string | null;
}

const priceStrings: fc.Arbitrary<PriceStrings> = fc.record({
  input: priceString,
  output: priceString,
  cachedInput: fc.option(priceString),
});

const usage: fc.Arbitrary<TokenUsage> = fc
  .tuple(tokens(), tokens(), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([inputTokens, outputTokens, cachedShare]) => ({
    inputTokens,
    outputTokens,
    cachedInputTokens: Math.floor(inputTokens * cachedShare),
  }));

function toRates(prices: PriceStrings): PriceRates {
  return {
    inputPerMillion: validatePriceRate(prices.input, 'inputPerMillion'),
    outputPerMillion: validatePriceRate(prices.output, 'outputPerMillion'),
    cachedInputPerMillion:
      prices.cachedInput === null
        ? null
        : validatePriceRate(prices.cachedInput, 'cachedInputPerMillion'),
  };
}

/** The price in units of 10^-12 dollars per million tokens, i.e. 10^-18 dollars per token. */
function scaledPrice(price: string): bigint {
  const [integerPart, decimals = ''] = price.split('.');
  return BigInt(integerPart + decimals.padEnd(PRICE_MAX_DECIMALS, '0'));
}

/** Places the decimal point 18 digits from the right and drops trailing zeros. */
function formatScaled(value: bigint): string {
  const digits = value.toString().padStart(MONEY_SCALE + 1, '0');
  const integerPart = digits.slice(0, -MONEY_SCALE);
  const decimals = digits.slice(-MONEY_SCALE).replace(/0+$/, '');
  return decimals === '' ? integerPart : `${integerPart}.${decimals}`;
}

/** Independent reference: the same formula in integer arithmetic on scaled prices. */
function referenceCost(tokenUsage: TokenUsage, prices: PriceStrings): string {
  const cached = BigInt(tokenUsage.cachedInputTokens ?? 0);
  const uncached = BigInt(tokenUsage.inputTokens) - cached;
  const total =
    uncached * scaledPrice(prices.input) +
    cached * scaledPrice(prices.cachedInput ?? prices.input) +
    BigInt(tokenUsage.outputTokens) * scaledPrice(prices.output);
  return formatScaled(total);
}

describe('costOf properties', () => {
  it('equals an independent computation in BigInt arithmetic', () => {
    fc.assert(
      fc.property(usage, priceStrings, (tokenUsage, prices) => {
        expect(formatMoney(costOf(tokenUsage, toRates(prices)))).toBe(
          referenceCost(tokenUsage, prices),
        );
      }),
      RUNS,
    );
  });

  it('is never negative and has at most 18 decimal places', () => {
    fc.assert(
      fc.property(usage, priceStrings, (tokenUsage, prices) => {
        const cost = costOf(tokenUsage, toRates(prices));
        expect(cost.isNegative()).toBe(false);
        expect(cost.decimalPlaces()).toBeLessThanOrEqual(MONEY_SCALE);
        // Storing at the column scale must not change the amount.
        expect(new Money(cost.toFixed(MONEY_SCALE)).equals(cost)).toBe(true);
      }),
      RUNS,
    );
  });

  const half = MAX_TOKENS / 2n;

  it('is additive over a split of the uncached input tokens', () => {
    fc.assert(
      fc.property(tokens(half), tokens(half), priceStrings, (a, b, prices) => {
        const rates = toRates(prices);
        const cost = (n: number) => costOf({ inputTokens: n, outputTokens: 0 }, rates);
        expect(cost(a + b).equals(cost(a).plus(cost(b)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('is additive over a split of the output tokens', () => {
    fc.assert(
      fc.property(tokens(half), tokens(half), priceStrings, (a, b, prices) => {
        const rates = toRates(prices);
        const cost = (n: number) => costOf({ inputTokens: 0, outputTokens: n }, rates);
        expect(cost(a + b).equals(cost(a).plus(cost(b)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('is additive over a split of the cached input tokens', () => {
    fc.assert(
      fc.property(tokens(half), tokens(half), priceStrings, (a, b, prices) => {
        const rates = toRates(prices);
        const cost = (n: number) =>
          costOf({ inputTokens: n, cachedInputTokens: n, outputTokens: 0 }, rates);
        expect(cost(a + b).equals(cost(a).plus(cost(b)))).toBe(true);
      }),
      RUNS,
    );
  });

  it('is additive over a split of a whole usage', () => {
    const halfUsage = fc
      .tuple(tokens(half), tokens(half), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([inputTokens, outputTokens, cachedShare]) => ({
        inputTokens,
        outputTokens,
        cachedInputTokens: Math.floor(inputTokens * cachedShare),
      }));
    fc.assert(
      fc.property(halfUsage, halfUsage, priceStrings, (a, b, prices) => {
        const rates = toRates(prices);
        const sum: TokenUsage = {
          inputTokens: a.inputTokens + b.inputTokens,
          outputTokens: a.outputTokens + b.outputTokens,
          cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
        };
        expect(costOf(sum, rates).equals(costOf(a, rates).plus(costOf(b, rates)))).toBe(true);
      }),
      RUNS,
    );
  });
});
