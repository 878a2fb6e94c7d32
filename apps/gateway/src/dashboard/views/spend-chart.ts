import { formatMoney, Money } from '@app/pricing';
import type { DailySpend } from '../../accounts/usage.service';

/** One stacked series: numbers for drawing only, the exact strings for every label. */
export interface ChartSeries {
  label: string;
  values: number[];
  exact: string[];
}

/** What the browser draws: days on x, one series per model (or key), exact totals per day. */
export interface ChartData {
  days: string[];
  series: ChartSeries[];
  totals: string[];
  /** Exact sum over the whole range. */
  total: string;
}

const OTHER = 'other';

/**
 * Turns daily spend rows into chart series: the `maxSeries` biggest groups over the range
 * each get a series and the rest are summed into "other", so the legend stays readable.
 * All sums are exact (decimal); the numbers given to the chart library are conversions of
 * those exact strings, used for bar heights and nothing else.
 */
export function spendChart(
  spend: DailySpend,
  labelOf: (group: string) => string,
  maxSeries = 6,
): ChartData {
  const totalsByGroup = new Map<string, Money>();
  for (const row of spend.data) {
    totalsByGroup.set(row.group, (totalsByGroup.get(row.group) ?? new Money(0)).plus(row.cost));
  }
  const ranked = [...totalsByGroup.entries()]
    .sort(([a, x], [b, y]) => y.comparedTo(x) || (a < b ? -1 : 1))
    .map(([group]) => group);
  const shown = ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked;
  const seriesOf = (group: string) => (shown.includes(group) ? group : OTHER);
  const seriesNames = ranked.length > shown.length ? [...shown, OTHER] : shown;

  const dayIndex = new Map(spend.days.map((day, i) => [day, i]));
  const cells = new Map(
    seriesNames.map((name) => [name, spend.days.map(() => new Money(0))] as const),
  );
  const dayTotals = spend.days.map(() => new Money(0));
  for (const row of spend.data) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    const cell = cells.get(seriesOf(row.group))!;
    cell[i] = cell[i].plus(row.cost);
    dayTotals[i] = dayTotals[i].plus(row.cost);
  }
  return {
    days: spend.days,
    series: seriesNames.map((name) => {
      const amounts = cells.get(name)!;
      return {
        label: name === OTHER ? 'other' : labelOf(name),
        values: amounts.map((amount) => amount.toNumber()),
        exact: amounts.map(formatMoney),
      };
    }),
    totals: dayTotals.map(formatMoney),
    total: formatMoney(dayTotals.reduce((sum, amount) => sum.plus(amount), new Money(0))),
  };
}
