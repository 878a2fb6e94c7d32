import type { INestApplicationContext } from '@nestjs/common';
import {
  type PrismaService,
  ReconciliationRepository,
  UsagePartitionRepository,
} from '@app/database';
import { createRedisClient } from '@app/redis';
import { waitFor } from '@app/testing';
import { formatReport, Reconciler } from '../apps/worker/src/reconciliation/reconciler';
import { type RunningGateway, startGateway, startWorker } from './support/boot';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/**
 * Two gateways and two workers on one Redis (or, from cluster/, a Redis Cluster) and one
 * PostgreSQL: 200 concurrent requests spread over both gateways are billed exactly, and
 * every balance equals its ledger.
 */
describe('two gateways and two workers', () => {
  let system: TestSystem;
  let second: RunningGateway;
  let secondWorker: INestApplicationContext;

  beforeAll(async () => {
    // 200 requests at once on a shared 2-core machine: upstream answers may take a while.
    system = await startSystem({
      env: { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '60000', UPSTREAM_TIMEOUT_MS: '120000' },
    });
    second = await startGateway(system.config);
    secondWorker = await startWorker(system.config);
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  }, 120_000);
  afterAll(async () => {
    await secondWorker?.close();
    await second?.close();
    await system?.stop();
  });

  it('bill 200 concurrent requests over both gateways exactly, ledger = balance', async () => {
    const customers = [await fundedCustomer(system, '100'), await fundedCustomer(system, '100')];
    const gateways = [system.gateway.url, second.url];
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${gateways[i % 2]}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${customers[Math.floor(i / 2) % 2].key}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            model: 'magistral-medium-latest',
            messages: [{ role: 'user', content: 'Hi' }],
            max_tokens: 500,
            stream: i % 4 === 3,
          }),
        }).then(async (response) => {
          await response.text();
          return response.status;
        }),
      ),
    );
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    for (const customer of customers) {
      await waitFor(
        '100 requests of each customer to be charged',
        async () =>
          (await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } })) ===
          100
            ? true
            : undefined,
        60_000,
      );
      expect(await customer.balance()).toBe('99.55'); // 100 − 100 × 0.0045
      const usage = await customer.get('/v1/usage');
      expect(usage.totals).toEqual({
        requests: 100,
        input_tokens: 100_000,
        output_tokens: 50_000,
        cost: '0.45',
      });
    }
    const redis = createRedisClient(system.config.redis, { maxRetriesPerRequest: 2 });
    try {
      const prisma = system.prisma as unknown as PrismaService;
      const reconcile = () =>
        new Reconciler(
          new ReconciliationRepository(prisma),
          new UsagePartitionRepository(prisma),
          redis,
          system.config.redis.prefix,
          undefined,
        ).run();
      // Holds are released just after each commit.
      const report = await waitFor('the books to reconcile', async () => {
        const run = await reconcile();
        return run.ok ? run : undefined;
      }).catch(reconcile);
      expect(formatReport(report)).toContain('reconciliation OK');
    } finally {
      redis.disconnect();
    }
  }, 180_000);
});
