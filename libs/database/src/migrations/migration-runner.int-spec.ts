import { join } from 'node:path';
import { Client } from 'pg';
import {
  databaseUrl,
  scratchDatabaseName,
  TEST_SERVER_URL,
} from '../../../testing/src/test-databases';
import { applyMigrations, readMigrations } from './migration-runner';

const MIGRATIONS = join(__dirname, '..', '..', '..', '..', 'prisma', 'migrations');
const SCRATCH = scratchDatabaseName('migrations');

describe('applyMigrations', () => {
  const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });

  beforeAll(async () => {
    await admin.connect();
  });
  beforeEach(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SCRATCH}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.end();
  });

  it('records each migration as prisma migrate deploy does, and is a no-op the second time', async () => {
    const files = await readMigrations(MIGRATIONS);
    const first = await applyMigrations(databaseUrl(SCRATCH), MIGRATIONS);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await applyMigrations(databaseUrl(SCRATCH), MIGRATIONS);
    expect(second).toEqual({ applied: [], alreadyApplied: files.map((f) => f.name) });

    const db = new Client({ connectionString: databaseUrl(SCRATCH) });
    await db.connect();
    const { rows } = await db.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    await db.end();
    expect(rows).toHaveLength(files.length);
    rows.forEach((row, i) => {
      expect(row.migration_name).toBe(files[i].name);
      expect(row.checksum).toBe(files[i].checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    });
  });

  it('is safe when two runners start at once', async () => {
    const [a, b] = await Promise.all([
      applyMigrations(databaseUrl(SCRATCH), MIGRATIONS),
      applyMigrations(databaseUrl(SCRATCH), MIGRATIONS),
    ]);
    expect(a.applied.length + b.applied.length).toBe((await readMigrations(MIGRATIONS)).length);
  });
});
