import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@app/testing';
import { verifyWebhookSignature } from '../apps/worker/src/webhooks/webhook-signature';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

interface Delivery {
  signature: string;
  body: string;
}

describe('the low-balance webhook', () => {
  let system: TestSystem;
  let receiver: Server;
  let receiverUrl: string;
  const deliveries: Delivery[] = [];
  let failNext = 0;

  beforeAll(async () => {
    // The receiver is on loopback: only an operator's allow-list lets a webhook reach it.
    system = await startSystem({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failNext > 0) {
          failNext--;
          response.writeHead(500).end();
          return;
        }
        deliveries.push({ signature: String(request.headers['keeprouter-signature']), body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  });
  afterAll(async () => {
    await system.stop();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('fires once per crossing, signed, retried when the endpoint fails, and re-armed by a credit', async () => {
    const admin = adminClient(system.gateway.url);
    const account = await admin.createAccount('Alerted');
    await admin.credit(account.id, '10', 'alert-topup-1');
    const configured = await admin.call('PATCH', `/admin/accounts/${account.id}`, {
      low_balance_threshold: '9.99',
      webhook_url: receiverUrl,
    });
    expect(configured.status).toBe(200);
    expect(configured.body).toMatchObject({
      low_balance_threshold: '9.99',
      webhook_url: receiverUrl,
    });
    const secret = configured.body.webhook_secret as string;
    expect(secret).toMatch(/^whsec_/);
    const { key } = await admin.createKey(account.id);
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const chat = () =>
      fetch(`${system.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'magistral-medium-latest',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      });
    const priced = (n: number) =>
      waitFor(`${n} priced requests`, async () =>
        (await system.prisma.usageRecord.count({ where: { accountId: account.id } })) >= n
          ? true
          : undefined,
      );

    failNext = 1; // the first delivery attempt fails: the retry must bring it
    for (let i = 0; i < 5; i++) {
      expect((await chat()).status).toBe(200);
      await priced(i + 1);
    }
    // 10 − 3 × 0.0045 = 9.9865 crossed 9.99; the two requests after it do not fire again.
    await waitFor(
      'the webhook to arrive',
      () => (deliveries.length >= 1 ? true : undefined),
      15_000,
    );
    const first = deliveries[0];
    expect(verifyWebhookSignature(secret, first.signature, first.body)).toBe(true);
    expect(JSON.parse(first.body)).toMatchObject({
      type: 'account.low_balance',
      data: {
        account_id: account.id,
        balance: '9.9865',
        low_balance_threshold: '9.99',
        currency: 'usd',
      },
    });

    // A credit above the threshold re-arms the alert; the next crossing fires once more.
    await admin.credit(account.id, '0.1', 'alert-topup-2');
    for (let i = 0; i < 25; i++) expect((await chat()).status).toBe(200);
    await priced(30);
    await waitFor('the second webhook', () => (deliveries.length >= 2 ? true : undefined), 15_000);
    expect(deliveries).toHaveLength(2);
    expect(JSON.parse(deliveries[1].body).id).not.toBe(JSON.parse(first.body).id);
    const audit = await system.prisma.auditLog.findFirstOrThrow({
      where: { targetId: account.id, action: 'account.update' },
    });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(secret);
  }, 60_000);
});
