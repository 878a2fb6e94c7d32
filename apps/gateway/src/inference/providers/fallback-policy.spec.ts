import { failureOfError, failureOfStatus } from './fallback-policy';

describe('fallback policy', () => {
  it('falls back on a refused or reset connection and on no headers in time', () => {
    expect(failureOfError({ code: 'ECONNREFUSED' })).toBe('connect');
    expect(failureOfError({ code: 'ECONNRESET' })).toBe('connect');
    expect(failureOfError({ code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } })).toBe(
      'connect',
    );
    expect(failureOfError({ code: 'UND_ERR_HEADERS_TIMEOUT' })).toBe('timeout');
    expect(failureOfError({ code: 'UND_ERR_CONNECT_TIMEOUT' })).toBe('timeout');
  });

  it('does not fall back on anything else, nor on the total timeout', () => {
    expect(failureOfError(new Error('boom'))).toBeUndefined();
    expect(failureOfError({ name: 'TimeoutError' })).toBeUndefined();
    expect(failureOfError({ code: 'UND_ERR_BODY_TIMEOUT' })).toBeUndefined();
  });

  it('falls back on 429 and 5xx, never on the request’s own 4xx', () => {
    expect(failureOfStatus(429)).toBe('rate_limited');
    expect(failureOfStatus(500)).toBe('server_error');
    expect(failureOfStatus(503)).toBe('server_error');
    expect(failureOfStatus(529)).toBe('server_error');
    for (const status of [400, 401, 403, 404, 413, 422])
      expect(failureOfStatus(status)).toBeUndefined();
  });
});
