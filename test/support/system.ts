import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { createPrismaClient, type PrismaClient } from '@app/database';
import { type FakeUpstream, startFakeUpstream } from '@app/fake-upstream';
import { deleteRedisPrefix, resetDatabase, testConfig } from '@app/testing';
import { seedCatalogue } from '../../prisma/seed/seed-catalogue';
import { type RunningGateway, startGateway, startWorker } from './boot';

/** The whole system of one test file: fake upstream, gateway, worker, seeded database. */
export interface TestSystem {
  config: AppConfig;
  prisma: PrismaClient;
  upstream: FakeUpstream;
  gateway: RunningGateway;
  worker: INestApplicationContext | undefined;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSystem(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<TestSystem> {
  const upstream = await startFakeUpstream();
  const config = testConfig({ MISTRAL_BASE_URL: upstream.url, ...options.env });
  const prisma = createPrismaClient(config.database.url, 4);
  await resetDatabase(prisma);
  await seedCatalogue(prisma);
  const gateway = await startGateway(config);
  const system: TestSystem = {
    config,
    prisma,
    upstream,
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
      await deleteRedisPrefix(config.redis.url, config.redis.prefix);
    },
  };
  if (options.worker !== false) await system.startWorker();
  return system;
}
