import Redis from 'ioredis';
import { insertAccountWithKey, type TestAccount } from '@app/testing';
import { DashboardClient, textOfTestId } from './support/dashboard-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/** HTTP-level checks of the dashboard's session, its cross-site defences and what it shows. */
describe('the customer dashboard over HTTP', () => {
  let system: TestSystem;
  let url: string;

  beforeAll(async () => {
    system = await startSystem();
    url = system.gateway.url;
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  });
  afterAll(async () => {
    await system.stop();
  });

  /** A funded account with a management key and one priced request of $0.0045. */
  async function customerWithUsage() {
    const customer = await fundedCustomer(system, '10');
    const reply = await customer.openai.chat.completions.create({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await customer.priced(1);
    // A management key sees its keys by name on the pages (it could not call models).
    await system.prisma.apiKey.update({
      where: { id: customer.keyId },
      data: { scope: 'management', name: 'ops' },
    });
    return { ...customer, generationId: reply.id };
  }

  describe('without a session', () => {
    it('shows the sign-in form and no account data', async () => {
      const customer = await customerWithUsage();
      const page = await new DashboardClient(url).text('/dashboard');
      expect(page.status).toBe(200);
      expect(page.body).toContain('action="/dashboard/session"');
      expect(page.body).not.toContain('9.9955');
      expect(page.body).not.toContain('data-testid="balance"');
      for (const path of [
        '/dashboard/ledger',
        '/dashboard/requests',
        `/dashboard/generations/${customer.generationId}`,
        '/dashboard/usage.csv?group_by=model',
      ]) {
        const other = await new DashboardClient(url).text(path);
        expect(other.status).toBe(401);
        expect(other.body).toContain('action="/dashboard/session"');
        expect(other.body).not.toContain('0.0045');
      }
    });

    it('refuses a forged cookie', async () => {
      const client = new DashboardClient(url);
      client.cookie = `kr_dashboard=${'A'.repeat(43)}`;
      expect((await client.text('/dashboard/ledger')).status).toBe(401);
    });
  });

  describe('signing in', () => {
    let account: TestAccount;
    beforeEach(async () => {
      account = await insertAccountWithKey(system.prisma, { balance: '1' });
    });

    it('sets an HttpOnly, SameSite=Strict session cookie that is not the key', async () => {
      const client = new DashboardClient(url);
      const response = await client.signIn(account.key);
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/dashboard');
      const cookie = client.setCookie!;
      expect(cookie).toMatch(/^kr_dashboard=[A-Za-z0-9_-]{43}; /);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      expect(cookie).toContain('Path=/dashboard');
      expect(cookie).toMatch(/Max-Age=\d+/);
      expect(cookie).not.toContain('Secure');
      expect(cookie).not.toContain(account.key);
      expect(cookie).not.toContain(account.key.slice(3, 20));
      // The server-side session holds the key id, never the key, under a hashed name.
      const redis = new Redis(system.config.redis.url);
      try {
        const names = await redis.keys(`${system.config.redis.prefix}:dashboard-session:*`);
        expect(names.length).toBeGreaterThan(0);
        const sessionId = /kr_dashboard=([^;]+)/.exec(cookie)![1];
        for (const name of names) {
          expect(name).not.toContain(sessionId);
          expect(await redis.get(name)).not.toContain(account.key);
          expect(await redis.ttl(name)).toBeGreaterThan(0);
        }
      } finally {
        redis.disconnect();
      }
      expect((await client.text('/dashboard')).body).toContain('data-testid="balance"');
    });

    it('marks the cookie Secure behind an https proxy', async () => {
      const client = new DashboardClient(url);
      await client.signIn(account.key, { 'x-forwarded-proto': 'https' });
      expect(client.setCookie).toContain('Secure');
    });

    it('answers a wrong key with the form again (401), no cookie', async () => {
      const client = new DashboardClient(url);
      const response = await client.signIn(`kr-${'x'.repeat(48)}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie')).toBeNull();
      expect(await response.text()).toContain('was not accepted');
    });

    it('refuses a sign-in posted from another site, or with no origin at all', async () => {
      const attempts: Array<Record<string, string>> = [
        { origin: 'https://evil.example' },
        { origin: 'null' },
        { origin: url, 'sec-fetch-site': 'cross-site' },
        { origin: url, 'sec-fetch-site': 'same-site' },
        { origin: '', referer: 'https://evil.example/page' },
        { origin: '' },
      ];
      for (const headers of attempts) {
        const client = new DashboardClient(url);
        const response = await client.signIn(account.key, headers);
        expect(response.status).toBe(403);
        expect(response.headers.get('set-cookie')).toBeNull();
      }
    });

    it('accepts a same-origin Referer when a browser sends no Origin', async () => {
      const client = new DashboardClient(url);
      const response = await client.post(
        '/dashboard/session',
        { key: account.key },
        { origin: '', referer: `${url}/dashboard` },
      );
      expect(response.status).toBe(303);
    });
  });

  describe('signed in', () => {
    it('shows the balance, the charts data and the requests exactly as the API gives them', async () => {
      const customer = await customerWithUsage();
      const client = new DashboardClient(url);
      await client.signIn(customer.key);
      const api = await customer.get('/v1/account');
      const page = await client.text('/dashboard');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(textOfTestId(page.body, 'balance')).toBe(`$${api.balance}`);
      expect(api.balance).toBe('9.9955');
      expect(textOfTestId(page.body, 'available')).toBe(`$${api.available}`);
      const chartJson =
        /<script type="application\/json" id="spend-by-model">([^<]*)<\/script>/.exec(page.body);
      const chart = JSON.parse(chartJson![1]);
      expect(chart.series[0]).toMatchObject({ label: 'magistral-medium-latest' });
      expect(chart.series[0].exact).toContain('0.0045');
      expect(chart.total).toBe('0.0045');
      expect(page.body).toContain(`/dashboard/generations/${customer.generationId}`);

      const detail = await client.text(`/dashboard/generations/${customer.generationId}`);
      expect(detail.status).toBe(200);
      expect(textOfTestId(detail.body, 'generation-cost')).toBe('$0.0045');
      expect(detail.body).toContain('ops (kr-');
    });

    it('sends a strict Content-Security-Policy, no framing, and no inline script or style', async () => {
      const customer = await customerWithUsage();
      const client = new DashboardClient(url);
      await client.signIn(customer.key);
      const page = await client.text('/dashboard');
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      const scripts = page.body.match(/<script[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts)
        expect(tag).toMatch(/ src="\/dashboard\/assets\/|type="application\/json"/);
      expect(page.body).not.toContain('<style');
      for (const tag of page.body.match(/<[a-z][^>]*>/gi) ?? []) {
        // Attribute values are quoted, their own quotes escaped: look at names only.
        expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\sstyle=|\son[a-z]+=/i);
      }
      // The charting library is served by the gateway itself (no CDN).
      const library = await client.get('/dashboard/assets/chart.umd.min.js');
      expect(library.status).toBe(200);
      expect(await library.text()).toContain('Chart');
      expect(page.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
    });

    it("answers another account's request id with not found, and shows none of it", async () => {
      const owner = await customerWithUsage();
      const other = await insertAccountWithKey(system.prisma, { balance: '5' });
      const client = new DashboardClient(url);
      await client.signIn(other.key);
      const page = await client.text(`/dashboard/generations/${owner.generationId}`);
      expect(page.status).toBe(404);
      expect(page.body).not.toContain('0.0045');
      expect(page.body).not.toContain('magistral');
      const home = await client.text('/dashboard');
      expect(home.body).not.toContain(owner.generationId);
    });

    it('downloads the usage CSV', async () => {
      const customer = await customerWithUsage();
      const client = new DashboardClient(url);
      await client.signIn(customer.key);
      const response = await client.get('/dashboard/usage.csv?group_by=model');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toContain('attachment');
      const csv = await response.text();
      expect(csv).toContain('magistral-medium-latest,1,1000,500,0.0045');
      expect((await client.get('/dashboard/usage.csv?group_by=nope')).status).toBe(400);
    });

    it('pages through the ledger', async () => {
      const customer = await customerWithUsage();
      const client = new DashboardClient(url);
      await client.signIn(customer.key);
      const first = await client.text('/dashboard/ledger?limit=1');
      expect(first.body).toContain('-0.0045');
      const next = /href="\/dashboard\/ledger\?cursor=(\d+)"/.exec(first.body);
      expect(next).not.toBeNull();
      const second = await client.text(`/dashboard/ledger?cursor=${next![1]}&limit=1`);
      expect(second.body).toMatch(/>\s*10\s*</);
      expect(second.body).not.toContain('-0.0045');
    });

    it('signs out: the cookie is cleared and the session is gone on the server', async () => {
      const account = await insertAccountWithKey(system.prisma, { balance: '1' });
      const client = new DashboardClient(url);
      await client.signIn(account.key);
      const cookie = client.cookie;
      const response = await client.submit('/dashboard/session/delete', {});
      expect(response.status).toBe(303);
      expect(response.headers.get('set-cookie')).toMatch(/kr_dashboard=; .*Max-Age=0/);
      const replay = new DashboardClient(url);
      replay.cookie = cookie;
      expect((await replay.text('/dashboard/ledger')).status).toBe(401);
    });
  });

  describe('forms', () => {
    let management: TestAccount;
    let client: DashboardClient;
    beforeEach(async () => {
      management = await insertAccountWithKey(system.prisma, { balance: '3', scope: 'management' });
      client = new DashboardClient(url);
      await client.signIn(management.key);
    });

    const keyCount = () =>
      system.prisma.apiKey.count({ where: { accountId: management.accountId } });

    it('refuse a post without the session token, or from another origin with it', async () => {
      const before = await keyCount();
      expect((await client.post('/dashboard/keys', { name: 'x' })).status).toBe(403);
      expect((await client.post('/dashboard/keys', { name: 'x', _csrf: 'wrong' })).status).toBe(
        403,
      );
      const token = await client.csrfToken();
      const forged = await client.post(
        '/dashboard/keys',
        { name: 'x', _csrf: token },
        { origin: 'https://evil.example' },
      );
      expect(forged.status).toBe(403);
      expect(await keyCount()).toBe(before);
    });

    it('create a key whose plaintext is shown once and never again', async () => {
      const response = await client.submit('/dashboard/keys', {
        name: 'laptop',
        scope: 'inference',
        spend_limit: '2.50',
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = await response.text();
      const plaintext = /value="(kr-[0-9A-Za-z]{40,})"/.exec(body)![1];
      const account = await fetch(`${url}/v1/account`, {
        headers: { authorization: `Bearer ${plaintext}` },
      });
      expect(account.status).toBe(200);
      for (const path of ['/dashboard', '/dashboard/ledger', '/dashboard/requests']) {
        const later = await client.text(path);
        expect(later.body).not.toContain(plaintext);
        expect(later.body).not.toContain(plaintext.slice(10));
      }
      expect((await client.text('/dashboard')).body).toContain('$2.5');
    });

    it('escape what customers typed', async () => {
      await client.submit('/dashboard/keys', { name: '<img src=x onerror=alert(1)>"' });
      const page = await client.text('/dashboard');
      expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;');
      expect(page.body).not.toContain('<img src=x');
    });

    it('answer a bad amount with the API rule, and change nothing', async () => {
      const before = await keyCount();
      const response = await client.submit('/dashboard/keys', { name: 'x', spend_limit: '1e3' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('spend_limit must be');
      expect(await keyCount()).toBe(before);
    });

    it('set a key spend-limit period and rate limits, change and clear them, refuse bad ones', async () => {
      const created = await client.submit('/dashboard/keys', {
        name: 'limited',
        scope: 'inference',
        spend_limit: '2.50',
        spend_limit_period: 'day',
        requests_per_minute: '30',
        tokens_per_minute: '',
      });
      expect(created.status).toBe(200);
      expect(await created.text()).toContain('30 requests per minute');
      const stored = await system.prisma.apiKey.findFirstOrThrow({
        where: { name: 'limited', accountId: management.accountId },
      });
      expect(stored).toMatchObject({
        spendLimitPeriod: 'day',
        rateLimitPerMinute: 30,
        tokensPerMinute: null,
      });
      expect(stored.spendLimit?.toString()).toBe('2.5');
      const page = await client.text('/dashboard');
      expect(page.body).toContain('$2.5 per UTC day');
      const changed = await client.submit(`/dashboard/keys/${stored.id}`, {
        spend_limit: '2.50',
        spend_limit_period: 'month',
        requests_per_minute: '',
        tokens_per_minute: '5000',
      });
      expect(changed.status).toBe(303);
      expect(
        await system.prisma.apiKey.findUniqueOrThrow({ where: { id: stored.id } }),
      ).toMatchObject({
        spendLimitPeriod: 'month',
        rateLimitPerMinute: null,
        tokensPerMinute: 5000,
      });
      expect((await client.text('/dashboard')).body).toContain('5000 tokens per minute');
      for (const bad of [{ requests_per_minute: 'lots' }, { spend_limit_period: 'year' }] as Array<
        Record<string, string>
      >) {
        const refused = await client.submit(`/dashboard/keys/${stored.id}`, bad);
        expect(refused.status).toBe(400);
        expect(await refused.text()).toContain(`${Object.keys(bad)[0]} must`);
      }
      expect(
        await system.prisma.apiKey.findUniqueOrThrow({ where: { id: stored.id } }),
      ).toMatchObject({
        spendLimitPeriod: 'month',
        rateLimitPerMinute: null,
        tokensPerMinute: 5000,
      });
    });

    it("disable and revoke a key: that key's own session stops at its next request", async () => {
      const created = await client.submit('/dashboard/keys', {
        name: 'second',
        scope: 'management',
      });
      const plaintext = /value="(kr-[0-9A-Za-z]+)"/.exec(await created.text())![1];
      const second = new DashboardClient(url);
      expect((await second.signIn(plaintext)).status).toBe(303);
      const secondId = (
        await system.prisma.apiKey.findFirstOrThrow({
          where: { name: 'second', accountId: management.accountId },
        })
      ).id;

      expect(
        (await client.submit(`/dashboard/keys/${secondId}`, { disabled: 'true' })).status,
      ).toBe(303);
      const refused = await second.text('/dashboard');
      expect(refused.body).toContain('action="/dashboard/session"');
      expect(refused.body).not.toContain('data-testid="balance"');

      expect(
        (await client.submit(`/dashboard/keys/${secondId}`, { disabled: 'false' })).status,
      ).toBe(303);
      expect((await second.signIn(plaintext)).status).toBe(303);
      expect((await second.text('/dashboard')).body).toContain('data-testid="balance"');

      expect((await client.submit(`/dashboard/keys/${secondId}/revoke`, {})).status).toBe(303);
      expect((await second.text('/dashboard/ledger')).status).toBe(401);
      expect((await second.signIn(plaintext)).status).toBe(401);
      const stored = await system.prisma.apiKey.findUniqueOrThrow({ where: { id: secondId } });
      expect(stored.revokedAt).not.toBeNull();
    });

    it("refuse an inference key's session any change", async () => {
      const inference = await insertAccountWithKey(system.prisma, { balance: '1' });
      const reader = new DashboardClient(url);
      await reader.signIn(inference.key);
      expect((await reader.text('/dashboard')).body).toContain('Sign in with a management key');
      const response = await reader.submit('/dashboard/keys', { name: 'x' });
      expect(response.status).toBe(403);
      expect(await system.prisma.apiKey.count({ where: { accountId: inference.accountId } })).toBe(
        1,
      );
    });

    it('set and clear the low-balance threshold', async () => {
      expect(
        (await client.submit('/dashboard/alert', { low_balance_threshold: '1.25' })).status,
      ).toBe(303);
      const set = await system.prisma.account.findUniqueOrThrow({
        where: { id: management.accountId },
      });
      expect(set.lowBalanceThreshold?.toString()).toBe('1.25');
      const page = (await client.text('/dashboard')).body;
      expect(textOfTestId(page, 'alert-threshold')).toBe('$1.25');
      expect((await client.submit('/dashboard/alert', { low_balance_threshold: '' })).status).toBe(
        303,
      );
      const cleared = await system.prisma.account.findUniqueOrThrow({
        where: { id: management.accountId },
      });
      expect(cleared.lowBalanceThreshold).toBeNull();
    });
  });
});
