import type { QueueOptions } from 'bullmq';
import type { AppConfig } from '@app/config';

/**
 * BullMQ's connection and key prefix for this deployment. Every queue key lives under
 * `<REDIS_PREFIX>:bull`, so tests and instances sharing one Redis never meet.
 */
export function bullOptions(config: AppConfig): QueueOptions {
  return {
    // Workers block on Redis; BullMQ requires maxRetriesPerRequest to be null.
    connection: { url: config.redis.url, maxRetriesPerRequest: null },
    prefix: `${config.redis.prefix}:bull`,
  };
}
