import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { UsageEvent } from '@app/queue';
import { boundedStep } from '../bounded-shutdown';
import { type ChargeOutcome, UsageChargeService } from './usage-charge.service';

/** Up to this many events per transaction… */
export const MAX_BATCH = 500;
/** …or whatever arrived within this long of the first one. */
export const MAX_WAIT_MS = 20;
/** The last batch's write at shutdown; the process-wide bound (WORKER_SHUTDOWN_TIMEOUT_MS) caps all steps. */
const SHUTDOWN_FLUSH_MS = 5_000;

interface Pending {
  event: UsageEvent;
  resolve(outcome: ChargeOutcome): void;
  reject(error: Error): void;
}

/**
 * Gathers the events that BullMQ hands the processor concurrently into batches, one
 * transaction each. Every job still completes or fails on its own: its promise settles
 * when the batch holding it committed (or failed, and then BullMQ retries the job).
 */
@Injectable()
export class UsageBatcherService implements OnApplicationShutdown {
  private readonly logger = new Logger(UsageBatcherService.name);
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly charges: UsageChargeService) {}

  submit(event: UsageEvent): Promise<ChargeOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      if (this.queue.length >= MAX_BATCH) this.flushSoon(0);
      else this.flushSoon(MAX_WAIT_MS);
    });
  }

  /**
   * Shutdown: what was submitted is written before the process ends, if PostgreSQL lets
   * it within the bound; otherwise its jobs stay unacknowledged and are delivered again.
   */
  async onApplicationShutdown(): Promise<void> {
    this.flushSoon(0);
    await boundedStep('write the last batch', this.flushing, SHUTDOWN_FLUSH_MS, this.logger);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One batch at a time per process: the next one gathers while this one writes.
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await this.charges.chargeBatch(batch.map((p) => p.event));
        for (const pending of batch) {
          const outcome = outcomes.get(pending.event.eventId) ?? 'duplicate';
          if (outcome instanceof Error) pending.reject(outcome);
          else pending.resolve(outcome);
        }
      } catch (error) {
        this.logger.error(
          `a batch of ${batch.length} events failed and will be retried: ${(error as Error).message}`,
        );
        batch.forEach((pending) => pending.reject(error as Error));
      }
    }
  }
}
