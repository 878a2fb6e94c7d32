import {
  type PrismaService,
  ReconciliationRepository,
  UsagePartitionRepository,
} from '@app/database';
import { formatMoney, Money } from '@app/pricing';
import { createRedisClient } from '@app/redis';
import { waitFor } from '@app/testing';
import { formatReport, Reconciler } from '../../apps/worker/src/reconciliation/reconciler';
import { fundedCustomer } from '../support/customer';
import { RedisCluster } from '../support/redis-cluster';
import { startSystem, type TestSystem } from '../support/system';

const STREAMS = 8;

/**
 * A Redis Cluster with a replica per master loses the master that holds the usage queue
 * while requests stream: the cluster promotes its replica, and every served request is
 * charged once, none lost, none doubled.
 */
describe('a Redis Cluster master killed and failed over during traffic', () => {
  let cluster: RedisCluster | undefined;
  let system: TestSystem;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ replicas: 1 });
    system = await startSystem({ redisCluster: cluster });
  }, 120_000);
  afterAll(async () => {
    try {
      await system?.stop();
    } finally {
      await cluster?.destroy();
    }
  });

  it('charges every served request exactly once across the fail-over', async () => {
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
    // The master of the queue's slot (every BullMQ key shares the hash-tagged prefix).
    const queueMaster = await cluster!.masterOf(`{${system.config.redis.prefix}}:bull`);
    await cluster!.kill(queueMaster);
    const answers = await Promise.all(streams);
    expect(answers.every((answer) => answer.status === 200 && answer.body.includes('[DONE]'))).toBe(
      true,
    );
    await cluster!.waitUntilHealthy();
    expect(await cluster!.masterPorts()).not.toContain(queueMaster);

    // Served after the fail-over too.
    const after = await chat();
    expect(after.status).toBe(200);
    await after.text();
    const served = STREAMS + 1;
    const records = await waitFor(
      'every served request to be charged',
      async () => {
        const found = await system.prisma.usageRecord.findMany({
          where: { accountId: customer.accountId },
        });
        return found.length >= served ? found : undefined;
      },
      60_000,
    );
    expect(records).toHaveLength(served);
    await waitFor(
      'the outbox to be emptied',
      async () => ((await system.prisma.usageOutboxEntry.count()) === 0 ? true : undefined),
      30_000,
    );
    expect(await customer.balance()).toBe(
      formatMoney(new Money(10).minus(new Money('0.0045').times(served))),
    );
    expect(
      await system.prisma.ledgerEntry.count({
        where: { accountId: customer.accountId, kind: 'usage' },
      }),
    ).toBe(served);
    const redis = createRedisClient(system.config.redis, { maxRetriesPerRequest: 2 });
    try {
      const prisma = system.prisma as unknown as PrismaService;
      const report = await waitFor(
        'the holds to be released and the books to reconcile',
        async () => {
          const run = await new Reconciler(
            new ReconciliationRepository(prisma),
            new UsagePartitionRepository(prisma),
            redis,
            system.config.redis.prefix,
            undefined,
          ).run();
          return run.ok ? run : undefined;
        },
        30_000,
      ).catch(async () =>
        new Reconciler(
          new ReconciliationRepository(prisma),
          new UsagePartitionRepository(prisma),
          redis,
          system.config.redis.prefix,
          undefined,
        ).run(),
      );
      expect(formatReport(report)).toContain('reconciliation OK');
    } finally {
      redis.disconnect();
    }
  }, 180_000);
});
