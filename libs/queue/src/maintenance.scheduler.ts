import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobName, QueueName } from './queue-names';

const RECONCILE_EVERY_MS = 10 * 60_000;
const PARTITIONS_EVERY_MS = 6 * 60 * 60_000;
/** FROZEN: the schedulers' ids in Redis; renaming one would leave the old schedule running. */
export const RECONCILE_SCHEDULER_ID = 'reconcile-every-10-minutes';
export const PARTITIONS_SCHEDULER_ID = 'usage-partitions-every-6-hours';

/**
 * The maintenance queue's schedule, across all workers: one reconciliation every ten
 * minutes, the usage partitions' upkeep every six hours.
 */
@Injectable()
export class MaintenanceScheduler {
  constructor(@InjectQueue(QueueName.maintenance) private readonly queue: Queue) {}

  /** Idempotent: every worker calls it at start, and there is still one schedule of each. */
  async scheduleAll(): Promise<void> {
    await this.queue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { every: RECONCILE_EVERY_MS },
      { name: JobName.reconcile },
    );
    await this.queue.upsertJobScheduler(
      PARTITIONS_SCHEDULER_ID,
      { every: PARTITIONS_EVERY_MS },
      { name: JobName.maintainUsagePartitions },
    );
  }
}
