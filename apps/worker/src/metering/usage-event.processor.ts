import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { parseUsageEvent, QueueName } from '@app/queue';
import { UnpricedEventError } from './unpriced-event.error';
import { MAX_BATCH, UsageBatcher } from './usage-batcher';
import type { ChargeOutcome } from './usage-charge.service';

/**
 * Consumes usage events. Failures are thrown, never swallowed: transient ones are
 * retried with backoff; a malformed payload or a missing price goes straight to the
 * failed set, where it stays until an operator retries it.
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
export class UsageEventProcessor extends WorkerHost {
  private readonly logger = new Logger(UsageEventProcessor.name);

  constructor(private readonly batcher: UsageBatcher) {
    super();
  }

  async process(job: Job): Promise<ChargeOutcome> {
    try {
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
}
