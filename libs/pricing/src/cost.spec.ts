import {
  costOf,
  formatMoney,
  InvalidMoneyError,
  InvalidUsageError,
  Money,
  validatePriceRate,
  type PriceRates,
  type TokenUsage,
} from '@app/pricing';

function rates(input: string, output: string, cachedInput?: string): PriceRates {
  return {
    inputPerMillion: validatePriceRate(input, 'inputPerMillion'),
    outputPerMillion: validatePriceRate(output, 'outputPerMillion'),
    cachedInputPerMillion:
      cachedInput === undefined ? undefined : validatePriceRate(cachedInput, 'cachedInput'),
  };
}

const MAGISTRAL_MEDIUM = rates('2', '5');
const MINISTRAL_3B = rates('0.10', '0.10');

describe('costOf, golden catalogue scenarios', () => {
  it.each([
    ['Magistral Medium', rates('2', '5'), '0.0045'],
    ['Ministral 14B', rates('0.20', '0.20'), '0.0003'],
    ['Magistral Small', rates('0.50', '1.50'), '0.00125'],
    ['Codestral', rates('0.30', '0.90'), '0.00075'],
    ['Devstral Medium', rates('0.40', '2'), '0.0014'],
    ['Ministral 3B', MINISTRAL_3B, '0.00015'],
  ])('%s: 1,000 input + 500 output tokens cost exactly %s', (_model, modelRates, expected) => {
    const cost = costOf({ inputTokens: 1_000, outputTokens: 500 }, modelRates);
    expect(formatMoney(cost)).toBe(expected);
    expect(cost.equals(new Money(expected))).toBe(true);
  });

  it('Ministral 3B: one input token costs exactly 0.0000001', () => {
    expect(formatMoney(costOf({ inputTokens: 1, outputTokens: 0 }, MINISTRAL_3B))).toBe(
      '0.0000001',
    );
  });

  it('one output token of a price with 12 decimals costs exactly 18 decimals', () => {
    const cost = costOf({ inputTokens: 0, outputTokens: 1 }, rates('0', '0.000000000001'));
    expect(formatMoney(cost)).toBe('0.000000000000000001');
  });

  it('a million input tokens cost exactly the per-million price', () => {
    expect(formatMoney(costOf({ inputTokens: 1_000_000, outputTokens: 0 }, MAGISTRAL_MEDIUM))).toBe(
      '2',
    );
  });

  it('zero tokens cost 0', () => {
    const cost = costOf(
      { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0 },
      MAGISTRAL_MEDIUM,
    );
    expect(formatMoney(cost)).toBe('0');
    expect(cost.isZero()).toBe(true);
  });

  it('free models cost 0', () => {
    expect(formatMoney(costOf({ inputTokens: 10, outputTokens: 10 }, rates('0', '0')))).toBe('0');
  });
});

describe('costOf, cached input', () => {
  // GPT-4o-like prices: $2.50 input, $1.25 cached input, $10 output per million tokens.
  const cachedRates = rates('2.50', '10', '1.25');

  it('prices cached tokens at the cached rate and the rest of the prompt at the input rate', () => {
    const usage: TokenUsage = { inputTokens: 2_000, cachedInputTokens: 1_500, outputTokens: 300 };
    // 500 × 2.50/1e6 + 1,500 × 1.25/1e6 + 300 × 10/1e6 = 0.00125 + 0.001875 + 0.003
    expect(formatMoney(costOf(usage, cachedRates))).toBe('0.006125');
  });

  it('prices a fully cached prompt at the cached rate only', () => {
    const usage: TokenUsage = { inputTokens: 1_000, cachedInputTokens: 1_000, outputTokens: 0 };
    expect(formatMoney(costOf(usage, cachedRates))).toBe('0.00125');
  });

  it('prices cached tokens at the input rate when the model has no cached rate', () => {
    const usage: TokenUsage = { inputTokens: 1_000, cachedInputTokens: 400, outputTokens: 500 };
    expect(formatMoney(costOf(usage, MAGISTRAL_MEDIUM))).toBe('0.0045');
    expect(formatMoney(costOf(usage, { ...MAGISTRAL_MEDIUM, cachedInputPerMillion: null }))).toBe(
      '0.0045',
    );
  });

  it('accepts a free cached rate', () => {
    const usage: TokenUsage = { inputTokens: 1_000, cachedInputTokens: 1_000, outputTokens: 0 };
    expect(formatMoney(costOf(usage, rates('2', '5', '0')))).toBe('0');
  });
});

