import {
  formatMoney,
  formatUsd,
  InvalidMoneyError,
  Money,
  MONEY_SCALE,
  parseMoney,
  PRICE_MAX_DECIMALS,
  toMoney,
} from '@app/pricing';

describe('constants', () => {
  it('lets a per-million price with the maximum decimals give an exactly storable per-token cost', () => {
    expect(PRICE_MAX_DECIMALS + 6).toBe(MONEY_SCALE);
  });
});

describe('parseMoney', () => {
  it.each([
    ['0', '0'],
    ['10', '10'],
    ['10.00', '10'],
    ['0.0045', '0.0045'],
    ['-1.50', '-1.5'],
    ['007.10', '7.1'],
    ['0.000000000000000001', '0.000000000000000001'],
    ['99999999999999999999', '99999999999999999999'],
    ['99999999999999999999.999999999999999999', '99999999999999999999.999999999999999999'],
  ])('accepts %p as %p', (input, expected) => {
    expect(formatMoney(parseMoney(input))).toBe(expected);
  });

  it('keeps every digit of a large amount with 18 decimals', () => {
    const value = parseMoney('12345678901234567890.123456789012345678');
    expect(value.toString()).toBe('12345678901234567890.123456789012345678');
  });

  it('normalises negative zero to zero', () => {
    const zero = parseMoney('-0.00');
    expect(zero.isNegative()).toBe(false);
    expect(formatMoney(zero)).toBe('0');
  });

  it.each([
    ['1e3'],
    ['1E3'],
    [' 1'],
    ['1 '],
    ['+1'],
    [''],
    ['1.'],
    ['.5'],
    ['-'],
    ['--1'],
    ['abc'],
    ['1,5'],
    ['1_000'],
    ['0x10'],
    ['NaN'],
    ['Infinity'],
    ['1.2.3'],
    ['١٢'],
  ])('refuses the malformed string %p', (input) => {
    expect(() => parseMoney(input)).toThrow(
      new InvalidMoneyError('amount', 'amount must be a decimal string such as "10.00"'),
    );
  });

  it('refuses 19 decimal places', () => {
    expect(() => parseMoney('0.0000000000000000001')).toThrow(
      'amount must have at most 18 decimal places',
    );
  });

  it('refuses 21 integer digits', () => {
    expect(() => parseMoney('100000000000000000000')).toThrow(
      'amount must have at most 20 integer digits',
    );
  });

  it('refuses values that are not strings at run time', () => {
    expect(() => parseMoney(10 as unknown as string)).toThrow(InvalidMoneyError);
    expect(() => parseMoney(null as unknown as string)).toThrow(InvalidMoneyError);
  });

  it('names the field in the error', () => {
    let caught: unknown;
    try {
      parseMoney('1e3', 'credit');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidMoneyError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'InvalidMoneyError',
      field: 'credit',
      message: 'credit must be a decimal string such as "10.00"',
    });
  });
});

describe('toMoney', () => {
  it('reads exponent notation as printed by a Prisma Decimal', () => {
    const prismaLike = { toString: () => '1e-7' };
    expect(formatMoney(toMoney(prismaLike))).toBe('0.0000001');
  });

  it('reads strings and other decimal instances exactly', () => {
    expect(formatMoney(toMoney('12.3400'))).toBe('12.34');
    expect(formatMoney(toMoney(new Money('0.000000000000000001')))).toBe('0.000000000000000001');
    expect(formatMoney(toMoney('1.5e+3'))).toBe('1500');
  });

  it('normalises negative zero', () => {
    expect(toMoney('-0').isNegative()).toBe(false);
  });

  it.each([['abc'], [''], ['NaN'], ['Infinity'], ['-Infinity']])(
    'refuses %p with the field named',
    (input) => {
      expect(() => toMoney(input, 'balance')).toThrow(InvalidMoneyError);
      expect(() => toMoney(input, 'balance')).toThrow(/^balance must be a/);
    },
  );
});

describe('formatMoney', () => {
  it.each([
    ['0.0045', '0.0045'],
    ['9.9955', '9.9955'],
    ['1e-7', '0.0000001'],
    ['1e-18', '0.000000000000000001'],
    ['10', '10'],
    ['10.000', '10'],
    ['1e+25', '10000000000000000000000000'],
    ['0', '0'],
    ['-0', '0'],
    ['-0.000', '0'],
    ['-2.50', '-2.5'],
  ])('formats %p as %p', (input, expected) => {
    expect(formatMoney(new Money(input))).toBe(expected);
  });
});

describe('formatUsd', () => {
  it.each([
    ['2', '$2'],
    ['5', '$5'],
    ['5.00', '$5'],
    ['0.2', '$0.20'],
    ['1.5', '$1.50'],
    ['0.9', '$0.90'],
    ['0.10', '$0.10'],
    ['0.30', '$0.30'],
    ['0.0045', '$0.0045'],
    ['0.0003', '$0.0003'],
    ['1e-7', '$0.0000001'],
    ['12.345', '$12.345'],
    ['1234567.89', '$1234567.89'],
    ['0', '$0'],
    ['-0', '$0'],
    ['-1.5', '-$1.50'],
    ['-2', '-$2'],
    ['-0.0045', '-$0.0045'],
  ])('formats %p as %p', (input, expected) => {
    expect(formatUsd(new Money(input))).toBe(expected);
  });
});
