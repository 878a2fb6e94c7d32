import type { Queue } from 'bullmq';
import type { UsageEventProducer } from '@app/queue';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent, usageQueue } from './support/usage-events';

describe('the admin accounts and queue API', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;
  let queue: Queue;
  let producer: UsageEventProducer;

  beforeAll(async () => {
    system = await startSystem();
    admin = adminClient(system.gateway.url);
    ({ queue, producer } = usageQueue(system.config));
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  });
  afterAll(async () => {
    await queue.close();
    await system.stop();
  });

  const chat = (key: string) =>
    fetch(`${system.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });

  it('lists accounts with search and cursor pagination', async () => {
    const names = ['Alpha Corp', 'Beta Labs', 'Gamma Alpha', 'Delta'];
    const created = [];
    for (const name of names) created.push(await admin.createAccount(name));
    const search = await admin.call('GET', '/admin/accounts?search=alpha');
    expect(search.body.data.map((a: any) => a.name).sort()).toEqual(['Alpha Corp', 'Gamma Alpha']);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (
        await admin.call('GET', `/admin/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      seen.push(...page.data.map((a: any) => a.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const account of created) expect(seen).toContain(account.id);
    expect((await admin.call('GET', '/admin/accounts?limit=-1')).status).toBe(400);
    expect((await admin.call('GET', '/admin/accounts?cursor=bogus')).status).toBe(400);
  });

  it('suspends an account (its keys get 403 on the next request) and reactivates it', async () => {
    const customer = await insertAccountWithKey(system.prisma, { balance: '10' });
    expect((await chat(customer.key)).status).toBe(200);
    const suspended = await admin.call('PATCH', `/admin/accounts/${customer.accountId}`, {
      status: 'suspended',
    });
    expect(suspended.body.status).toBe('suspended');
    const refused = await chat(customer.key);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('account_suspended');
    await admin.call('PATCH', `/admin/accounts/${customer.accountId}`, { status: 'active' });
    expect((await chat(customer.key)).status).toBe(200);
    expect(
      (await admin.call('PATCH', `/admin/accounts/${customer.accountId}`, { status: 'closed' }))
        .status,
    ).toBe(400);
  });

  it('corrects a balance with a signed adjustment that needs a note, all in the ledger and the audit log', async () => {
    const account = await admin.createAccount('Adjusted');
    await admin.credit(account.id, '10', 'adj-topup');
    const debit = await admin.call(
      'POST',
      `/admin/accounts/${account.id}/credits`,
      { amount: '-2.5', note: 'refund reversal' },
      { 'idempotency-key': 'adj-1' },
    );
    expect(debit.status).toBe(201);
    expect(debit.body).toMatchObject({
      kind: 'adjustment',
      amount: '-2.5',
      balance_after: '7.5',
      note: 'refund reversal',
    });
    expect((await admin.getAccount(account.id)).body.balance).toBe('7.5');
    const audit = await system.prisma.auditLog.findMany({
      where: { targetId: account.id },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual([
      'account.create',
      'account.credit',
      'account.adjustment',
    ]);
    expect(audit[0].actor).toBe('admin');
  });

  it('shows the queue, its failed jobs with their error, and retries them', async () => {
    const customer = await insertAccountWithKey(system.prisma, { balance: '10' });
    const event = usageEvent(customer, {
      modelId: 'devstral-medium-latest',
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    await producer.enqueue(event);
    await waitFor('the unpriced event to fail', async () =>
      (await (await queue.getJob(event.eventId))?.isFailed()) ? true : undefined,
    );
    const overview = await admin.call('GET', '/admin/queue');
    expect(overview.body.counts.failed).toBeGreaterThanOrEqual(1);
    const failed = overview.body.failed_jobs.find((job: any) => job.id === event.eventId);
    expect(failed.failed_reason).toContain('No price in effect');
    expect(failed.event).toMatchObject({ id: event.eventId, model: 'devstral-medium-latest' });

    await system.prisma.price.create({
      data: {
        id: 'price_test_devstral_old',
        modelId: 'devstral-medium-latest',
        providerId: 'mistral',
        inputPerMillion: '0.4',
        outputPerMillion: '2',
        effectiveFrom: new Date('2025-01-01T00:00:00Z'),
      },
    });
    expect((await admin.call('POST', `/admin/queue/failed/${event.eventId}/retry`)).status).toBe(
      200,
    );
    await waitFor('the retried event to be charged', async () =>
      (await system.prisma.usageRecord.count({ where: { id: event.eventId } })) === 1
        ? true
        : undefined,
    );
    // 1000 × 0.40 + 500 × 2, per million
    expect(
      (
        await system.prisma.account.findUniqueOrThrow({ where: { id: customer.accountId } })
      ).balance.toString(),
    ).toBe('9.9986');
    expect((await admin.call('POST', '/admin/queue/failed/nope/retry')).status).toBe(404);
    expect((await admin.call('POST', '/admin/queue/failed/retry')).status).toBe(200);
    const retries = await system.prisma.auditLog.findMany({
      where: { action: { startsWith: 'queue.' } },
    });
    expect(retries.map((entry) => entry.action).sort()).toEqual(['queue.retry', 'queue.retry_all']);
  });
});