describe('costOf, cache writes', () => {
  // Anthropic-style: $3 in, $0.30 cache reads, $3.75 cache writes, $15 out per million.
  const claude: PriceRates = {
    ...rates('3', '15', '0.30'),
    cacheWriteInputPerMillion: validatePriceRate('3.75', 'cacheWriteInputPerMillion'),
  };

  it('prices written tokens at the write rate, reads at the cached rate, the rest at input', () => {
    // 10 plain + 100 read + 20 written in, 9 out:
    // (10 × 3 + 100 × 0.3 + 20 × 3.75 + 9 × 15) / 1e6 = (30 + 30 + 75 + 135) / 1e6
    const usage: TokenUsage = {
      inputTokens: 130,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 20,
      outputTokens: 9,
    };
    expect(formatMoney(costOf(usage, claude))).toBe('0.00027');
  });

  it('prices written tokens at the input rate when there is no write rate', () => {
    const usage: TokenUsage = { inputTokens: 130, cacheWriteInputTokens: 20, outputTokens: 0 };
    expect(formatMoney(costOf(usage, { ...claude, cacheWriteInputPerMillion: null }))).toBe(
      '0.00039',
    );
  });

  it('refuses more cached and written tokens than were sent', () => {
    const usage: TokenUsage = {
      inputTokens: 100,
      cachedInputTokens: 60,
      cacheWriteInputTokens: 41,
      outputTokens: 0,
    };
    expect(() => costOf(usage, claude)).toThrow(InvalidUsageError);
  });
});

describe('costOf, invalid usage', () => {
  it.each<[string, TokenUsage, string]>([
    ['negative input', { inputTokens: -1, outputTokens: 0 }, 'inputTokens'],
    ['negative output', { inputTokens: 0, outputTokens: -5 }, 'outputTokens'],
    [
      'negative cached',
      { inputTokens: 10, outputTokens: 0, cachedInputTokens: -1 },
      'cachedInputTokens',
    ],
    ['fractional input', { inputTokens: 1.5, outputTokens: 0 }, 'inputTokens'],
    ['fractional output', { inputTokens: 0, outputTokens: 0.1 }, 'outputTokens'],
    [
      'fractional cached',
      { inputTokens: 10, outputTokens: 0, cachedInputTokens: 2.5 },
      'cachedInputTokens',
    ],
    ['NaN input', { inputTokens: NaN, outputTokens: 0 }, 'inputTokens'],
    ['NaN output', { inputTokens: 0, outputTokens: NaN }, 'outputTokens'],
    [
      'NaN cached',
      { inputTokens: 10, outputTokens: 0, cachedInputTokens: NaN },
      'cachedInputTokens',
    ],
    ['infinite input', { inputTokens: Infinity, outputTokens: 0 }, 'inputTokens'],
    [
      'unsafe integer input',
      { inputTokens: Number.MAX_SAFE_INTEGER + 1, outputTokens: 0 },
      'inputTokens',
    ],
    ['unsafe integer output', { inputTokens: 0, outputTokens: 2 ** 60 }, 'outputTokens'],
    [
      'cached greater than input',
      { inputTokens: 10, outputTokens: 0, cachedInputTokens: 11 },
      'cachedInputTokens',
    ],
  ])('refuses %s', (_case, usage, field) => {
    expect(() => costOf(usage, MAGISTRAL_MEDIUM)).toThrow(InvalidUsageError);
    expect(() => costOf(usage, MAGISTRAL_MEDIUM)).toThrow(expect.objectContaining({ field }));
  });

  it('refuses a count that is not a number at run time', () => {
    const usage = { inputTokens: '10', outputTokens: 0 } as unknown as TokenUsage;
    expect(() => costOf(usage, MAGISTRAL_MEDIUM)).toThrow(InvalidUsageError);
  });

  it('accepts the largest safe integer', () => {
    const usage: TokenUsage = { inputTokens: Number.MAX_SAFE_INTEGER, outputTokens: 0 };
    expect(formatMoney(costOf(usage, MAGISTRAL_MEDIUM))).toBe('18014398509.481982');
  });

  it('explains the problem', () => {
    expect(() =>
      costOf({ inputTokens: 10, outputTokens: 0, cachedInputTokens: 11 }, MAGISTRAL_MEDIUM),
    ).toThrow('cachedInputTokens (11) must not exceed inputTokens (10)');
    expect(() => costOf({ inputTokens: -1, outputTokens: 0 }, MAGISTRAL_MEDIUM)).toThrow(
      'inputTokens must be a non-negative safe integer, got -1',
    );
  });
});

