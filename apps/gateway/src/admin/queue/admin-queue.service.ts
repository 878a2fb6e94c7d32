import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '@app/database';
import { notFound } from '@app/errors';
import { type FailedUsageJob, QueueInspector, QueueName, UsageEventProducer } from '@app/queue';

const FAILED_PAGE = 100;

/** What an operator needs of the metering queue: depth, failures, and retrying them. */
@Injectable()
export class AdminQueueService {
  constructor(
    private readonly inspector: QueueInspector,
    private readonly producer: UsageEventProducer,
    private readonly audit: AuditLogRepository,
  ) {}

  async overview() {
    const counts = await this.inspector.counts(
      'waiting',
      'active',
      'delayed',
      'failed',
      'completed',
    );
    const failed = await this.inspector.failed(FAILED_PAGE);
    return {
      object: 'queue',
      name: QueueName.usageEvents,
      counts,
      failed_jobs: failed.map(presentFailedJob),
    };
  }

  async retry(jobId: string) {
    if (!(await this.producer.retryFailed(jobId))) throw notFound('failed job', jobId);
    await this.audit.record({
      actor: 'admin',
      action: 'queue.retry',
      targetType: 'job',
      targetId: jobId,
    });
    return { id: jobId, retried: true };
  }

  async retryAll() {
    const failed = await this.producer.retryAllFailed();
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
function presentFailedJob(job: FailedUsageJob) {
  return {
    id: job.id,
    name: job.name,
    failed_reason: job.failedReason,
    attempts_made: job.attemptsMade,
    failed_at: job.failedAt?.toISOString() ?? null,
    event: {
      id: job.event.eventId,
      account_id: job.event.accountId,
      model: job.event.modelId,
      occurred_at: job.event.occurredAt,
    },
  };
}
