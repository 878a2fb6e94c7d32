/**
 * Where tests keep their data: a template database migrated once per run, cloned into
 * one database per Jest worker, and a Redis prefix per worker and run. Nothing here
 * touches the `keeprouter` database or the `keeprouter` prefix of a running instance.
 */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DATABASE = 'keeprouter_test_template';

export function workerDatabaseName(workerId: string | number): string {
  return `keeprouter_test_${workerId}`;
}

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

/** This Jest worker's database URL. */
export function testDatabaseUrl(): string {
  return databaseUrl(workerDatabaseName(process.env.JEST_WORKER_ID ?? '1'));
}
