import { formatMoney, Money } from '@app/pricing';
import { waitFor } from '@app/testing';
import { fundedCustomer } from '../support/customer';
import { RedisCluster } from '../support/redis-cluster';
import { startSystem, type TestSystem } from '../support/system';

/**
 * Redis replicates asynchronously: a master acknowledges a write before its replica has
 * it. A gateway that answered a request as soon as the master took its usage event would
 * lose that event, and the charge, when the master dies before replicating and its replica
 * is promoted. Here the replica is cut off from the master (paused, its link closed), one
 * request is served, the master is killed and the stale replica takes over.
 */
describe('a usage event acknowledged by a Redis Cluster master that dies before replicating it', () => {
  let cluster: RedisCluster | undefined;
  let system: TestSystem;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ replicas: 1 });
    // No worker yet: it would otherwise take the event from the master before it dies.
    system = await startSystem({ redisCluster: cluster, worker: false });
  }, 120_000);
  afterAll(async () => {
    try {
      await system?.stop();
    } finally {
      await cluster?.destroy();
    }
  });

  it('is still charged, once, after the fail-over', async () => {
    const customer = await fundedCustomer(system, '10');
    const queueMaster = await cluster!.masterOf(`{${system.config.redis.prefix}}:bull`);
    const replica = await cluster!.replicaOf(queueMaster);
    cluster!.pause(replica);
    try {
      // The master's link to its replica goes; the paused replica cannot reconnect.
      await cluster!.command(queueMaster, 'client', 'kill', 'type', 'replica');
      const answer = await customer.openai.chat.completions.create({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(answer.id).toMatch(/^gen_/);
      await cluster!.kill(queueMaster);
    } finally {
      cluster!.resume(replica);
    }
    await waitFor(
      'the replica to be promoted',
      async () => ((await cluster!.masterPorts()).includes(replica) ? true : undefined),
      60_000,
    );
    await cluster!.waitUntilHealthy();

    await system.startWorker();
    await customer.priced(1, 60_000);
    const records = await system.prisma.usageRecord.findMany({
      where: { accountId: customer.accountId },
    });
    expect(records).toHaveLength(1);
    expect(
      await system.prisma.ledgerEntry.count({
        where: { accountId: customer.accountId, kind: 'usage' },
      }),
    ).toBe(1);
    expect(await customer.balance()).toBe(
      formatMoney(new Money(10).minus(records[0].cost.toString())),
    );
  }, 180_000);
});
