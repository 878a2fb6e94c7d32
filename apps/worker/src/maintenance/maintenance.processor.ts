import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { ReconciliationRepository, UsagePartitionRepository } from '@app/database';
import { MetricsService } from '@app/metrics';
import { JobName, MaintenanceScheduler, QueueName } from '@app/queue';
import { RedisService } from '@app/redis';
import { ConsumerHost } from '../consumer-host';
import { formatReport, Reconciler, type ReconciliationReport } from '../reconciliation/reconciler';
import {
  type PartitionMaintenanceReport,
  UsagePartitionsMaintainer,
} from './usage-partitions.maintainer';

/**
 * The worker's maintenance queue (one job at a time across workers): reconciliation,
 * published as metrics, and the usage partitions' upkeep (also run once at boot, so a
 * fresh worker never inserts into a month without its partition).
 */
@Processor(QueueName.maintenance, { concurrency: 1 })
export class MaintenanceProcessor extends ConsumerHost implements OnModuleInit {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private readonly reconciler: Reconciler;
  private readonly partitions: UsagePartitionsMaintainer;

  constructor(
    private readonly scheduler: MaintenanceScheduler,
    @Inject(APP_CONFIG) config: AppConfig,
    repository: ReconciliationRepository,
    partitions: UsagePartitionRepository,
    redis: RedisService,
    private readonly metrics: MetricsService,
  ) {
    super();
    const retention = config.database.usageRetentionMonths;
    this.reconciler = new Reconciler(repository, partitions, redis.client, redis.prefix, retention);
    this.partitions = new UsagePartitionsMaintainer(partitions, retention);
  }

  async onModuleInit(): Promise<void> {
    await this.maintainPartitions();
    await this.scheduler.scheduleAll();
  }

  async process(job?: Job): Promise<ReconciliationReport | PartitionMaintenanceReport> {
    if (job?.name === JobName.maintainUsagePartitions) return this.maintainPartitions();
    return this.reconcile();
  }

  async reconcile(): Promise<ReconciliationReport> {
    const report = await this.reconciler.run();
    this.metrics.reconciliationOk.set(report.ok ? 1 : 0);
    this.metrics.reconciliationMismatches.set(
      report.mismatches.length + report.orphanedHolds.length,
    );
    if (report.ok) this.logger.log(formatReport(report));
    else this.logger.error(formatReport(report));
    return report;
  }

  async maintainPartitions(): Promise<PartitionMaintenanceReport> {
    const report = await this.partitions.run();
    if (report.created.length || report.dropped.length)
      this.logger.log(
        `usage partitions: created ${report.created.join(', ') || 'none'}; dropped ${report.dropped.join(', ') || 'none'}`,
      );
    return report;
  }
}
