import { toMoney } from '@app/pricing';
import { capabilityLabels, exampleRequestCost, priceFigures } from '@app/catalogue';
import type { CataloguePrice } from '@app/catalogue';

function price(input: string, output: string, cachedInput: string | null = null): CataloguePrice {
  return {
    inputPerMillion: toMoney(input),
    outputPerMillion: toMoney(output),
    cachedInputPerMillion: cachedInput === null ? null : toMoney(cachedInput),
    effectiveFrom: new Date('2026-07-05T00:00:00.000Z'),
  };
}

describe('priceFigures', () => {
  it.each([
    ['2', '5', '$2', '$5', '$0.0045'],
    ['0.20', '0.20', '$0.20', '$0.20', '$0.0003'],
    ['0.50', '1.50', '$0.50', '$1.50', '$0.00125'],
    ['2.50', '7.25', '$2.50', '$7.25', '$0.006125'],
    ['0.0045', '0', '$0.0045', '$0', '$0.0000045'],
  ])(
    '%s / %s per 1M read %s / %s, example request %s',
    (input, output, shownIn, shownOut, example) => {
      const figures = priceFigures(price(input, output));
      expect(figures).toEqual({
        input: shownIn,
        output: shownOut,
        cachedInput: null,
        exampleRequest: example,
        effectiveDate: '2026-07-05',
      });
    },
  );

  it('formats a cached input price when there is one', () => {
    expect(priceFigures(price('3', '15', '0.30')).cachedInput).toBe('$0.30');
  });

  it('computes the example cost exactly, without floats', () => {
    // 1,000 × 0.1 + 500 × 0.2 would not be exact in binary floating point.
    expect(exampleRequestCost(price('0.1', '0.2')).toFixed()).toBe('0.0002');
  });

  it('dates prices in UTC', () => {
    const late: CataloguePrice = {
      ...price('1', '1'),
      effectiveFrom: new Date('2026-07-05T23:30:00-05:00'),
    };
    expect(priceFigures(late).effectiveDate).toBe('2026-07-06');
  });
});

describe('capabilityLabels', () => {
  it('uses a fixed order whatever the order of the codes', () => {
    expect(capabilityLabels(['tools', 'streaming'])).toEqual([
      'Streaming',
      'Tool / function calling',
    ]);
    expect(capabilityLabels(['reasoning', 'vision', 'tools', 'streaming'])).toEqual([
      'Streaming',
      'Tool / function calling',
      'Vision (image input)',
      'Reasoning',
    ]);
  });

  it('keeps unknown codes, after the known ones, and drops duplicates', () => {
    expect(capabilityLabels(['zeta', 'streaming', 'audio', 'streaming'])).toEqual([
      'Streaming',
      'audio',
      'zeta',
    ]);
  });
});
