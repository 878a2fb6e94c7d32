import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { usageEventJobOptions } from './job-options';
import { JobName, QueueName } from './queue-names';
import { MAX_EVENTS_PER_JOB } from './usage-event-batch.schema';
import type { UsageEvent } from './usage-event.schema';

/**
 * The one way feature code puts usage events on the queue, or back on it. Events come in
 * parsed (`parseUsageEvent`, once per process, where they enter it): this does not parse
 * them again.
 */
@Injectable()
export class UsageEventProducer {
  constructor(@InjectQueue(QueueName.usageEvents) private readonly queue: Queue) {}

  /**
   * Enqueues the event with its event id as job id, so BullMQ ignores a second add of the
   * same event while the first is still known; the worker's unique usage record id is
   * what makes charging exactly-once.
   */
  async enqueue(event: UsageEvent): Promise<void> {
    await this.queue.add(JobName.priceUsageEvent, event, jobOptionsOf(event));
  }

  /**
   * Enqueues many events in one Redis round trip and one job (up to MAX_EVENTS_PER_JOB
   * per job): what costs Redis and the worker is the job, not the event. A single event
   * still travels as its own job, under its own id. Resolves once Redis has them all.
   */
  async enqueueMany(events: readonly UsageEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (events.length === 1) return this.enqueue(events[0]);
    const jobs = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_JOB) {
      const slice = events.slice(i, i + MAX_EVENTS_PER_JOB);
      jobs.push({
        name: JobName.priceUsageEvents,
        data: { events: slice },
        // Named after its first event: an event is in one batch only, so a repeated add of
        // the same batch is ignored by BullMQ like a repeated single event.
        opts: { ...usageEventJobOptions, jobId: `batch_${slice[0].eventId}` },
      });
    }
    if (jobs.length === 1) await this.queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
    else await this.queue.addBulk(jobs);
  }

  /** Puts a failed job back in line; false when no failed job has this id. */
  async retryFailed(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  /** Puts every failed job back in line (1,000 per round trip); returns how many were failed. */
  async retryAllFailed(): Promise<number> {
    const failed = await this.queue.getFailedCount();
    await this.queue.retryJobs({ state: 'failed', count: 1000 });
    return failed;
  }
}

function jobOptionsOf(event: UsageEvent) {
  return { ...usageEventJobOptions, jobId: event.eventId };
}
