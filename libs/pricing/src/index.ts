export { InvalidMoneyError, InvalidUsageError } from './errors';
export {
  formatMoney,
  formatUsd,
  Money,
  MONEY_MAX_INTEGER_DIGITS,
  MONEY_SCALE,
  parseMoney,
  PRICE_MAX_DECIMALS,
  toMoney,
} from './money';
export { costOf, ratesOf, validatePriceRate } from './cost';
export type { PriceRates, TokenUsage } from './cost';
export { fromMicros, toMicrosCeil, toMicrosFloor } from './micros';
export { priceInEffect } from './price-in-effect';
