import { parseUsageEvent } from './usage-event.schema';

const valid = {
  eventId: 'gen_abcdefghijklmnopqrstuvwx',
  accountId: 'acct_1',
  apiKeyId: 'key_1',
  modelId: 'magistral-medium-latest',
  surface: 'openai',
  streamed: false,
  inputTokens: 1000,
  outputTokens: 500,
  cachedInputTokens: 0,
  estimated: false,
  occurredAt: '2026-11-22T08:00:00.000Z',
};

describe('parseUsageEvent', () => {
  it('accepts a well-formed event', () => {
    expect(parseUsageEvent(valid)).toEqual(valid);
  });

  it.each([
    ['a negative token count', { inputTokens: -1 }],
    ['a fractional token count', { outputTokens: 1.5 }],
    ['more cached than input tokens', { cachedInputTokens: 1001 }],
    ['an unknown surface', { surface: 'grpc' }],
    ['a malformed event id', { eventId: 'not-an-id' }],
    ['a non-ISO time', { occurredAt: 'yesterday' }],
  ])('refuses %s', (_label, patch) => {
    expect(() => parseUsageEvent({ ...valid, ...patch })).toThrow();
  });
});
