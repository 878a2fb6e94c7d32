import type { Queue } from 'bullmq';
import type { UsageEventProducer } from '@app/queue';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { ReconciliationRepository } from '@app/database';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent, usageQueue } from './support/usage-events';

const MODEL = 'magistral-medium-latest';

/**
 * At cost, per provider: the worker charges each usage event at the price of the provider
 * that served it, in effect when it was admitted; the customer's reports name that provider.
 */
describe('billing per provider', () => {
  let system: TestSystem;
  let queue: Queue;
  let producer: UsageEventProducer;
  let backupPricedFrom: Date;

  const recordOf = (id: string) => system.prisma.usageRecord.findFirst({ where: { id } });
  const settled = (id: string) =>
    waitFor(`event ${id}`, async () => {
      const job = await queue.getJob(id);
      const state = await job?.getState();
      return state === 'completed' || state === 'failed' ? state : undefined;
    });

  beforeAll(async () => {
    system = await startSystem();
    ({ queue, producer } = usageQueue(system.config));
    const admin = adminClient(system.gateway.url);
    await admin.call('PUT', '/admin/providers/backup', {
      name: 'Backup Cloud',
      dialect: 'openai',
      base_url: 'https://backup.example/v1',
      api_key_env: 'BACKUP_API_KEY',
    });
    await admin.call('PUT', `/admin/models/${MODEL}`, {
      endpoints: [
        { provider: 'mistral', upstream_model: MODEL },
        { provider: 'backup', upstream_model: 'vendor/magistral-medium' },
      ],
    });
    const price = await admin.call('POST', `/admin/models/${MODEL}/prices`, {
      provider: 'backup',
      input_per_million: '1',
      output_per_million: '2',
    });
    expect(price.status).toBe(201);
    backupPricedFrom = new Date(price.body.effective_from);
  });
  afterAll(async () => {
    await queue.close();
    await system.stop();
  });

  it('charges each event at the price of the provider that served it', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '1' });
    const at = new Date(backupPricedFrom.getTime() + 1).toISOString();
    const byBackup = usageEvent(account, { provider: 'backup', occurredAt: at });
    const byMistral = usageEvent(account, { provider: 'mistral', occurredAt: at });
    // An event from a gateway that predates routing names no provider: the first endpoint's.
    const unnamed = usageEvent(account, { occurredAt: at });
    for (const event of [byBackup, byMistral, unnamed]) await producer.enqueue(event);
    for (const event of [byBackup, byMistral, unnamed]) await settled(event.eventId);

    expect(await recordOf(byBackup.eventId)).toMatchObject({ providerId: 'backup' });
    expect((await recordOf(byBackup.eventId))!.cost.toString()).toBe('0.002'); // 1000 × 1 + 500 × 2
    expect(await recordOf(byMistral.eventId)).toMatchObject({ providerId: 'mistral' });
    expect((await recordOf(byMistral.eventId))!.cost.toString()).toBe('0.0045'); // 1000 × 2 + 500 × 5
    expect(await recordOf(unnamed.eventId)).toMatchObject({ providerId: 'mistral' });
    const account_ = await system.prisma.account.findUniqueOrThrow({
      where: { id: account.accountId },
    });
    expect(account_.balance.toString()).toBe('0.989'); // 1 − 0.002 − 0.0045 − 0.0045

    const generation = await fetch(`${system.gateway.url}/v1/generations/${byBackup.eventId}`, {
      headers: { authorization: `Bearer ${account.key}` },
    });
    expect(await generation.json()).toMatchObject({
      provider: 'backup',
      cost: '0.002',
      price: { input_per_million: '1', output_per_million: '2' },
    });

    const usage = await fetch(`${system.gateway.url}/v1/usage?group_by=provider`, {
      headers: { authorization: `Bearer ${account.key}` },
    });
    const report = (await usage.json()) as any;
    expect(report.data).toEqual([
      expect.objectContaining({ group: 'backup', requests: 1, cost: '0.002' }),
      expect.objectContaining({ group: 'mistral', requests: 2, cost: '0.009' }),
    ]);
    const csv = await fetch(`${system.gateway.url}/v1/usage?group_by=provider&format=csv`, {
      headers: { authorization: `Bearer ${account.key}` },
    });
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[1]).toBe('backup,1,1000,500,0.002');
    expect(lines[2]).toBe('mistral,2,2000,1000,0.009');

    // Reconciliation still balances: every ledger entry matches its usage record's cost.
    expect(await system.worker!.get(ReconciliationRepository).findLedgerMismatches()).toEqual([]);
  });

  it("never charges another provider's price: an event before its provider's first price fails visibly", async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '1' });
    const event = usageEvent(account, {
      provider: 'backup',
      occurredAt: new Date(backupPricedFrom.getTime() - 60_000).toISOString(),
    });
    await producer.enqueue(event);
    expect(await settled(event.eventId)).toBe('failed');
    const job = await queue.getJob(event.eventId);
    expect(job!.failedReason).toContain("at provider 'backup'");
    expect(await recordOf(event.eventId)).toBeNull();
  });
});
