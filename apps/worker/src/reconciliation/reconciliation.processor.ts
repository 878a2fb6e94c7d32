import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { ReconciliationRepository } from '@app/database';
import { MetricsService } from '@app/metrics';
import { JobName, QueueName } from '@app/queue';
import { RedisService } from '@app/redis';
import { formatReport, Reconciler, type ReconciliationReport } from './reconciler';

const EVERY_MS = 10 * 60_000;
/** FROZEN: the scheduler's id in Redis; renaming it would leave the old schedule running. */
const SCHEDULER_ID = 'reconcile-every-10-minutes';

/** Runs reconciliation on a BullMQ schedule (one run at a time across workers) and publishes the verdict as metrics. */
@Processor(QueueName.maintenance, { concurrency: 1 })
export class ReconciliationProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(ReconciliationProcessor.name);
  private readonly reconciler: Reconciler;

  constructor(
    @InjectQueue(QueueName.maintenance) private readonly queue: Queue,
    repository: ReconciliationRepository,
    redis: RedisService,
    private readonly metrics: MetricsService,
  ) {
    super();
    this.reconciler = new Reconciler(repository, redis.client, redis.prefix);
  }

  async onModuleInit(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: EVERY_MS },
      { name: JobName.reconcile },
    );
  }

  async process(): Promise<ReconciliationReport> {
    const report = await this.reconciler.run();
    this.metrics.reconciliationOk.set(report.ok ? 1 : 0);
    this.metrics.reconciliationMismatches.set(
      report.mismatches.length + report.orphanedHolds.length,
    );
    if (report.ok) this.logger.log(formatReport(report));
    else this.logger.error(formatReport(report));
    return report;
  }
}
