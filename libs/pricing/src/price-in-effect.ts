/**
 * The price in effect at an instant: the latest one effective at or before it. The one
 * rule for the gateway (holds, `usage.cost`) and the worker (the charge), so the cost a
 * customer is shown is the cost they are charged. `pricesNewestFirst` is sorted by
 * effective date, newest first.
 */
export function priceInEffect<T extends { effectiveFrom: Date }>(
  pricesNewestFirst: readonly T[],
  at: Date,
): T | undefined {
  return pricesNewestFirst.find((price) => price.effectiveFrom.getTime() <= at.getTime());
}
