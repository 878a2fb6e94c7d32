import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import {
  JobName,
  parseUsageEvent,
  parseUsageEventBatch,
  QueueName,
  UsageEventProducer,
  type UsageEvent,
} from '@app/queue';
import { ConsumerHost } from '../consumer-host';
import { UnpricedEventError } from './unpriced-event.error';
import { MAX_BATCH, UsageBatcherService } from './usage-batcher.service';
import type { ChargeOutcome } from './usage-charge.service';

/** What a batch job returns: how many of its events were charged now, or already before. */
export interface BatchJobOutcome {
  charged: number;
  duplicate: number;
  /** Events that cannot be priced, moved to jobs of their own (which fail visibly). */
  unpriced: number;
}

/**
 * Consumes usage events, one per job or many per job. Failures are thrown, never
 * swallowed: transient ones are retried with backoff; a malformed payload or a missing
 * price goes straight to the failed set, where it stays until an operator retries it.
 */
// A job's lock outlives a crashed worker by at most lockDuration; then any worker takes
// the job again (charging is idempotent, so a re-run is harmless). maxStalledCount is
// high so that repeated crashes delay an event but never fail it.
// Concurrency is what fills a batch: each job waits in the batcher for its batch's commit.
@Processor(QueueName.usageEvents, {
  concurrency: MAX_BATCH,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 100,
})
export class UsageEventProcessor extends ConsumerHost {
  private readonly logger = new Logger(UsageEventProcessor.name);

  constructor(
    private readonly batcher: UsageBatcherService,
    private readonly producer: UsageEventProducer,
  ) {
    super();
  }

  async process(job: Job): Promise<ChargeOutcome | BatchJobOutcome> {
    try {
      if (job.name === JobName.priceUsageEvents) {
        return await this.processMany(parseUsageEventBatch(job.data));
      }
      return await this.batcher.submit(parseUsageEvent(job.data));
    } catch (error) {
      if (error instanceof ZodError) {
        this.logger.error(`job ${job.id} has a malformed payload: ${error.message}`);
        throw new UnrecoverableError(`Malformed usage event: ${error.message}`);
      }
      if (error instanceof UnpricedEventError) {
        this.logger.error(error.message);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }

  /**
   * Every event of the job goes to the batcher. An event that cannot be priced is moved
   * to a job of its own, which fails by itself and shows in the failed set as any single
   * event would; any other failure fails the whole job, whose retry charges only what
   * is not charged yet (each event's usage record id makes the rest duplicates).
   */
  private async processMany(events: UsageEvent[]): Promise<BatchJobOutcome> {
    const settled = await Promise.allSettled(events.map((event) => this.batcher.submit(event)));
    const outcome: BatchJobOutcome = { charged: 0, duplicate: 0, unpriced: 0 };
    const unpriced: UsageEvent[] = [];
    let failure: Error | undefined;
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') outcome[result.value]++;
      else if (result.reason instanceof UnpricedEventError) unpriced.push(events[i]);
      else failure ??= result.reason as Error;
    });
    if (failure !== undefined) throw failure;
    for (const event of unpriced) await this.producer.enqueue(event);
    outcome.unpriced = unpriced.length;
    return outcome;
  }
}
