import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { createPrismaClient, type PrismaClient } from '@app/database';
import { type FakeUpstream, startFakeUpstream } from '@app/fake-upstream';
import { deleteRedisPrefix, resetDatabase, testConfig } from '@app/testing';
import { seedCatalogue } from '../../prisma/seed/seed-catalogue';
import { type RunningGateway, startGateway, startWorker } from './boot';
import { RedisCluster } from './redis-cluster';
import { onRedisClusterRequested } from './on-redis-cluster';

/** The whole system of one test file: fake upstream, gateway, worker, seeded database. */
export interface TestSystem {
  config: AppConfig;
  prisma: PrismaClient;
  upstream: FakeUpstream;
  /** The test's own Redis Cluster, when the suite runs on one (see on-redis-cluster.ts). */
  redisCluster: RedisCluster | undefined;
  gateway: RunningGateway;
  worker: INestApplicationContext | undefined;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSystem(
  options: { worker?: boolean; env?: Record<string, string>; redisCluster?: RedisCluster } = {},
): Promise<TestSystem> {
  const redisCluster =
    options.redisCluster ?? (onRedisClusterRequested() ? await RedisCluster.start() : undefined);
  const upstream = await startFakeUpstream();
  const config = testConfig({
    MISTRAL_BASE_URL: upstream.url,
    ...(redisCluster ? { REDIS_CLUSTER_NODES: redisCluster.nodesSetting } : {}),
    ...options.env,
  });
  const prisma = createPrismaClient(config.database.url, 4);
  await resetDatabase(prisma);
  await seedCatalogue(prisma);
  const gateway = await startGateway(config);
  const system: TestSystem = {
    config,
    prisma,
    upstream,
    redisCluster,
    gateway,
    worker: undefined,
    async startWorker() {
      system.worker ??= await startWorker(config);
    },
    async stopWorker() {
      await system.worker?.close();
      system.worker = undefined;
    },
    async stop() {
      await system.stopWorker();
      await gateway.close();
      await upstream.close();
      await prisma.$disconnect();
      if (redisCluster) {
        // Proof the suite ran on the cluster: its queues live there, nothing on one Redis.
        const onCluster = await redisCluster.keyCount(`{${config.redis.prefix}}:bull:*`);
        const onSingle = await deleteRedisPrefix(config.redis.url, config.redis.prefix);
        if (!options.redisCluster) await redisCluster.destroy();
        if (onCluster === 0 || onSingle > 0)
          throw new Error(
            `expected every Redis key on the cluster: ${onCluster} there, ${onSingle} on ${config.redis.url}`,
          );
      } else await deleteRedisPrefix(config.redis.url, config.redis.prefix);
    },
  };
  if (options.worker !== false) await system.startWorker();
  return system;
}
