import { Client } from 'pg';
import { TEST_RUN_VARIABLE, TEST_SERVER_URL } from '../libs/testing/src/test-databases';

/** Drops every database of this run, and those of runs that died without their teardown. */
export default async function globalTeardown(): Promise<void> {
  const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'keeprouter\\_test\\_%'",
    );
    const ours = `keeprouter_test_${process.env[TEST_RUN_VARIABLE]}_`;
    for (const { datname } of rows) {
      const pid = /^keeprouter_test_(\d+)_/.exec(datname)?.[1];
      const orphaned = pid !== undefined && !processIsAlive(Number(pid));
      if (datname.startsWith(ours) || orphaned) {
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      }
    }
  } finally {
    await admin.end();
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
