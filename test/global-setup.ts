import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../libs/database/src/migrations/migration-runner';
import {
  databaseUrl,
  templateDatabaseName,
  TEST_RUN_VARIABLE,
  TEST_SERVER_URL,
  workerDatabaseName,
} from '../libs/testing/src/test-databases';

const WORKERS = 4;

/**
 * Migrates a fresh template database with the project's own runner, then clones one
 * database per Jest worker from it. The names carry this run's id (inherited by the
 * workers through the environment), so concurrent runs stay apart.
 */
export default async function globalSetup(): Promise<void> {
  process.env[TEST_RUN_VARIABLE] = `${process.pid}`;
  const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${templateDatabaseName()}`);
    await applyMigrations(
      databaseUrl(templateDatabaseName()),
      join(__dirname, '..', 'prisma', 'migrations'),
    );
    for (let worker = 1; worker <= WORKERS; worker++) {
      await admin.query(
        `CREATE DATABASE ${workerDatabaseName(worker)} TEMPLATE ${templateDatabaseName()}`,
      );
    }
  } finally {
    await admin.end();
  }
}
