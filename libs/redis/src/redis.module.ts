import { Global, Inject, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';

/**
 * The process's general-purpose Redis connection (caches, holds, rate limits) and the
 * key prefix everything lives under. BullMQ keeps connections of its own.
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redis.prefix;
    // A bounded retry: a request must fail fast rather than hang when Redis is away.
    this.client = new Redis(config.redis.url, {
      maxRetriesPerRequest: 2,
      enableAutoPipelining: true,
    });
  }

  /** `<prefix>:<parts joined by ':'>` */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** A second connection, for subscribing (a subscribed connection can do nothing else). */
  duplicate(): Redis {
    return this.client.duplicate();
  }

  async onModuleDestroy(): Promise<void> {
    this.client.disconnect();
  }
}

@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
