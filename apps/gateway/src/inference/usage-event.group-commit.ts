import { MAX_EVENTS_PER_JOB, type UsageEvent } from '@app/queue';

interface Waiting {
  event: UsageEvent;
  resolve(stored: boolean): void;
}

/**
 * Group commit of usage events to the queue: one write at a time; the events that finish
 * while it is in flight wait for it and then go together, in one job and one Redis round
 * trip. A lone request is written at once (no timer, no added wait); under load the
 * batches grow by themselves. Each event's promise settles only when Redis has its batch,
 * so the caller can hold the end of the response until its event is durable.
 */
export class UsageEventGroupCommit {
  private pending: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly write: (events: UsageEvent[]) => Promise<void>,
    private readonly timeoutMs: number,
  ) {}

  /** True once the event is in the queue; false if its write failed or outlasted the timeout. */
  add(event: UsageEvent): Promise<boolean> {
    return new Promise((resolve) => {
      this.pending.push({ event, resolve });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_EVENTS_PER_JOB);
        const stored = await this.writeWithin(batch.map((waiting) => waiting.event));
        for (const waiting of batch) waiting.resolve(stored);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeWithin(events: UsageEvent[]): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (resolve) => (timer = setTimeout(resolve, this.timeoutMs, false)),
    );
    try {
      // A late success after the timeout is harmless: the outbox copy dedupes on the event id.
      return await Promise.race([this.write(events).then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
