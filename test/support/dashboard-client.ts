/**
 * A browser-like client of the dashboard for HTTP-level tests: it keeps the session
 * cookie, sends the Origin a browser would send, and posts forms with the page's token.
 */
export class DashboardClient {
  cookie: string | undefined;
  setCookie: string | undefined;

  constructor(readonly url: string) {}

  async signIn(key: string, headers: Record<string, string> = {}) {
    const response = await this.post('/dashboard/session', { key }, headers);
    this.setCookie = response.headers.get('set-cookie') ?? undefined;
    const match = /kr_dashboard=([^;]*)/.exec(this.setCookie ?? '');
    if (response.status === 303 && match) this.cookie = `kr_dashboard=${match[1]}`;
    return response;
  }

  get(path: string) {
    return fetch(`${this.url}${path}`, {
      headers: this.cookie ? { cookie: this.cookie } : {},
      redirect: 'manual',
    });
  }

  async text(path: string): Promise<{ status: number; body: string; headers: Headers }> {
    const response = await this.get(path);
    return { status: response.status, body: await response.text(), headers: response.headers };
  }

  /** The session's form token, read from the page as a browser's form would carry it. */
  async csrfToken(): Promise<string> {
    const { body } = await this.text('/dashboard');
    const match = /name="_csrf" value="([^"]+)"/.exec(body);
    if (!match) throw new Error('no form token on the page');
    return match[1];
  }

  /** A form post, with the Origin header a browser sends (override it to play another site). */
  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const all: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      origin: this.url,
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...headers,
    };
    // An empty value stands for "no such header", as when a browser sends no Origin.
    for (const name of Object.keys(all)) if (all[name] === '') delete all[name];
    return fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: all,
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  }

  /** A form post with the session's token. */
  async submit(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.post(path, { _csrf: await this.csrfToken(), ...fields }, headers);
  }
}

/** The text of the element with this data-testid in a page, trimmed. */
export function textOfTestId(page: string, testId: string): string | undefined {
  const match = new RegExp(`data-testid="${testId}"[^>]*>\\s*([^<]*?)\\s*<`).exec(page);
  return match?.[1];
}
