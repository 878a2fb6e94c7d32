import Decimal from 'decimal.js';
import { InvalidMoneyError } from './errors';

/**
 * Decimal constructor for every amount of money.
 *
 * Precision 100 keeps products of token counts (up to 10^12) and prices (up to 38 digits)
 * exact, so no cost is ever rounded. The exponent bounds keep `toString` in plain notation.
 */
export const Money = Decimal.clone({
  precision: 100,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});

/** An exact decimal amount of money (US dollars). */
export type Money = InstanceType<typeof Money>;

/** Decimal places stored for every amount: the database columns are `DECIMAL(38, 18)`. */
export const MONEY_SCALE = 18;

/** Integer digits that fit in a `DECIMAL(38, 18)` column. */
export const MONEY_MAX_INTEGER_DIGITS = 38 - MONEY_SCALE;

/**
 * Decimal places allowed in a per-million-tokens price.
 *
 * A per-token cost is the per-million price divided by 10^6, which adds 6 decimal places:
 * 12 + 6 = 18 = MONEY_SCALE. Every cost (a sum of integer multiples of per-token costs) is
 * therefore exactly storable, and billing never has to round.
 */
export const PRICE_MAX_DECIMALS = MONEY_SCALE - 6;

const PLAIN_DECIMAL = /^-?(\d+)(?:\.(\d+))?$/;

/**
 * Parses an amount received from outside (API body, configuration, seed file).
 *
 * Only a plain decimal string is accepted: JSON numbers would already have gone through a
 * float, and exponent notation or signs are refused so that one amount has one spelling.
 *
 * @param value - A string such as `"10.00"` or `"-0.5"`.
 * @param field - Name of the input, used in the error message.
 * @returns The exact amount; negative zero is normalised to zero.
 * @throws {@link InvalidMoneyError} if the string is not a plain decimal, has more than
 * {@link MONEY_MAX_INTEGER_DIGITS} integer digits or more than {@link MONEY_SCALE} decimals.
 */
export function parseMoney(value: string, field = 'amount'): Money {
  // The type says string, but values arrive from untyped JSON; refuse numbers explicitly.
  const match = typeof value === 'string' ? PLAIN_DECIMAL.exec(value) : null;
  if (match === null) {
    throw new InvalidMoneyError(field, `${field} must be a decimal string such as "10.00"`);
  }
  const [, integerDigits, decimalDigits = ''] = match;
  if (integerDigits.length > MONEY_MAX_INTEGER_DIGITS) {
    throw new InvalidMoneyError(
      field,
      `${field} must have at most ${MONEY_MAX_INTEGER_DIGITS} integer digits`,
    );
  }
  if (decimalDigits.length > MONEY_SCALE) {
    throw new InvalidMoneyError(field, `${field} must have at most ${MONEY_SCALE} decimal places`);
  }
  return withoutNegativeZero(new Money(value));
}

/**
 * Converts an amount that is already trusted (a Prisma `Decimal` read from the database, or
 * another decimal.js instance) into {@link Money}.
 *
 * Unlike {@link parseMoney}, exponent notation is accepted: Prisma prints 0.0000001 as
 * `"1e-7"`, and decimal.js reads that back exactly.
 *
 * @param value - A decimal-like object or a numeric string.
 * @param field - Name of the value, used in the error message.
 * @throws {@link InvalidMoneyError} if the value is not a finite number.
 */
export function toMoney(value: { toString(): string } | string, field = 'amount'): Money {
  const text = typeof value === 'string' ? value : value.toString();
  let money: Money;
  try {
    money = new Money(text);
  } catch {
    throw new InvalidMoneyError(field, `${field} must be a number, got "${text}"`);
  }
  if (!money.isFinite()) {
    throw new InvalidMoneyError(field, `${field} must be a finite number, got "${text}"`);
  }
  return withoutNegativeZero(money);
}

/**
 * Formats an amount for JSON responses: plain notation, no trailing zeros, never an exponent
 * and never `-0`.
 *
 * @example formatMoney(new Money('0.00450')) === '0.0045'
 * @example formatMoney(new Money('1e-7')) === '0.0000001'
 */
export function formatMoney(value: Money): string {
  return value.isZero() ? '0' : value.toFixed();
}

/**
 * Formats an amount for the public catalogue pages: `$2` for whole amounts, otherwise at least
 * two decimals (`$0.20`) and as many more as the amount needs (`$0.0045`), never rounded.
 *
 * @example formatUsd(new Money('1.5')) === '$1.50'
 * @example formatUsd(new Money('-1.5')) === '-$1.50'
 */
export function formatUsd(value: Money): string {
  const magnitude = value.abs();
  const digits = magnitude.isInteger() ? 0 : Math.max(2, magnitude.decimalPlaces());
  const sign = value.isNegative() && !value.isZero() ? '-' : '';
  return `${sign}$${magnitude.toFixed(digits)}`;
}

/** Zero must compare and print as plain zero, whatever sign the input carried. */
function withoutNegativeZero(value: Money): Money {
  return value.isZero() ? new Money(0) : value;
}
