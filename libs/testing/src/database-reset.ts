import type { PrismaClient } from '@app/database';

const TABLES = [
  'ledger_entries',
  'usage_records',
  'usage_daily_rollups',
  'prices',
  'model_endpoints',
  'models',
  'api_keys',
  'accounts',
  'idempotency_keys',
  'audit_logs',
  'usage_outbox',
];

/**
 * Empties every table of the test database (not the migration history), and leaves the
 * providers as the migrations seed them: `mistral` only.
 */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
  await prisma.$executeRawUnsafe(`DELETE FROM "providers" WHERE "id" <> 'mistral'`);
  await prisma.$executeRawUnsafe(
    `UPDATE "providers" SET "name" = 'Mistral AI', "dialect" = 'openai',
       "base_url" = 'https://api.mistral.ai/v1', "api_key_env" = 'MISTRAL_API_KEY'
     WHERE "id" = 'mistral'`,
  );
}
