import fc from 'fast-check';
import { windowStart } from './spend-window';

describe('windowStart', () => {
  const at = new Date('2026-12-04T15:38:23.123Z'); // a Friday

  it('is UTC midnight of the day, the Monday of the week, the 1st of the month', () => {
    expect(windowStart('day', at).toISOString()).toBe('2026-12-04T00:00:00.000Z');
    expect(windowStart('week', at).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(windowStart('month', at).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('puts a Monday and a Sunday in the week starting that Monday', () => {
    expect(windowStart('week', new Date('2026-11-30T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
    expect(windowStart('week', new Date('2026-12-06T23:59:59.999Z')).toISOString()).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('is never after the instant and less than a window before it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
        fc.constantFrom('day' as const, 'week' as const, 'month' as const),
        (instant, period) => {
          const start = windowStart(period, instant);
          const span = { day: 1, week: 7, month: 31 }[period] * 86_400_000;
          return start <= instant && instant.getTime() - start.getTime() < span;
        },
      ),
    );
  });
});
