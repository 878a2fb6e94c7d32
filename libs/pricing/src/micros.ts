import { Money } from './money';

/**
 * Whole micro-dollars (10^-6 USD), for the Redis side of spend control: Lua does its
 * arithmetic in doubles, exact on integers up to 2^53 micro-dollars (about $9 billion).
 * The rounding is always against the customer's spending power, never in its favour:
 * holds round up, balances round down. Nothing billed is computed in micros.
 */
const MICROS_PER_DOLLAR = new Money(1_000_000);

/** The amount in micro-dollars, rounded up (for holds and amounts spent). */
export function toMicrosCeil(amount: Money): string {
  return amount.times(MICROS_PER_DOLLAR).ceil().toFixed(0);
}

/** The amount in micro-dollars, rounded down (for balances). */
export function toMicrosFloor(amount: Money): string {
  return amount.times(MICROS_PER_DOLLAR).floor().toFixed(0);
}

/** Micro-dollars back to dollars, exactly. */
export function fromMicros(micros: string): Money {
  return new Money(micros).dividedBy(MICROS_PER_DOLLAR);
}
