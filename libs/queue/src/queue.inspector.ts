import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QueueName } from './queue-names';

/** The states of the usage-events queue that operators and metrics look at. */
export type UsageQueueState = 'waiting' | 'active' | 'delayed' | 'failed' | 'completed';

/** A failed usage-event job: ids and the failure, not the whole payload. */
export interface FailedUsageJob {
  id: string | undefined;
  name: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
  event: { eventId?: string; accountId?: string; modelId?: string; occurredAt?: string };
}

/**
 * Read-only views of the usage-events queue, for health, the operator API and metrics.
 * Nothing here adds, moves or removes a job (UsageEventProducer does that).
 */
@Injectable()
export class QueueInspector {
  constructor(@InjectQueue(QueueName.usageEvents) private readonly queue: Queue) {}

  /** The queue's Redis answers. */
  async ping(): Promise<boolean> {
    try {
      await this.queue.count();
      return true;
    } catch {
      return false;
    }
  }

  counts(...states: UsageQueueState[]): Promise<Record<string, number>> {
    return this.queue.getJobCounts(...states);
  }

  /** The oldest failed jobs, at most `limit`. */
  async failed(limit: number): Promise<FailedUsageJob[]> {
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.map(toFailedJob);
  }
}

function toFailedJob(job: Job): FailedUsageJob {
  const data = job.data as FailedUsageJob['event'];
  return {
    id: job.id,
    name: job.name,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    event: {
      eventId: data.eventId,
      accountId: data.accountId,
      modelId: data.modelId,
      occurredAt: data.occurredAt,
    },
  };
}
