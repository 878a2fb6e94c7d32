import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisService } from '@app/redis';

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

type Listener = (change: CacheChange) => void;

/**
 * Tells every gateway that a key, an account or a model changed, through Redis pub/sub,
 * so that a revocation, a disabled key, a suspended account, a retired model or a new
 * price takes effect on the next request everywhere, not when a cache entry expires.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CacheInvalidation.name);
  private readonly listeners: Listener[] = [];
  private subscriber: Redis | undefined;
  private readonly channel: string;

  constructor(private readonly redis: RedisService) {
    this.channel = redis.key('cache-invalidations');
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('message', (_channel: string, message: string) => this.deliver(message));
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    this.subscriber?.disconnect();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /**
   * Publishes a change to every gateway. This one's listeners hear it at once (the next
   * request here already sees it), and again, harmlessly, when the message comes back.
   * Call after the write has committed, never before: a read in between would re-cache
   * the old row.
   */
  async publish(change: CacheChange): Promise<void> {
    this.listeners.forEach((listener) => listener(change));
    await this.redis.client.publish(this.channel, `${change.kind}:${change.id}`);
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
