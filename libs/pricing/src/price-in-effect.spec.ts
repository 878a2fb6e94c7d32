import { priceInEffect } from './price-in-effect';

describe('priceInEffect', () => {
  const prices = [
    { id: 'c', effectiveFrom: new Date('2026-10-01T00:00:00Z') },
    { id: 'b', effectiveFrom: new Date('2026-07-05T00:00:00Z') },
  ];

  it('takes the latest price effective at or before the instant', () => {
    expect(priceInEffect(prices, new Date('2026-09-30T23:59:59.999Z'))?.id).toBe('b');
    expect(priceInEffect(prices, new Date('2026-10-01T00:00:00Z'))?.id).toBe('c');
  });

  it('finds none before the first price', () => {
    expect(priceInEffect(prices, new Date('2026-07-04T23:59:59.999Z'))).toBeUndefined();
  });
});
