import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );

const port = z.coerce.number().int().min(0).max(65535);
const milliseconds = z.coerce.number().int().positive();

/** The environment variables KeepRouter reads, with their defaults (API.md, "Processes and configuration"). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default(
    'postgresql://postgres@127.0.0.1:5432/keeprouter',
  ),
  /** Optional: reports (usage, roll-ups) read from it, e.g. a streaming replica. Unset: DATABASE_URL. */
  DATABASE_READ_URL: url(['postgres:', 'postgresql:']).optional(),
  /** Whole months of raw usage records kept before the current one; unset keeps everything. */
  USAGE_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** `host:port,host:port,…` of a Redis Cluster: when set, every Redis user runs in cluster mode. */
  REDIS_CLUSTER_NODES: z
    .string()
    .regex(
      /^[A-Za-z0-9_.-]+:\d{1,5}(,[A-Za-z0-9_.-]+:\d{1,5})*$/,
      'must be host:port pairs separated by commas',
    )
    .optional(),
  /** Prefix of every Redis key (BullMQ queues, caches): tests use their own. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'must be letters, digits, _ . : or -')
    .default('keeprouter'),
  PORT: port.default(8080),
  WORKER_HEALTH_PORT: port.default(8081),
  /** Unset means the admin API refuses every call. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  MISTRAL_API_KEY: z.string().min(1).optional(),
  MISTRAL_BASE_URL: url(['http:', 'https:']).default('https://api.mistral.ai/v1'),
  UPSTREAM_TIMEOUT_MS: milliseconds.default(600_000),
  UPSTREAM_FIRST_BYTE_TIMEOUT_MS: milliseconds.default(60_000),
  /** How long one write of a stream may wait for a client that reads nothing before it counts as gone. */
  CLIENT_WRITE_TIMEOUT_MS: milliseconds.default(30_000),
  /** Consecutive failures of an endpoint (model × provider) that open its circuit breaker. */
  CIRCUIT_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
  /** How long an open breaker skips its endpoint before one request tries it again. */
  CIRCUIT_BREAKER_COOLDOWN_MS: milliseconds.default(30_000),
  PUBLIC_BASE_URL: url(['http:', 'https:']).default('https://keeprouter.com'),
  /** The most a worker's SIGTERM may take, each shutdown step included (dependencies may be gone). */
  WORKER_SHUTDOWN_TIMEOUT_MS: milliseconds.default(10_000),
  /**
   * How long a spend hold lives while its request is in flight and nothing ended it:
   * longer than the longest upstream request. Only a gateway that died mid-request leaves
   * one to expire.
   */
  HOLD_IN_FLIGHT_TTL_MS: milliseconds.default(15 * 60_000),
  /**
   * How long a hold lives once its usage event is stored (queue, outbox): until the worker
   * charges or releases it, and this only as the last resort for an event lost for good.
   * An expiry is counted (keeprouter_holds_expired_total) and logged as an error.
   */
  HOLD_MAX_TTL_MS: milliseconds.default(7 * 24 * 3_600_000),
  /**
   * Hosts (comma-separated, as written in a URL) a webhook may reach though they resolve
   * to a loopback, private or reserved address. Unset: none.
   */
  WEBHOOK_ALLOWED_HOSTS: z.string().default(''),
});

export type Env = z.infer<typeof envSchema>;
