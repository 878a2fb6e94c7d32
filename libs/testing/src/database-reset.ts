import type { PrismaClient } from '@app/database';

const TABLES = [
  'ledger_entries',
  'usage_records',
  'prices',
  'models',
  'api_keys',
  'accounts',
  'idempotency_keys',
  'audit_logs',
  'usage_outbox',
];

/** Empties every table of the test database (not the migration history). */
export async function resetDatabase(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe(
    `TRUNCATE ${TABLES.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
}
