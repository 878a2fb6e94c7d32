import type { Queue } from 'bullmq';
import type { UsageEventProducer } from '@app/queue';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent, usageQueue } from './support/usage-events';

/**
 * Many usage events in one job, as a gateway group-commits them: each event is still
 * charged once by its own id, and one that cannot be priced fails visibly on its own.
 */
describe('metering of batch jobs', () => {
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

  const jobState = async (jobId: string) => {
    const state = await (await queue.getJob(jobId))?.getState();
    return state === 'completed' || state === 'failed' ? state : undefined;
  };

  it('charges each event of a batch once, even when the batch and its events arrive again', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    const events = Array.from({ length: 5 }, () => usageEvent(account));
    // One event was already delivered on its own (an outbox copy, say).
    await producer.enqueue(events[0]);
    await waitFor('the lone event', () => jobState(events[0].eventId));
    await producer.enqueueMany(events);
    const batchId = `batch_${events[0].eventId}`;
    expect(await waitFor('the batch job', () => jobState(batchId))).toBe('completed');
    expect((await queue.getJob(batchId))!.returnvalue).toEqual({
      charged: 4,
      duplicate: 1,
      unpriced: 0,
    });
    // The same events again, in another batch: nothing more is charged.
    await producer.enqueueMany([...events.slice(1), usageEvent(account)]);
    await waitFor('the second batch', () => jobState(`batch_${events[1].eventId}`));

    const records = await system.prisma.usageRecord.count({
      where: { accountId: account.accountId },
    });
    expect(records).toBe(6);
    const balance = await system.prisma.account.findUniqueOrThrow({
      where: { id: account.accountId },
    });
    expect(balance.balance.toString()).toBe('9.973');
  });

  it('moves an unpriced event of a batch to a failed job of its own and charges the rest', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    const priced = usageEvent(account);
    // Before the seed prices took effect: no price was in effect.
    const unpriced = usageEvent(account, {
      modelId: 'ministral-8b-latest',
      occurredAt: '2026-01-01T00:00:00.000Z',
    });
    await producer.enqueueMany([priced, unpriced]);
    expect(await waitFor('the batch job', () => jobState(`batch_${priced.eventId}`))).toBe(
      'completed',
    );
    expect(await waitFor('the unpriced event', () => jobState(unpriced.eventId))).toBe('failed');
    expect((await queue.getJob(unpriced.eventId))!.failedReason).toContain(
      "No price in effect for model 'ministral-8b-latest'",
    );
    expect(await system.prisma.usageRecord.count({ where: { id: priced.eventId } })).toBe(1);
    expect(await system.prisma.usageRecord.count({ where: { id: unpriced.eventId } })).toBe(0);
  });
});
