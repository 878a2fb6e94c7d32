import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { AuditLogRepository } from '@app/database';
import { notFound } from '@app/errors';
import { QueueName } from '@app/queue';

const FAILED_PAGE = 100;

/** What an operator needs of the metering queue: depth, failures, and retrying them. */
@Injectable()
export class AdminQueueService {
  constructor(
    @InjectQueue(QueueName.usageEvents) private readonly queue: Queue,
    private readonly audit: AuditLogRepository,
  ) {}

  async overview() {
    const counts = await this.queue.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'failed',
      'completed',
    );
    const failed = await this.queue.getFailed(0, FAILED_PAGE - 1);
    return {
      object: 'queue',
      name: QueueName.usageEvents,
      counts,
      failed_jobs: failed.map(presentFailedJob),
    };
  }

  async retry(jobId: string) {
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) throw notFound('failed job', jobId);
    await job.retry('failed');
    await this.audit.record({
      actor: 'admin',
      action: 'queue.retry',
      targetType: 'job',
      targetId: jobId,
    });
    return { id: job.id, retried: true };
  }

  async retryAll() {
    const failed = await this.queue.getFailedCount();
    await this.queue.retryJobs({ state: 'failed', count: 1000 });
    await this.audit.record({
      actor: 'admin',
      action: 'queue.retry_all',
      targetType: 'queue',
      targetId: QueueName.usageEvents,
      after: { retried: failed },
    });
    return { retried: failed };
  }
}

/** Ids and the failure, not the whole payload: enough to act on, nothing more. */
function presentFailedJob(job: Job) {
  const data = job.data as {
    eventId?: string;
    accountId?: string;
    modelId?: string;
    occurredAt?: string;
  };
  return {
    id: job.id,
    name: job.name,
    failed_reason: job.failedReason,
    attempts_made: job.attemptsMade,
    failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    event: {
      id: data.eventId,
      account_id: data.accountId,
      model: data.modelId,
      occurred_at: data.occurredAt,
    },
  };
}
