import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@app/config';

/** One Redis or a Redis Cluster: the same commands, scripts and pub/sub for their users. */
export type RedisClient = Redis | Cluster;

/**
 * A connection to the configured Redis: a Cluster client when REDIS_CLUSTER_NODES is set
 * (it follows MOVED/ASK redirections and fail-overs by itself), else one Redis at REDIS_URL.
 */
export function createRedisClient(
  redis: AppConfig['redis'],
  options: RedisOptions = {},
): RedisClient {
  if (!redis.clusterNodes) return new Redis(redis.url, options);
  const { enableAutoPipelining, ...redisOptions } = options;
  return new Cluster(redis.clusterNodes, {
    redisOptions,
    enableAutoPipelining,
    // A fail-over takes a few seconds: keep retrying the slot refresh meanwhile.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
  });
}

/** Every key matching `pattern`, on every master of a cluster (SCAN is per node). */
export async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...keys);
    } while (cursor !== '0');
  }
  return found;
}

/**
 * A key's hash tag: in a cluster, keys sharing the `{…}` part live in one slot, so one
 * Lua script may touch them all. Harmless on a single Redis.
 */
export function hashTag(id: string): string {
  return `{${id}}`;
}
