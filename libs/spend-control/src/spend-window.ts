/** A key's budget window: UTC day, ISO week (from Monday) or calendar month; null = for ever. */
export type SpendLimitPeriod = 'day' | 'week' | 'month';

export const SPEND_LIMIT_PERIODS: readonly SpendLimitPeriod[] = ['day', 'week', 'month'];

/**
 * The start of the window `at` falls in, in UTC: the same boundaries as PostgreSQL's
 * `date_trunc(period, at, 'UTC')` (weeks start on Monday), which the worker uses to add a
 * charge to its window.
 */
export function windowStart(period: SpendLimitPeriod, at: Date): Date {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (period === 'week') {
    const sinceMonday = (start.getUTCDay() + 6) % 7;
    start.setUTCDate(start.getUTCDate() - sinceMonday);
  } else if (period === 'month') {
    start.setUTCDate(1);
  }
  return start;
}
