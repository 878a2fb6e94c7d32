import { envSchema, type Env } from './config.schema';

/** One upstream provider: where to send requests and with which key. */
export interface UpstreamConfig {
  baseUrl: string;
  /** Absent only in development against a local fake upstream that ignores it. */
  apiKey: string | undefined;
}

/** Typed configuration of both processes, validated once at boot. */
export interface AppConfig {
  env: Env['NODE_ENV'];
  database: {
    url: string;
    /** Where reports read; DATABASE_URL unless DATABASE_READ_URL is set. */
    readUrl: string;
    /** Whole months of raw usage kept before the current one; undefined keeps everything. */
    usageRetentionMonths: number | undefined;
  };
  redis: {
    url: string;
    prefix: string;
    /** The seed nodes of a Redis Cluster; undefined for one Redis at `url`. */
    clusterNodes: Array<{ host: string; port: number }> | undefined;
  };
  gateway: { port: number; publicBaseUrl: string };
  worker: { healthPort: number; shutdownTimeoutMs: number };
  admin: { token: string | undefined };
  upstreams: { mistral: UpstreamConfig };
  /**
   * Providers' keys, by the name of the environment variable that holds each (a provider's
   * `api_key_env`). Only variables named `*_API_KEY` are read: a provider can never be made
   * to send the gateway's own secrets (DATABASE_URL, ADMIN_TOKEN, ...) upstream.
   */
  providerKeys: Readonly<Record<string, string>>;
  /**
   * Base URLs set in the environment, by provider id, that win over the stored one:
   * `MISTRAL_BASE_URL` for `mistral`, so existing installs and the tests keep pointing
   * their upstream where they did before providers were data.
   */
  providerBaseUrls: Readonly<Record<string, string>>;
  upstreamTimeouts: { totalMs: number; firstByteMs: number };
  /** A client that takes no data of a stream for this long is gone (the upstream is read on). */
  clientWriteTimeoutMs: number;
  /** When an endpoint is skipped: after `failures` consecutive failures, for `cooldownMs`. */
  circuitBreaker: { failures: number; cooldownMs: number };
  /**
   * Lifetimes of spend holds: `inFlightMs` while the request runs, `maxMs` once its usage
   * event is stored (a last resort: the worker ends it by charging or releasing it).
   */
  holds: { inFlightMs: number; maxMs: number };
  /** Hosts a webhook may reach though they resolve to a loopback or private address. */
  webhooks: { allowedHosts: string[] };
}

/** Thrown at boot when a variable is missing or malformed; the message names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates an environment (process.env by default) into an AppConfig.
 * Empty strings count as unset, as in most dotenv files.
 */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    database: {
      url: env.DATABASE_URL,
      readUrl: env.DATABASE_READ_URL ?? env.DATABASE_URL,
      usageRetentionMonths: env.USAGE_RETENTION_MONTHS,
    },
    redis: {
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      clusterNodes: env.REDIS_CLUSTER_NODES?.split(',').map((node) => {
        const [host, port] = node.split(':');
        return { host, port: Number(port) };
      }),
    },
    gateway: { port: env.PORT, publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') },
    worker: {
      healthPort: env.WORKER_HEALTH_PORT,
      shutdownTimeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS,
    },
    admin: { token: env.ADMIN_TOKEN },
    upstreams: {
      mistral: { baseUrl: env.MISTRAL_BASE_URL.replace(/\/+$/, ''), apiKey: env.MISTRAL_API_KEY },
    },
    providerKeys: Object.fromEntries(
      Object.entries(cleaned).filter(([name]) => isProviderKeyEnvName(name)),
    ) as Record<string, string>,
    providerBaseUrls:
      cleaned.MISTRAL_BASE_URL === undefined
        ? {}
        : { mistral: env.MISTRAL_BASE_URL.replace(/\/+$/, '') },
    upstreamTimeouts: {
      totalMs: env.UPSTREAM_TIMEOUT_MS,
      firstByteMs: env.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    },
    clientWriteTimeoutMs: env.CLIENT_WRITE_TIMEOUT_MS,
    circuitBreaker: {
      failures: env.CIRCUIT_BREAKER_FAILURES,
      cooldownMs: env.CIRCUIT_BREAKER_COOLDOWN_MS,
    },
    holds: { inFlightMs: env.HOLD_IN_FLIGHT_TTL_MS, maxMs: env.HOLD_MAX_TTL_MS },
    webhooks: {
      allowedHosts: env.WEBHOOK_ALLOWED_HOSTS.split(',')
        .map((host) => host.trim())
        .filter((host) => host !== ''),
    },
  };
}

/** The names a provider's `api_key_env` may take: an environment variable named `*_API_KEY`. */
export const PROVIDER_KEY_ENV_NAME = /^[A-Z][A-Z0-9_]*_API_KEY$/;

export function isProviderKeyEnvName(name: string): boolean {
  return PROVIDER_KEY_ENV_NAME.test(name);
}

/**
 * The process environment, with a `.env` file in the working directory honoured
 * (variables already set win). The only place that reads process.env.
 */
export function readProcessEnv(): Record<string, string | undefined> {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { ...process.env };
}
