import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type RedisClient, RedisService } from '@app/redis';

/**
 * What changed: a key, an account (status, or all its keys), a catalogue model (or its
 * endpoints or prices), or a provider (where it is and how it is spoken to).
 */
export type CacheChange =
  | { kind: 'key'; id: string }
  | { kind: 'account'; id: string }
  | { kind: 'model'; id: string }
  | { kind: 'provider'; id: string };

const KINDS = new Set(['key', 'account', 'model', 'provider']);

const RETRY_INTERVAL_MS = 250;

type Listener = (change: CacheChange) => void;

/**
 * Tells every gateway that a key, an account or a model changed, through Redis pub/sub,
 * so that a revocation, a disabled key, a suspended account, a retired model or a new
 * price takes effect on the next request everywhere, not when a cache entry expires.
 */
@Injectable()
export class CacheInvalidationService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CacheInvalidationService.name);
  private readonly listeners: Listener[] = [];
  private subscriber: RedisClient | undefined;
  private readonly channel: string;
  /** Invalidations Redis refused after their write committed, retried until sent. */
  private readonly unsent = new Set<string>();
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly redis: RedisService) {
    this.channel = redis.key('cache-invalidations');
  }

  async onModuleInit(): Promise<void> {
    // In a cluster, a PUBLISH reaches every node, so one subscription on any node hears it.
    const subscriber = this.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    await subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.subscriber?.disconnect();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * Publishes a change to every gateway. This one's listeners hear it at once (the next
   * request here already sees it), and again, harmlessly, when the message comes back.
   * Call after the write has committed, never before: a read in between would re-cache
   * the old row. Never throws: the write has committed, so a publish Redis refuses is
   * retried in the background until it is sent (a gateway that never hears it stops
   * trusting its cached copy when the entry expires, see KeyAuthService).
   */
  async publish(change: CacheChange): Promise<void> {
    this.listeners.forEach((listener) => listener(change));
    const message = `${change.kind}:${change.id}`;
    if (this.unsent.has(message)) return; // already queued: one send covers both
    if (await this.send(message)) return;
    this.unsent.add(message);
    this.scheduleRetry();
  }

  private async send(message: string): Promise<boolean> {
    try {
      await this.redis.client.publish(this.channel, message);
      return true;
    } catch (error) {
      this.logger.warn(`invalidation '${message}' not published, will retry: ${String(error)}`);
      return false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.unsent.size === 0 || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retryUnsent();
    }, RETRY_INTERVAL_MS);
    this.retryTimer.unref();
  }

  private async retryUnsent(): Promise<void> {
    for (const message of [...this.unsent]) {
      if (await this.send(message)) this.unsent.delete(message);
    }
    this.scheduleRetry();
  }

  private deliver(message: string): void {
    const separator = message.indexOf(':');
    const kind = message.slice(0, separator);
    const id = message.slice(separator + 1);
    if (!KINDS.has(kind)) {
      this.logger.warn(`ignoring an unknown invalidation '${kind}'`);
      return;
    }
    const change = { kind, id } as CacheChange;
    this.listeners.forEach((listener) => listener(change));
  }
}