describe('costOf, invalid rates', () => {
  const usage: TokenUsage = { inputTokens: 1, outputTokens: 1, cachedInputTokens: 1 };

  it.each<[keyof PriceRates]>([
    ['inputPerMillion'],
    ['outputPerMillion'],
    ['cachedInputPerMillion'],
  ])('refuses a negative %s', (field) => {
    const bad: PriceRates = { ...rates('1', '1', '1'), [field]: new Money('-0.01') };
    expect(() => costOf(usage, bad)).toThrow(InvalidMoneyError);
    expect(() => costOf(usage, bad)).toThrow(expect.objectContaining({ field }));
  });

  it('refuses a rate that is not finite', () => {
    const bad: PriceRates = { ...rates('1', '1'), outputPerMillion: new Money(NaN) };
    expect(() => costOf(usage, bad)).toThrow(InvalidMoneyError);
  });

  it('accepts a negative-zero rate as free', () => {
    const free: PriceRates = { ...rates('1', '1'), outputPerMillion: new Money('-0') };
    expect(formatMoney(costOf({ inputTokens: 0, outputTokens: 5 }, free))).toBe('0');
  });
});

describe('validatePriceRate', () => {
  it.each([
    ['2', '2'],
    ['0.10', '0.1'],
    ['0', '0'],
    ['-0', '0'],
    ['0.000000000001', '0.000000000001'],
    ['1.100000000000000000', '1.1'],
    ['99999999999999999999.999999999999', '99999999999999999999.999999999999'],
  ])('accepts %p', (input, expected) => {
    expect(formatMoney(validatePriceRate(input, 'inputPerMillion'))).toBe(expected);
  });

  it('refuses a negative price and names the field', () => {
    expect(() => validatePriceRate('-0.01', 'outputPerMillion')).toThrow(
      new InvalidMoneyError('outputPerMillion', 'outputPerMillion must not be negative'),
    );
  });

  it('refuses more than 12 significant decimals', () => {
    expect(() => validatePriceRate('0.0000000000001', 'inputPerMillion')).toThrow(
      'inputPerMillion must have at most 12 decimal places',
    );
  });

  it('refuses malformed strings with the field named', () => {
    expect(() => validatePriceRate('1e-3', 'cachedInputPerMillion')).toThrow(
      'cachedInputPerMillion must be a decimal string such as "10.00"',
    );
    expect(() => validatePriceRate('0.0000000000000000001', 'inputPerMillion')).toThrow(
      'inputPerMillion must have at most 18 decimal places',
    );
  });
});
