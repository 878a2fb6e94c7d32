import type { DailySpend } from '../../accounts/usage.service';
import { spendChart } from './spend-chart';

const days = ['2026-12-01', '2026-12-02', '2026-12-03'];
const spend = (data: DailySpend['data']): DailySpend => ({
  object: 'daily_spend',
  by: 'model',
  days,
  data,
});
const row = (day: string, group: string, cost: string) => ({ day, group, requests: 1, cost });

describe('spendChart', () => {
  it('keeps every amount exact: per series and day, per day, and over the range', () => {
    const chart = spendChart(
      spend([
        row('2026-12-01', 'a', '0.1'),
        row('2026-12-01', 'b', '0.2'),
        row('2026-12-03', 'a', '0.000000000000000001'),
      ]),
      (group) => `model ${group}`,
    );
    expect(chart.days).toEqual(days);
    expect(chart.series.map((s) => s.label)).toEqual(['model b', 'model a']);
    expect(chart.series[1].exact).toEqual(['0.1', '0', '0.000000000000000001']);
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(chart.totals).toEqual(['0.3', '0', '0.000000000000000001']);
    expect(chart.total).toBe('0.300000000000000001');
    // Numbers are only for drawing.
    expect(chart.series[0].values).toEqual([0.2, 0, 0]);
  });

  it('sums the smallest groups into "other" beyond the series limit', () => {
    const chart = spendChart(
      spend([
        row('2026-12-01', 'big', '5'),
        row('2026-12-01', 'mid', '3'),
        row('2026-12-02', 'small', '1'),
        row('2026-12-02', 'tiny', '0.5'),
      ]),
      (group) => group,
      3,
    );
    expect(chart.series.map((s) => s.label)).toEqual(['big', 'mid', 'other']);
    expect(chart.series[2].exact).toEqual(['0', '1.5', '0']);
    expect(chart.total).toBe('9.5');
  });

  it('has no series when nothing was spent', () => {
    expect(spendChart(spend([]), String)).toMatchObject({
      series: [],
      totals: ['0', '0', '0'],
      total: '0',
    });
  });
});
