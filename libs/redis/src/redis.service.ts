import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { createRedisClient, type RedisClient } from './redis-client';

/**
 * The process's general-purpose Redis connection (caches, holds, rate limits) and the
 * key prefix everything lives under: one Redis, or a Redis Cluster when
 * REDIS_CLUSTER_NODES is set. BullMQ keeps connections of its own.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  readonly client: RedisClient;
  readonly prefix: string;
  private readonly logger = new Logger(RedisService.name);
  private lastErrorLoggedAt = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redis.prefix;
    // A bounded retry: a request must fail fast rather than hang when Redis is away.
    this.client = this.watch(
      createRedisClient(config.redis, { maxRetriesPerRequest: 2, enableAutoPipelining: true }),
    );
  }

  /** ioredis reconnects by itself; say so now and then instead of once per attempt. */
  private watch<T extends RedisClient>(client: T): T {
    client.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLoggedAt < 30_000) return;
      this.lastErrorLoggedAt = Date.now();
      this.logger.warn(`Redis unavailable, reconnecting: ${error.message}`);
    });
    return client;
  }

  /** `<prefix>:<parts joined by ':'>` */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** A second connection, for subscribing (a subscribed connection can do nothing else). */
  duplicate(): RedisClient {
    return this.watch(this.client.duplicate());
  }

  /**
   * In the last shutdown phase, after the queue consumers stopped (see ConsumerHost):
   * Nest runs each phase on the deepest modules first, so closing here in onModuleDestroy
   * went before any user was done. A command sent to a disconnected Cluster client is
   * queued for ever (one Redis rejects it at once), so a batch still settling hung the
   * worker's shutdown.
   */
  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
