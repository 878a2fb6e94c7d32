import { join } from 'node:path';
import { Client } from 'pg';
import { applyMigrations, createPrismaClient, type PrismaClient } from '@app/database';
import { databaseUrl, TEST_SERVER_URL } from '@app/testing';
import { scratchDatabaseName } from '../libs/testing/src/test-databases';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/**
 * DATABASE_READ_URL: reports read from it (a replica in production), everything else from
 * the primary. Here the "replica" is another database holding other roll-ups, so the
 * answer shows which one was read.
 */
describe('reports on the read database', () => {
  const name = scratchDatabaseName('read');
  let system: TestSystem;
  let reader: PrismaClient;
  let admin: Client;

  beforeAll(async () => {
    admin = new Client({ connectionString: `${TEST_SERVER_URL}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    await applyMigrations(databaseUrl(name), join(__dirname, '..', 'prisma', 'migrations'));
    reader = createPrismaClient(databaseUrl(name), 2);
    system = await startSystem({ env: { DATABASE_READ_URL: databaseUrl(name) } });
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    // Migrating a database of its own takes a while on a busy machine.
  }, 120_000);
  afterAll(async () => {
    await system.stop();
    await reader.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  it('answers /v1/usage from the read database; charges and balances stay on the primary', async () => {
    const customer = await fundedCustomer(system, '10');
    await customer.openai.chat.completions.create({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await customer.priced(1);
    // The primary has the charge; the reader has not replicated it yet, but has a day of its own.
    expect((await customer.get('/v1/usage')).totals.requests).toBe(0);
    await reader.usageDailyRollup.create({
      data: {
        day: new Date(new Date().toISOString().slice(0, 10)),
        accountId: customer.accountId,
        apiKeyId: customer.keyId,
        modelId: 'codestral-latest',
        providerId: 'mistral',
        requests: 7n,
        inputTokens: 70n,
        outputTokens: 7n,
        cachedInputTokens: 0n,
        cost: '0.000027',
      },
    });
    const report = await customer.get('/v1/usage');
    expect(report.data).toEqual([
      {
        group: 'codestral-latest',
        requests: 7,
        input_tokens: 70,
        output_tokens: 7,
        cost: '0.000027',
      },
    ]);
    expect(await customer.balance()).toBe('9.9955');
    expect((await customer.get('/v1/account')).balance).toBe('9.9955');
  });
});
