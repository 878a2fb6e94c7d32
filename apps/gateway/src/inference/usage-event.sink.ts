import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { UsageOutboxRepository } from '@app/database';
import { MetricsService } from '@app/metrics';
import { parseUsageEvent, UsageEventProducer, type UsageEvent } from '@app/queue';
import { UsageEventGroupCommit } from './usage-event.group-commit';

/** Beyond this, an enqueue counts as failed: Redis is down or too slow to wait for. */
const ENQUEUE_TIMEOUT_MS = 500;
/**
 * On a Redis Cluster with replicas, how long an enqueued event may wait for a replica to
 * hold it too; past it the event also goes to the outbox (a second copy is harmless: the
 * charge is once per event id).
 */
const REPLICATION_TIMEOUT_MS = 250;
/** Events kept in memory when neither Redis nor PostgreSQL takes them. */
export const MEMORY_BUFFER_LIMIT = 10_000;
/** New inference requests are refused (503) from here on, leaving room for those in flight. */
export const MEMORY_BUFFER_REFUSE_AT = MEMORY_BUFFER_LIMIT / 2;
const DRAIN_INTERVAL_MS = 1000;

/**
 * Where a usage event goes, in order: the queue (group-committed: the events of requests
 * finishing together share one job and one Redis round trip); else the PostgreSQL outbox (a relay in
 * the worker moves it to the queue later); else a bounded in-memory buffer, retried every
 * second. An event is never dropped while the process lives, and once the buffer fills
 * the gateway stops serving requests that it could not bill.
 */
@Injectable()
export class UsageEventSink implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(UsageEventSink.name);
  private readonly buffer: UsageEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private readonly groupCommit: UsageEventGroupCommit;

  constructor(
    private readonly producer: UsageEventProducer,
    private readonly outbox: UsageOutboxRepository,
    private readonly metrics: MetricsService,
  ) {
    this.groupCommit = new UsageEventGroupCommit(
      (events) => this.producer.enqueueMany(events).then(() => this.replicated()),
      ENQUEUE_TIMEOUT_MS,
    );
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.drain(), DRAIN_INTERVAL_MS);
    this.timer.unref();
  }

  /** Shutdown: one last attempt to put buffered events somewhere durable. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.drain();
    if (this.buffer.length > 0) {
      this.logger.error(
        `${this.buffer.length} usage events could not be stored: ${this.buffer.map((e) => e.eventId).join(', ')}`,
      );
    }
  }

  /** False when the buffer is filling: the gateway must not take requests it may not bill. */
  get acceptingRequests(): boolean {
    return this.buffer.length < MEMORY_BUFFER_REFUSE_AT;
  }

  async store(candidate: UsageEvent): Promise<void> {
    // Validated here, once: nothing malformed may reach the outbox and block its relay.
    const event = parseUsageEvent(candidate);
    if (await this.groupCommit.add(event)) return;
    if (await this.tryOutbox(event)) return;
    if (this.buffer.length >= MEMORY_BUFFER_LIMIT) {
      // Refusal starts at half the limit, so only a burst of in-flight requests gets here.
      this.logger.error(`usage buffer full, keeping event ${event.eventId} above the limit`);
    }
    this.buffer.push(event);
    this.metrics.outboxSize.set({ place: 'memory' }, this.buffer.length);
  }

  private async tryQueue(event: UsageEvent): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>(
      (resolve) => (timer = setTimeout(resolve, ENQUEUE_TIMEOUT_MS, false)),
    );
    try {
      // A late success after the timeout is harmless: the outbox copy dedupes on the event id.
      return await Promise.race([
        this.producer.enqueue(event).then(() => this.replicated().then(() => true)),
        timeout,
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Throws unless the queue's events are on a replica too (a Redis Cluster with replicas:
   * a fail-over right after would otherwise lose an event already acknowledged).
   */
  private async replicated(): Promise<void> {
    if (!(await this.producer.replicated(REPLICATION_TIMEOUT_MS)))
      throw new Error('no replica acknowledged the usage events in time');
  }

  private async tryOutbox(event: UsageEvent): Promise<boolean> {
    try {
      await this.outbox.insert(event);
      this.logger.warn(
        `usage event ${event.eventId} went to the PostgreSQL outbox (queue unavailable)`,
      );
      return true;
    } catch {
      return false;
    }
  }

  private async drain(): Promise<void> {
    if (this.draining || this.buffer.length === 0) return;
    this.draining = true;
    try {
      while (this.buffer.length > 0) {
        const event = this.buffer[0];
        if (!(await this.tryQueue(event)) && !(await this.tryOutbox(event))) break;
        this.buffer.shift();
      }
    } finally {
      this.draining = false;
      this.metrics.outboxSize.set({ place: 'memory' }, this.buffer.length);
    }
  }
}
