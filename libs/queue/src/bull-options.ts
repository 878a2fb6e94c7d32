import { createIORedisClient, type QueueOptions, RedisConnection } from 'bullmq';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@app/config';

/** Where a BullMQ connection goes: carried in its options, so each queue and worker opens (and closes) its own. */
interface KeepRouterConnectionOptions extends RedisOptions {
  url?: string;
  clusterNodes?: Array<{ host: string; port: number }>;
}

/**
 * BullMQ opens every connection through this factory (its documented hook): a Cluster
 * client when the options name cluster nodes, else ioredis as BullMQ would. Stateless,
 * so processes (and tests) mixing both kinds of configuration stay apart, and BullMQ
 * owns, and closes, each connection it opens.
 */
RedisConnection.clientFactory = (options) => {
  const { url, clusterNodes, ...rest } = options as KeepRouterConnectionOptions;
  if (clusterNodes)
    return createIORedisClient(
      new Cluster(clusterNodes, {
        redisOptions: rest,
        clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 300,
      }),
    );
  return createIORedisClient(url ? new Redis(url, rest) : new Redis(rest));
};

/**
 * BullMQ's connection and key prefix for this deployment. Every queue key lives under
 * `<REDIS_PREFIX>:bull`, so tests and instances sharing one Redis never meet. On a Redis
 * Cluster the prefix is hash-tagged (`{<REDIS_PREFIX>}:bull`), as BullMQ requires: all
 * keys of a queue must share a slot for its Lua scripts.
 */
export function bullOptions(config: AppConfig): QueueOptions {
  const { clusterNodes, url, prefix } = config.redis;
  // Workers block on Redis; BullMQ requires maxRetriesPerRequest to be null.
  const connection: KeepRouterConnectionOptions = clusterNodes
    ? { clusterNodes, maxRetriesPerRequest: null }
    : { url, maxRetriesPerRequest: null };
  return {
    // Our factory above reads `clusterNodes`; BullMQ passes its options through untouched.
    connection: connection as QueueOptions['connection'],
    prefix: clusterNodes ? `{${prefix}}:bull` : `${prefix}:bull`,
  };
}
