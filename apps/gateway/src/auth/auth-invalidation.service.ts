import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisService } from '@app/redis';

/** What changed: a key, or an account (status, or all its keys). */
export type AuthChange = { kind: 'key'; id: string } | { kind: 'account'; id: string };

type Listener = (change: AuthChange) => void;

/**
 * Tells every gateway that a key or an account changed, through Redis pub/sub, so that
 * a revocation, a disabled key or a suspended account takes effect on the next request
 * everywhere, not when a cache entry happens to expire.
 */
@Injectable()
export class AuthInvalidation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AuthInvalidation.name);
  private readonly listeners: Listener[] = [];
  private subscriber: Redis | undefined;
  private readonly channel: string;

  constructor(private readonly redis: RedisService) {
    this.channel = redis.key('auth-invalidations');
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

  /** Publishes a change to every gateway, this one included. */
  async publish(change: AuthChange): Promise<void> {
    await this.redis.client.publish(this.channel, `${change.kind}:${change.id}`);
  }

  private deliver(message: string): void {
    const separator = message.indexOf(':');
    const kind = message.slice(0, separator);
    const id = message.slice(separator + 1);
    if (kind !== 'key' && kind !== 'account') {
      this.logger.warn(`ignoring an unknown invalidation '${kind}'`);
      return;
    }
    this.listeners.forEach((listener) => listener({ kind, id }));
  }
}
