type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/**
 * True when a form post comes from one of the dashboard's own pages: the browser's
 * Sec-Fetch-Site (when sent) says same-origin, and the Origin (else the Referer) names this
 * host. A post with neither header is refused: every browser sends Origin on a form post,
 * so only a non-browser client can lack both, and it has no business posting forms.
 * Compared by host only, so a TLS-terminating proxy in front does not break it.
 */
export function isSameOriginPost(headers: Headers): boolean {
  const fetchSite = header(headers, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const host = header(headers, 'host');
  if (!host) return false;
  const origin = header(headers, 'origin');
  if (origin !== undefined) return hostOf(origin) === host;
  const referer = header(headers, 'referer');
  return referer !== undefined && hostOf(referer) === host;
}

/** True when the request reached us, or the proxy in front of us, over https. */
export function isHttps(secure: boolean, headers: Headers): boolean {
  const forwarded = header(headers, 'x-forwarded-proto');
  return secure || forwarded?.split(',')[0].trim() === 'https';
}
