import { isHttps, isSameOriginPost } from './same-origin';

describe('isSameOriginPost', () => {
  const host = 'dash.example:8080';

  it('accepts a post whose Origin, or else Referer, is this host', () => {
    expect(isSameOriginPost({ host, origin: 'http://dash.example:8080' })).toBe(true);
    expect(isSameOriginPost({ host, origin: 'https://dash.example:8080' })).toBe(true);
    expect(isSameOriginPost({ host, referer: 'http://dash.example:8080/dashboard' })).toBe(true);
    expect(
      isSameOriginPost({
        host,
        origin: 'http://dash.example:8080',
        'sec-fetch-site': 'same-origin',
      }),
    ).toBe(true);
  });

  it('refuses other sites, sibling sites, opaque origins and posts that say nothing', () => {
    expect(isSameOriginPost({ host, origin: 'http://evil.example' })).toBe(false);
    expect(isSameOriginPost({ host, origin: 'http://dash.example:8081' })).toBe(false);
    expect(isSameOriginPost({ host, origin: 'null' })).toBe(false);
    expect(isSameOriginPost({ host, origin: 'http://dash.example.evil.example:8080' })).toBe(false);
    expect(isSameOriginPost({ host, referer: 'http://evil.example/dash.example:8080' })).toBe(
      false,
    );
    expect(
      isSameOriginPost({ host, origin: 'http://dash.example:8080', 'sec-fetch-site': 'same-site' }),
    ).toBe(false);
    expect(
      isSameOriginPost({
        host,
        origin: 'http://dash.example:8080',
        'sec-fetch-site': 'cross-site',
      }),
    ).toBe(false);
    expect(isSameOriginPost({ host })).toBe(false);
    expect(isSameOriginPost({ origin: 'http://dash.example:8080' })).toBe(false);
  });
});

describe('isHttps', () => {
  it('is true over TLS or behind a proxy that says so', () => {
    expect(isHttps(true, {})).toBe(true);
    expect(isHttps(false, { 'x-forwarded-proto': 'https' })).toBe(true);
    expect(isHttps(false, { 'x-forwarded-proto': 'https, http' })).toBe(true);
    expect(isHttps(false, { 'x-forwarded-proto': 'http' })).toBe(false);
    expect(isHttps(false, {})).toBe(false);
  });
});
