import { configFromEnvironmentOrExit } from '@app/config';
import {
  createPrismaClient,
  type PrismaService,
  ReconciliationRepository,
  UsagePartitionRepository,
} from '@app/database';
import { createRedisClient } from '@app/redis';
import { formatReport, Reconciler } from './reconciliation/reconciler';

/** `npm run reconcile`: prints the report; exits 1 on any mismatch. */
async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit();
  const prisma = createPrismaClient(config.database.url, 2);
  const redis = createRedisClient(config.redis, { maxRetriesPerRequest: 2 });
  try {
    const service = prisma as unknown as PrismaService;
    const report = await new Reconciler(
      new ReconciliationRepository(service),
      new UsagePartitionRepository(service),
      redis,
      config.redis.prefix,
      config.database.usageRetentionMonths,
    ).run();
    console.log(formatReport(report));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    redis.disconnect();
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(2);
});
