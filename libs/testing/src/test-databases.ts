/**
 * Where tests keep their data: a template database migrated once per Jest run, cloned
 * into one database per Jest worker, all named after the run so that two runs on one
 * machine never meet, and dropped when the run ends. Nothing here touches the
 * `keeprouter` database or the `keeprouter` Redis prefix of a running instance.
 */
export const TEST_SERVER_URL =
  process.env.TEST_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Set by the global setup, inherited by every Jest worker. */
export const TEST_RUN_VARIABLE = 'KEEPROUTER_TEST_RUN';

function runId(): string {
  return process.env[TEST_RUN_VARIABLE] ?? 'adhoc';
}

export function templateDatabaseName(): string {
  return `keeprouter_test_${runId()}_template`;
}

export function workerDatabaseName(workerId: string | number): string {
  return `keeprouter_test_${runId()}_${workerId}`;
}

/** A scratch database name of this run, for tests that create and drop their own. */
export function scratchDatabaseName(purpose: string): string {
  return `keeprouter_test_${runId()}_${purpose}_${process.env.JEST_WORKER_ID ?? '1'}`;
}

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

/** This Jest worker's database URL. */
export function testDatabaseUrl(): string {
  return databaseUrl(workerDatabaseName(process.env.JEST_WORKER_ID ?? '1'));
}
