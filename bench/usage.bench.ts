import { join } from 'node:path';
import { Client } from 'pg';
import {
  applyMigrations,
  createPrismaClient,
  ensureDatabase,
  type ReadPrismaService,
  UsageRollupRepository,
  type UsageGrouping,
} from '@app/database';
import { insertAccountWithKey, resetDatabase, type TestAccount } from '@app/testing';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';

/**
 * `npm run bench:usage`: the report queries of GET /v1/usage (by model, key and day, over
 * 30 and 90 days) on 10 million usage records, read from the daily roll-ups (what the
 * endpoint does, through its repository) beside the same sums over the raw partitioned
 * records: p50 and p99 of each. Data is generated in SQL (generate_series).
 */
const ROOT = join(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keeprouter_bench';
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/**
 * Seconds the data generation may take: past it (projected from the accounts loaded so
 * far), the bench stops loading accounts and measures on the records it has, and says so.
 */
const LOAD_BUDGET_S = Number(process.env.BENCH_LOAD_BUDGET_S ?? 420);
const DAYS = 90;
const DAY_MS = 86_400_000;

const RAW_GROUP: Record<UsageGrouping, string> = {
  model: 'model_id',
  key: 'api_key_id',
  provider: 'provider_id',
  day: `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
};

/** The same report summed over the raw records (what the endpoint did before roll-ups). */
function rawReport(pg: Client, accountId: string, start: Date, end: Date, group: UsageGrouping) {
  return pg.query(
    `SELECT ${RAW_GROUP[group]} AS "group", count(*) AS requests, sum(input_tokens) AS input_tokens,
            sum(output_tokens) AS output_tokens, sum(cost) AS cost
       FROM usage_records
      WHERE account_id = $1 AND occurred_at >= $2 AND occurred_at < $3
      GROUP BY 1 ORDER BY ${RAW_GROUP[group]} COLLATE "C"`,
    [accountId, start, end],
  );
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function generate(pg: Client, accounts: TestAccount[]): Promise<TestAccount[]> {
  let started = Date.now();
  const loaded: TestAccount[] = [];
  // Spread over 90 days, the seed models, ACCOUNTS accounts and their keys, in SQL.
  const perAccount = Math.ceil(RECORDS / accounts.length);
  // Generated rows reference existing accounts, keys, models, prices and providers by
  // construction: skip the per-row foreign-key triggers while loading (superuser only).
  await pg.query(`SET session_replication_role = replica`);
  for (const account of accounts) {
    const elapsed = (Date.now() - started) / 1000;
    if (loaded.length > 0 && (elapsed / loaded.length) * (loaded.length + 1) > LOAD_BUDGET_S) {
      console.log(
        `stopping the load at ${loaded.length} of ${accounts.length} accounts: the next one would pass BENCH_LOAD_BUDGET_S=${LOAD_BUDGET_S}`,
      );
      break;
    }
    await pg.query(
      `INSERT INTO usage_records (id, account_id, api_key_id, model_id, price_id, provider_id,
         surface, input_tokens, output_tokens, cost, occurred_at)
       SELECT 'gen_bench_' || $1 || '_' || n, $1, $2, p.model_id, p.id, p.provider_id, 'openai',
              1000, 500, 0.0045, now() - (n % ($3 * 24 * 60)) * interval '1 minute'
       FROM generate_series(1, $4) AS n
       JOIN (SELECT model_id, id, provider_id,
                    row_number() OVER (ORDER BY model_id, provider_id, effective_from) - 1 AS k,
                    count(*) OVER () AS total
               FROM prices) p
         ON p.k = n % p.total`,
      [account.accountId, account.keyId, DAYS, perAccount],
    );
    loaded.push(account);
    console.log(
      `account ${loaded.length}: ${perAccount * loaded.length} records after ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  await pg.query(`SET session_replication_role = DEFAULT`);
  console.log(
    `inserted ${perAccount * loaded.length} usage records in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  started = Date.now();
  await pg.query(
    `INSERT INTO usage_daily_rollups (day, account_id, api_key_id, model_id, provider_id,
       requests, input_tokens, output_tokens, cached_input_tokens, cost)
     SELECT (occurred_at AT TIME ZONE 'UTC')::date, account_id, api_key_id, model_id, provider_id,
            count(*), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(cost)
       FROM usage_records GROUP BY 1, 2, 3, 4, 5`,
  );
  await pg.query('ANALYZE usage_records');
  await pg.query('ANALYZE usage_daily_rollups');
  console.log(`rolled up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return loaded;
}

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, join(ROOT, 'prisma', 'migrations'));
  const prisma = createPrismaClient(DATABASE_URL, 2);
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  // BENCH_REUSE=1 measures the records a previous run left (BENCH_KEEP=1, or a run that
  // failed after loading) instead of loading them again.
  const kept =
    process.env.BENCH_REUSE === '1'
      ? (
          await pg.query<{ account_id: string }>(
            'SELECT DISTINCT account_id FROM usage_daily_rollups ORDER BY 1',
          )
        ).rows.map((row) => ({ accountId: row.account_id }))
      : [];
  let loaded: Array<Pick<TestAccount, 'accountId'>> = kept;
  if (kept.length === 0) {
    await resetDatabase(prisma);
    await seedCatalogue(prisma);
    // The partitions of the 90 days (the worker's maintenance creates them ahead in service).
    for (let m = 0; m <= Math.ceil(DAYS / 28); m++)
      await pg.query(
        `SELECT usage_records_create_partition((date_trunc('month', now()) - make_interval(months => $1))::date)`,
        [m],
      );
    const accounts: TestAccount[] = [];
    for (let i = 0; i < ACCOUNTS; i++)
      accounts.push(await insertAccountWithKey(prisma, { balance: '1000000' }));
    loaded = await generate(pg, accounts);
  } else console.log(`measuring the ${kept.length} accounts' records a previous run left`);
  const records = Number((await pg.query('SELECT count(*) AS n FROM usage_records')).rows[0].n);

  const rollups = new UsageRollupRepository(prisma as unknown as ReadPrismaService);
  const tomorrow = new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS);
  const day = (at: Date) => at.toISOString().slice(0, 10);
  console.log(
    `\n${records.toLocaleString('en')} records (${(records / loaded.length).toLocaleString('en')} per account over ${DAYS} days), ${loaded.length} accounts, ${RUNS} runs per query on random accounts`,
  );
  console.log('| range | group_by | groups | raw p50 / p99 ms | roll-up p50 / p99 ms |');
  console.log('|---|---|---|---|---|');
  for (const days of [30, DAYS]) {
    const start = new Date(tomorrow.getTime() - days * DAY_MS);
    for (const groupBy of ['model', 'key', 'provider', 'day'] as const) {
      const raw: number[] = [];
      const rolled: number[] = [];
      let groups = 0;
      for (let i = 0; i < RUNS; i++) {
        const account = loaded[Math.floor(Math.random() * loaded.length)];
        let t = performance.now();
        const fromRaw = await rawReport(pg, account.accountId, start, tomorrow, groupBy);
        raw.push(performance.now() - t);
        t = performance.now();
        const fromRollups = await rollups.aggregate(
          account.accountId,
          { startDay: day(start), endDay: day(tomorrow) },
          groupBy,
        );
        rolled.push(performance.now() - t);
        groups = fromRollups.length;
        if (fromRaw.rows.length !== groups) throw new Error('raw and roll-up reports disagree');
      }
      const f = (samples: number[]) =>
        `${percentile(samples, 50).toFixed(1)} / ${percentile(samples, 99).toFixed(1)}`;
      console.log(`| ${days} days | ${groupBy} | ${groups} | ${f(raw)} | ${f(rolled)} |`);
    }
  }
  await pg.end();
  if (process.env.BENCH_KEEP !== '1') await resetDatabase(prisma);
  await prisma.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  // Open connections would keep the process (and the bench locks) alive.
  process.exit(1);
});
