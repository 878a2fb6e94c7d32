import type { Queue } from 'bullmq';
import { JobName, usageEventJobOptions, type UsageEventProducer } from '@app/queue';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { UsageChargeService } from '../apps/worker/src/metering/usage-charge.service';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent, usageQueue } from './support/usage-events';

/** The worker against the real queue and database: exactly-once charging, visible failures. */
describe('metering', () => {
  let system: TestSystem;
  let queue: Queue;
  let producer: UsageEventProducer;

  beforeAll(async () => {
    system = await startSystem();
    ({ queue, producer } = usageQueue(system.config));
  });
  afterAll(async () => {
    await queue.close();
    await system.stop();
  });

  const balanceOf = async (accountId: string) =>
    (
      await system.prisma.account.findUniqueOrThrow({ where: { id: accountId } })
    ).balance.toString();
  const jobState = async (jobId: string) => {
    const state = await (await queue.getJob(jobId))?.getState();
    return state === 'completed' || state === 'failed' ? state : undefined;
  };

  it('charges a delivered event once, and a second delivery of it not at all', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    const event = usageEvent(account);
    await producer.enqueue(event);
    await waitFor('the first delivery', () => jobState(event.eventId));
    // Redelivery under another job id, as after the first job was trimmed from Redis.
    const again = await queue.add(JobName.priceUsageEvent, event, {
      ...usageEventJobOptions,
      jobId: `${event.eventId}-again`,
    });
    await waitFor('the second delivery', () => jobState(again.id!));
    expect((await queue.getJob(again.id!))!.returnvalue).toBe('duplicate');
    // And the same job id again: BullMQ ignores it while the first job is known.
    await producer.enqueue(event);

    expect(await balanceOf(account.accountId)).toBe('9.9955');
    expect(await system.prisma.usageRecord.count({ where: { accountId: account.accountId } })).toBe(
      1,
    );
    expect(
      await system.prisma.ledgerEntry.count({
        where: { accountId: account.accountId, kind: 'usage' },
      }),
    ).toBe(1);
  });

  it('charges once when many deliveries of one event race', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '1' });
    const event = usageEvent(account, {
      inputTokens: 1,
      outputTokens: 0,
      modelId: 'ministral-3b-latest',
    });
    const charges = system.worker!.get(UsageChargeService);
    const batches = await Promise.all(
      Array.from({ length: 12 }, () => charges.chargeBatch([event])),
    );
    const outcomes = batches.map((batch) => batch.get(event.eventId));
    expect(outcomes.filter((o) => o === 'charged')).toHaveLength(1);
    expect(await balanceOf(account.accountId)).toBe('0.9999999');
  });

  it('charges token counts beyond 32 bits without failing the batch they are in', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '100000' });
    const huge = usageEvent(account, {
      inputTokens: 3_000_000_000,
      outputTokens: 0,
      modelId: 'ministral-3b-latest',
    });
    const small = usageEvent(account, {
      inputTokens: 1,
      outputTokens: 0,
      modelId: 'ministral-3b-latest',
    });
    const charges = system.worker!.get(UsageChargeService);
    const outcomes = await charges.chargeBatch([huge, small]);
    expect(outcomes.get(huge.eventId)).toBe('charged');
    expect(outcomes.get(small.eventId)).toBe('charged');
    // 100,000 − (3e9 + 1) × $0.1 per million
    expect(await balanceOf(account.accountId)).toBe('99699.9999999');
    const record = await system.prisma.usageRecord.findFirstOrThrow({
      where: { id: huge.eventId },
    });
    expect(Number(record.inputTokens)).toBe(3_000_000_000);
  });

  it('charges an event id once even when a redelivery carries another time (another partition)', async () => {
    // usage_records is partitioned by month, so its primary key is (id, occurred_at): the
    // id alone must still be charged once, whatever time a second delivery claims.
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    const event = usageEvent(account);
    const charges = system.worker!.get(UsageChargeService);
    expect((await charges.chargeBatch([event])).get(event.eventId)).toBe('charged');
    const later = new Date(Date.parse(event.occurredAt) + 40 * 86_400_000).toISOString();
    const redelivered = { ...event, occurredAt: later };
    expect((await charges.chargeBatch([redelivered])).get(event.eventId)).toBe('duplicate');
    expect(await balanceOf(account.accountId)).toBe('9.9955');
    expect(await system.prisma.usageRecord.count({ where: { id: event.eventId } })).toBe(1);
    const rollups = await system.prisma.usageDailyRollup.findMany({
      where: { accountId: account.accountId },
    });
    expect(rollups.map((r) => [r.requests, r.cost.toString()])).toEqual([[1n, '0.0045']]);
  });

  it('prices an event with the price in effect when it was made', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    await system.prisma.price.create({
      data: {
        id: 'price_test_codestral_oct',
        modelId: 'codestral-latest',
        providerId: 'mistral',
        inputPerMillion: '1',
        outputPerMillion: '3',
        effectiveFrom: new Date('2026-10-01T00:00:00Z'),
      },
    });
    const before = usageEvent(account, {
      modelId: 'codestral-latest',
      occurredAt: '2026-09-30T23:59:59.999Z',
    });
    const after = usageEvent(account, {
      modelId: 'codestral-latest',
      occurredAt: '2026-10-01T00:00:00.000Z',
    });
    await producer.enqueue(before);
    await producer.enqueue(after);
    await waitFor(
      'both events',
      async () =>
        ((await jobState(before.eventId)) && (await jobState(after.eventId))) || undefined,
    );
    const records = await system.prisma.usageRecord.findMany({
      where: { accountId: account.accountId },
    });
    const costOf = (id: string) => records.find((r) => r.id === id)!.cost.toString();
    expect(costOf(before.eventId)).toBe('0.00075'); // 1000 × 0.30 + 500 × 0.90, per million
    expect(costOf(after.eventId)).toBe('0.0025'); // 1000 × 1 + 500 × 3, per million
    expect(await balanceOf(account.accountId)).toBe('9.99675');
  });

  it('parks an unpriced event visibly in the failed set, never at $0, and prices it on retry', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    // Before the seed prices took effect: no price was in effect.
    const event = usageEvent(account, {
      modelId: 'ministral-8b-latest',
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    await producer.enqueue(event);
    expect(await waitFor('the event to fail', () => jobState(event.eventId))).toBe('failed');
    const job = (await queue.getJob(event.eventId))!;
    expect(job.failedReason).toContain("No price in effect for model 'ministral-8b-latest'");
    expect(await queue.getFailedCount()).toBeGreaterThanOrEqual(1);
    expect(await system.prisma.usageRecord.count({ where: { id: event.eventId } })).toBe(0);
    expect(await balanceOf(account.accountId)).toBe('10');

    await system.prisma.price.create({
      data: {
        id: 'price_test_ministral8b_old',
        modelId: 'ministral-8b-latest',
        providerId: 'mistral',
        inputPerMillion: '0.15',
        outputPerMillion: '0.15',
        effectiveFrom: new Date('2025-01-01T00:00:00Z'),
      },
    });
    await job.retry();
    expect(await waitFor('the retried event', () => jobState(event.eventId))).toBe('completed');
    expect(await balanceOf(account.accountId)).toBe('9.999775');
  });

  it('fails a malformed payload visibly instead of guessing', async () => {
    const job = await queue.add(
      JobName.priceUsageEvent,
      { eventId: 'gen_malformed0001', inputTokens: -1 },
      { ...usageEventJobOptions, jobId: 'malformed-1' },
    );
    expect(await waitFor('the malformed job', () => jobState(job.id!))).toBe('failed');
    expect((await queue.getJob(job.id!))!.attemptsMade).toBe(1);
  });
});
