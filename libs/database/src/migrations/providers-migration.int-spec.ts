import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  databaseUrl,
  scratchDatabaseName,
  TEST_SERVER_URL,
} from '../../../testing/src/test-databases';
import { applyMigrations, readMigrations } from './migration-runner';

const MIGRATIONS = join(__dirname, '..', '..', '..', '..', 'prisma', 'migrations');
const PROVIDERS = '20261204153937_providers';
const SCRATCH = scratchDatabaseName('providers_migration');

/**
 * An install that predates providers keeps working: its models' upstreams become their one
 * endpoint at `mistral`, its prices and usage records belong to `mistral`.
 */
describe(`migration ${PROVIDERS}`, () => {
  const admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
  let before: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SCRATCH}`);
    before = await mkdtemp(join(tmpdir(), 'kr-migrations-'));
    await cp(join(MIGRATIONS, 'migration_lock.toml'), join(before, 'migration_lock.toml'));
    for (const file of await readMigrations(MIGRATIONS)) {
      if (file.name < PROVIDERS)
        await cp(join(MIGRATIONS, file.name), join(before, file.name), { recursive: true });
    }
  });
  afterAll(async () => {
    await rm(before, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.end();
  });

  it('seeds mistral and moves existing upstreams, prices and usage onto it', async () => {
    await applyMigrations(databaseUrl(SCRATCH), before);
    const db = new Client({ connectionString: databaseUrl(SCRATCH) });
    await db.connect();
    try {
      await db.query(`
        INSERT INTO accounts (id, name, updated_at) VALUES ('acct_1', 'A', now());
        INSERT INTO api_keys (id, account_id, name, key_hash, prefix)
          VALUES ('key_1', 'acct_1', 'k', repeat('a', 64), 'kr-a');
        INSERT INTO models (id, display_name, maker, description, capabilities,
                            upstream_provider, upstream_model, updated_at)
          VALUES ('m1', 'M1', 'Mistral AI', 'd.', '{}', 'mistral', 'mistral-m1-2501', now());
        INSERT INTO prices (id, model_id, input_per_million, output_per_million, effective_from)
          VALUES ('price_1', 'm1', 2, 5, '2026-01-01');
        INSERT INTO usage_records (id, account_id, api_key_id, model_id, price_id, surface,
                                   input_tokens, output_tokens, cost, occurred_at)
          VALUES ('gen_1', 'acct_1', 'key_1', 'm1', 'price_1', 'openai', 1000, 500, 0.0045, now());`);

      await applyMigrations(databaseUrl(SCRATCH), MIGRATIONS);

      const providers = await db.query(
        'SELECT id, name, dialect, base_url, api_key_env FROM providers',
      );
      expect(providers.rows).toEqual([
        {
          id: 'mistral',
          name: 'Mistral AI',
          dialect: 'openai',
          base_url: 'https://api.mistral.ai/v1',
          api_key_env: 'MISTRAL_API_KEY',
        },
      ]);
      const endpoints = await db.query(
        'SELECT model_id, provider_id, position, upstream_model FROM model_endpoints',
      );
      expect(endpoints.rows).toEqual([
        { model_id: 'm1', provider_id: 'mistral', position: 0, upstream_model: 'mistral-m1-2501' },
      ]);
      const prices = await db.query('SELECT id, provider_id FROM prices');
      expect(prices.rows).toEqual([{ id: 'price_1', provider_id: 'mistral' }]);
      const usage = await db.query('SELECT id, provider_id, cost::text FROM usage_records');
      expect(usage.rows).toEqual([
        { id: 'gen_1', provider_id: 'mistral', cost: '0.004500000000000000' },
      ]);
    } finally {
      await db.end();
    }
  });
});
