import { join } from 'node:path';
import { Client } from 'pg';
import {
  applyMigrations,
  createPrismaClient,
  ensureDatabase,
  type PrismaService,
  UsageRecordRepository,
} from '@app/database';
import { insertAccountWithKey, resetDatabase } from '@app/testing';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';

/**
 * `npm run bench:usage`: GET /v1/usage's aggregation (SQL, through the repository the
 * endpoint uses) for one account holding a million usage records, by model, key and day.
 */
const ROOT = join(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keeprouter_bench';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const DAYS = 90;

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, join(ROOT, 'prisma', 'migrations'));
  const prisma = createPrismaClient(DATABASE_URL, 2);
  await resetDatabase(prisma);
  await seedCatalogue(prisma);
  const account = await insertAccountWithKey(prisma, { balance: '1000000' });
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const started = Date.now();
  // Spread over 90 days, 7 models (the seed prices), one key: generated in SQL, as fast as it gets.
  await pg.query(
    `INSERT INTO usage_records (id, account_id, api_key_id, model_id, price_id, surface, input_tokens, output_tokens, cost, occurred_at)
     SELECT 'gen_bench' || n, $1, $2, p.model_id, p.id, 'openai', 1000, 500, 0.0045,
            now() - (n % ($3 * 24)) * interval '1 hour'
     FROM generate_series(1, $4) AS n
     JOIN (SELECT model_id, id, row_number() OVER (ORDER BY model_id) - 1 AS k FROM prices) p ON p.k = n % 7`,
    [account.accountId, account.keyId, DAYS, RECORDS],
  );
  await pg.query('ANALYZE usage_records');
  console.log(
    `inserted ${RECORDS} usage records in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  const repository = new UsageRecordRepository(prisma as unknown as PrismaService);
  const end = new Date();
  const ranges = [
    ['last 30 days', new Date(end.getTime() - 30 * 86_400_000)],
    [`all ${DAYS} days`, new Date(end.getTime() - (DAYS + 1) * 86_400_000)],
  ] as const;
  console.log('\n| range | group_by | groups | ms (best of 3) |');
  console.log('|---|---|---|---|');
  for (const [label, start] of ranges) {
    for (const groupBy of ['model', 'key', 'day'] as const) {
      let best = Infinity;
      let groups = 0;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        groups = (await repository.aggregate(account.accountId, { start, end }, groupBy)).length;
        best = Math.min(best, performance.now() - t);
      }
      console.log(`| ${label} | ${groupBy} | ${groups} | ${best.toFixed(0)} |`);
    }
  }
  await pg.end();
  await resetDatabase(prisma);
  await prisma.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
