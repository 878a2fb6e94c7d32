import Redis from 'ioredis';
import {
  type PrismaService,
  ReconciliationRepository,
  UsagePartitionRepository,
} from '@app/database';
import { formatMoney, Money } from '@app/pricing';
import { waitFor } from '@app/testing';
import { formatReport, Reconciler } from '../apps/worker/src/reconciliation/reconciler';
import { fundedCustomer } from './support/customer';
import { PrivateRedis } from './support/private-redis';
import { startSystem, type TestSystem } from './support/system';

const STREAMS = 8;

async function expectReconciled(system: TestSystem) {
  const redis = new Redis(system.config.redis.url);
  try {
    const prisma = system.prisma as unknown as PrismaService;
    const report = await new Reconciler(
      new ReconciliationRepository(prisma),
      new UsagePartitionRepository(prisma),
      redis,
      system.config.redis.prefix,
      undefined,
    ).run();
    expect(formatReport(report)).toContain('reconciliation OK');
  } finally {
    redis.disconnect();
  }
}

describe('Redis stopped during traffic, then restarted', () => {
  let redis: PrivateRedis;
  let system: TestSystem;

  beforeAll(async () => {
    redis = await PrivateRedis.onFreePort();
    await redis.start();
    system = await startSystem({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    try {
      await system?.stop();
    } finally {
      await redis.destroy();
    }
  });

  it('charges every served request exactly once, through the outbox, and refuses what it could not bill', async () => {
    const customer = await fundedCustomer(system, '10');
    system.upstream.setDefault({
      kind: 'slow_stream',
      chunkDelayMs: 60,
      chunks: 15,
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const chat = () =>
      fetch(`${system.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'magistral-medium-latest',
          messages: [{ role: 'user', content: 'Hi' }],
          stream: true,
        }),
      });
    const streams = Array.from({ length: STREAMS }, () =>
      chat().then(async (response) => ({ status: response.status, body: await response.text() })),
    );
    await waitFor('every stream to be admitted', () =>
      system.upstream.requests.length === STREAMS ? true : undefined,
    );

    await redis.kill();
    const answers = await Promise.all(streams);
    expect(answers.every((answer) => answer.status === 200 && answer.body.includes('[DONE]'))).toBe(
      true,
    );
    await waitFor('the usage events to reach the outbox', async () =>
      (await system.prisma.usageOutboxEntry.count()) === STREAMS ? true : undefined,
    );
    // No hold can be placed without Redis: a new request is refused, not served unbilled.
    const refused = await chat();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');

    await redis.start();
    const records = await waitFor(
      'every served request to be charged',
      async () => {
        const found = await system.prisma.usageRecord.findMany({
          where: { accountId: customer.accountId },
        });
        return found.length >= STREAMS ? found : undefined;
      },
      30_000,
    );
    expect(records).toHaveLength(STREAMS);
    // The relay deletes its rows in the transaction that added their jobs; the worker
    // may charge a job before that transaction commits, so the outbox empties just after.
    await waitFor('the outbox to be emptied', async () =>
      (await system.prisma.usageOutboxEntry.count()) === 0 ? true : undefined,
    );
    expect(await customer.balance()).toBe(
      formatMoney(new Money(10).minus(new Money('0.0045').times(STREAMS))),
    );
    // Holds are released after the commit; one that failed while Redis reconnected is
    // released by the job's retry (a duplicate delivery), a second or so later.
    await waitFor(
      'the holds to be released',
      async () => {
        const account = await customer.get('/v1/account');
        return account.available === account.balance ? true : undefined;
      },
      15_000,
    );
    await expectReconciled(system);
  }, 60_000);
});

describe('PostgreSQL connections dropped mid-transaction', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(async () => {
    await system.stop();
  });

  it('retries the batches, charges each event once, and reconciles', async () => {
    const { usageEvent, usageQueue } = await import('./support/usage-events');
    const { insertAccountWithKey } = await import('@app/testing');
    const { queue, producer } = usageQueue(system.config);
    const accounts = await Promise.all(
      Array.from({ length: 5 }, () => insertAccountWithKey(system.prisma, { balance: '100' })),
    );
    const events = Array.from({ length: 2000 }, (_, i) =>
      usageEvent(accounts[i % accounts.length]),
    );
    await Promise.all(events.map((event) => producer.enqueue(event)));
    await system.startWorker();

    // Cut every other connection to the database a few times while the worker writes.
    const cuts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const rows = await system.prisma.$queryRaw<Array<{ terminated: boolean }>>`
        SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`;
      cuts.push(rows.length);
    }
    expect(cuts.some((count) => count > 0)).toBe(true);

    await waitFor(
      'every event to be charged despite the cuts',
      async () => ((await system.prisma.usageRecord.count()) === events.length ? true : undefined),
      60_000,
    );
    for (const account of accounts) {
      const row = await system.prisma.account.findUniqueOrThrow({
        where: { id: account.accountId },
      });
      expect(row.balance.toString()).toBe(
        formatMoney(
          new Money(100).minus(new Money('0.0045').times(events.length / accounts.length)),
        ),
      );
    }
    expect(await system.prisma.ledgerEntry.count({ where: { kind: 'usage' } })).toBe(events.length);
    await expectReconciled(system);
    await queue.close();
  }, 90_000);
});
