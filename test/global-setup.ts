import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations } from '../libs/database/src/migrations/migration-runner';
import {
  databaseUrl,
  TEMPLATE_DATABASE,
  TEST_SERVER_URL,
  workerDatabaseName,
} from '../libs/testing/src/test-databases';

const WORKERS = 4;

/**
 * Migrates a fresh template database with the project's own runner, then clones one
 * database per Jest worker from it. Dropping first makes a second run start clean.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    await applyMigrations(
      databaseUrl(TEMPLATE_DATABASE),
      join(__dirname, '..', 'prisma', 'migrations'),
    );
    for (let worker = 1; worker <= WORKERS; worker++) {
      const name = workerDatabaseName(worker);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    }
  } finally {
    await admin.end();
  }
}
