import type { ChildProcess } from 'node:child_process';
import type { Queue } from 'bullmq';
import { formatMoney, Money } from '@app/pricing';
import type { UsageEventProducer } from '@app/queue';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { startSystem, type TestSystem } from './support/system';
import { usageEvent, usageQueue } from './support/usage-events';
import { spawnWorkerProcess } from './support/worker-process';

const EVENTS = 3000;

/**
 * A worker killed with SIGKILL while it works loses no event and charges none twice:
 * the jobs it held are taken again once their locks expire, and the usage record's
 * unique id absorbs any it had already committed.
 */
describe('a worker killed mid-work', () => {
  let system: TestSystem;
  let queue: Queue;
  let producer: UsageEventProducer;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    ({ queue, producer } = usageQueue(system.config));
  });
  afterAll(async () => {
    children.forEach((child) => child.kill('SIGKILL'));
    await queue.close();
    await system.stop();
  });

  it('loses nothing that was enqueued while no worker ran, nor what it held when killed', async () => {
    const account = await insertAccountWithKey(system.prisma, { balance: '10' });
    const events = Array.from({ length: EVENTS }, () => usageEvent(account));
    // Enqueued while no worker runs at all.
    await Promise.all(events.map((event) => producer.enqueue(event)));
    expect(await queue.getWaitingCount()).toBe(EVENTS);

    const child = await spawnWorkerProcess(system.config);
    children.push(child);
    await waitFor('the child worker to charge some events', async () =>
      (await system.prisma.usageRecord.count()) > 0 ? true : undefined,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const chargedBeforeKill = await system.prisma.usageRecord.count();
    expect(chargedBeforeKill).toBeLessThan(EVENTS);

    await system.startWorker();
    await waitFor(
      'every event to be charged',
      async () => ((await system.prisma.usageRecord.count()) === EVENTS ? true : undefined),
      40_000,
    );
    // Jobs whose batch the killed worker committed stay locked until their lock expires
    // (10 s) and a stalled check (every 5 s) hands them over; their re-run is a duplicate.
    await waitFor(
      'the queue to drain',
      async () =>
        (await queue.getActiveCount()) + (await queue.getWaitingCount()) === 0 ? true : undefined,
      30_000,
    );

    const account_ = await system.prisma.account.findUniqueOrThrow({
      where: { id: account.accountId },
    });
    const expected = new Money('10').minus(new Money('0.0045').times(EVENTS));
    expect(account_.balance.toString()).toBe(formatMoney(expected));
    expect(
      await system.prisma.ledgerEntry.count({
        where: { accountId: account.accountId, kind: 'usage' },
      }),
    ).toBe(EVENTS);
    expect(await queue.getFailedCount()).toBe(0);
  }, 60_000);
});
