import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import Redis from 'ioredis';
import { Client } from 'pg';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function redisAnswers(redisUrl: string): Promise<boolean> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function tryRun(command: string): void {
  try {
    execSync(command, { stdio: 'ignore', timeout: 30_000 });
  } catch {
    // The check that follows says whether it worked.
  }
}

function startLocalPostgres(): void {
  try {
    for (const version of readdirSync('/etc/postgresql')) {
      tryRun(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`);
    }
  } catch {
    // No Debian cluster on this machine.
  }
}

function startLocalRedis(port: string): void {
  tryRun(`redis-server --daemonize yes --bind 127.0.0.1 --port ${port} --save "" --appendonly no`);
}

/**
 * Makes sure PostgreSQL and Redis answer. Local ones that are down are started with the
 * machine's own commands; remote ones are only checked. Throws with what to do otherwise.
 */
export async function ensureServices(databaseUrl: string, redisUrl: string): Promise<void> {
  if (!(await postgresAnswers(databaseUrl))) {
    if (LOCAL_HOSTS.has(new URL(databaseUrl).hostname)) startLocalPostgres();
    if (!(await postgresAnswers(databaseUrl))) {
      throw new Error(
        `PostgreSQL does not answer at DATABASE_URL's host. Start it (or: apt-get install -y postgresql).`,
      );
    }
  }
  if (!(await redisAnswers(redisUrl))) {
    const url = new URL(redisUrl);
    if (LOCAL_HOSTS.has(url.hostname)) startLocalRedis(url.port || '6379');
    if (!(await redisAnswers(redisUrl))) {
      throw new Error(
        `Redis does not answer at REDIS_URL. Start it (or: apt-get install -y redis-server).`,
      );
    }
  }
}
