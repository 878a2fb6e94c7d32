import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { LowBalanceWebhookProcessor } from '../apps/worker/src/webhooks/low-balance-webhook.processor';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

/**
 * Issue 10, hole 9: a low-balance webhook never reaches inside. A URL whose host resolves
 * to a loopback, link-local, private, CGNAT, unspecified or reserved address (IPv4 or
 * IPv6, IPv4-mapped included) is refused when it is set and again when it is delivered,
 * unless the operator allow-lists the host (here only 127.0.0.1); redirects are not followed.
 */
describe('webhook address guard', () => {
  let system: TestSystem;
  const received: Array<{ port: number; method: string; url: string }> = [];
  const servers: Server[] = [];

  /** A receiver on 127.0.0.1 that records what reaches it and answers as told. */
  async function receiver(answer: (request: IncomingMessage) => [number, Record<string, string>?]) {
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push({ port, method: request.method ?? '', url: request.url ?? '' });
        const [status, headers] = answer(request);
        response.writeHead(status, headers).end();
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return port;
  }

  beforeAll(async () => {
    system = await startSystem({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
  });
  beforeEach(() => (received.length = 0));
  afterAll(async () => {
    await system.stop();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const admin = () => adminClient(system.gateway.url);

  it.each([
    ['a name that resolves to loopback', 'http://localhost:9/hooks'],
    ['the IPv6 loopback', 'http://[::1]:9/hooks'],
    ['an IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]:9/hooks'],
    ['an IPv4-mapped loopback in hex', 'http://[::ffff:7f00:1]:9/hooks'],
    ['another loopback address', 'http://127.0.0.2:9/hooks'],
    ['the cloud metadata service', 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', 'http://10.0.0.1/hooks'],
    ['a private network (172.16/12)', 'https://172.20.1.1/hooks'],
    ['a carrier-grade NAT address', 'http://100.64.0.1/hooks'],
    ['the unspecified address', 'http://0.0.0.0:9/hooks'],
    ['the IPv6 unspecified address', 'http://[::]:9/hooks'],
    ['an IPv6 link-local address', 'http://[fe80::1]/hooks'],
    ['an IPv6 unique-local address', 'http://[fd00::1]/hooks'],
    ['loopback written as one decimal number', 'http://2130706433:9/hooks'],
  ])('refuses %s when it is set (400, nothing stored)', async (_what, url) => {
    const account = await admin().createAccount('Guarded');
    const refused = await admin().call('PATCH', `/admin/accounts/${account.id}`, {
      webhook_url: url,
      low_balance_threshold: '1',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_request',
      param: 'webhook_url',
    });
    const stored = await system.prisma.account.findUniqueOrThrow({ where: { id: account.id } });
    expect(stored.webhookUrl).toBeNull();
    expect(stored.lowBalanceThreshold).toBeNull();
  });

  it('says why, naming the address and the setting that allows it', async () => {
    const account = await admin().createAccount('Told');
    const refused = await admin().call('PATCH', `/admin/accounts/${account.id}`, {
      webhook_url: 'http://localhost:9/hooks',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(
      /^webhook_url host 'localhost' resolves to (127\.0\.0\.1|::1), which is a loopback, private or reserved address; an operator can allow it with WEBHOOK_ALLOWED_HOSTS$/,
    );
  });

  it('accepts a host the operator allow-listed', async () => {
    const account = await admin().createAccount('Allowed');
    const accepted = await admin().call('PATCH', `/admin/accounts/${account.id}`, {
      webhook_url: 'http://127.0.0.1:9/hooks',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.webhook_url).toBe('http://127.0.0.1:9/hooks');
  });

  /** Runs one delivery attempt of a crossing of this account, as the worker does. */
  const deliver = (accountId: string) =>
    system.worker!.get(LowBalanceWebhookProcessor).process({
      data: {
        eventId: `evt_guard_${Date.now()}`,
        accountId,
        balance: '0.5',
        threshold: '1',
        occurredAt: new Date().toISOString(),
      },
    } as Job);

  /** An account whose stored URL is what DNS or an old release left there. */
  async function accountWithStoredUrl(webhookUrl: string) {
    const account = await admin().createAccount('Stored');
    await system.prisma.account.update({
      where: { id: account.id },
      data: { webhookUrl, webhookSecret: 'whsec_test', lowBalanceThreshold: '1' },
    });
    return account.id as string;
  }

  it('refuses at delivery a URL that resolves to loopback by then, and connects nowhere', async () => {
    const port = await receiver(() => [200]);
    // localhost resolves to 127.0.0.1 (and ::1): as a name whose DNS changed after it was set.
    const accountId = await accountWithStoredUrl(`http://localhost:${port}/hooks`);
    await expect(deliver(accountId)).rejects.toThrow(/localhost.*loopback, private or reserved/);
    expect(received).toEqual([]);
  });

  it('delivers to an allow-listed host, and does not follow its redirect', async () => {
    const inside = await receiver(() => [200]);
    const redirecting = await receiver(() => [
      307,
      { location: `http://127.0.0.1:${inside}/stolen` },
    ]);
    const accountId = await accountWithStoredUrl(`http://127.0.0.1:${redirecting}/hooks`);
    await expect(deliver(accountId)).rejects.toThrow(/answered 307/);
    expect(received).toEqual([{ port: redirecting, method: 'POST', url: '/hooks' }]);

    const direct = await accountWithStoredUrl(`http://127.0.0.1:${inside}/hooks`);
    await expect(deliver(direct)).resolves.toBe('delivered (200)');
    expect(received.map((r) => r.port)).toEqual([redirecting, inside]);
  });
});
