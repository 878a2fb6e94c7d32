import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { applyMigrations, createPrismaClient, ensureDatabase, newId } from '@app/database';
import { bullOptions, QueueName, type UsageEvent, UsageEventProducer } from '@app/queue';
import { deleteRedisPrefix, resetDatabase } from '@app/testing';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';
import { usageEvent } from '../test/support/usage-events';
import { RedisCluster } from '../test/support/redis-cluster';
import { BenchProcesses } from './bench-processes';
import { steadyLag } from './worker-steady';

/**
 * `npm run bench:worker`: usage events priced and committed per second, end to end
 * (enqueue → committed ledger), over 1,000 accounts and on one hot account, with the p99
 * pricing lag of that backlog; beside, in the same run, the ceilings it is measured
 * against: a bare multi-row INSERT of the same rows, and BullMQ producing and consuming
 * no-op jobs. Then a steady load (not a backlog) at half the aim's rate (the bare insert
 * ceiling / 3, halved), whose p99 pricing lag must stay under 100 ms.
 */
const ROOT = join(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keeprouter_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const ACCOUNTS = 1000;
/** Events per job, as a gateway group-commits them under load; 1 = one job per event. */
const PER_JOB = Number(process.env.BENCH_EVENTS_PER_JOB ?? 64);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 12);
/** The aims: within 3× of the bare insert; a steady p99 lag under 100 ms at half that rate. */
const AIM_OF_CEILING = 3;
const AIM_STEADY_P99_MS = 100;
/** BENCH_CLUSTER=0 skips the runs on a three-master Redis Cluster. */
const WITH_CLUSTER = process.env.BENCH_CLUSTER !== '0';
const processes = new BenchProcesses();
const prefix = `krbench-${process.pid}`;

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, join(ROOT, 'prisma', 'migrations'));
  const prisma = createPrismaClient(DATABASE_URL, 2);
  await resetDatabase(prisma);
  await seedCatalogue(prisma);
  await prisma.$disconnect();
  const pg = new Client({ connectionString: DATABASE_URL });
  await pg.connect();
  const accounts = await createAccounts(pg, ACCOUNTS);
  // The ceiling first, while nothing else of this bench runs.
  const insertCeiling = await bareInsert(pg, accounts);

  const config = loadConfig({ DATABASE_URL, REDIS_URL, REDIS_PREFIX: prefix });
  const single = await meteringOn({ REDIS_URL }, accounts, pg, async (producer) => {
    const steadyRate = Number(process.env.BENCH_STEADY_RATE ?? insertCeiling / AIM_OF_CEILING / 2);
    return steadyLag(
      pg,
      producer,
      (i) => event(accounts[i % accounts.length]),
      steadyRate,
      STEADY_SECONDS,
    );
  });
  const { spread, hot } = single;
  const steady = single.extra;
  const queueCeiling = await bareQueue(config);
  // The same end-to-end runs with BullMQ and the spend-control keys on a three-master
  // Redis Cluster (loopback nodes started here), beside the single Redis above.
  const cluster = WITH_CLUSTER ? await RedisCluster.start() : undefined;
  const onCluster = cluster
    ? await meteringOn({ REDIS_CLUSTER_NODES: cluster.nodesSetting }, accounts, pg, async () => {})
    : undefined;
  await cluster?.destroy();
  await pg.end();

  const row = (name: string, perSecond: number, extra = '') =>
    console.log(`| ${name} | ${perSecond.toFixed(0)} | ${extra} |`);
  console.log(`\n| measurement (${EVENTS} events, ${PER_JOB} per job) | events/s | notes |`);
  console.log('|---|---|---|');
  row(
    `worker end to end, ${ACCOUNTS} accounts`,
    spread.perSecond,
    `p99 pricing lag ${spread.p99LagMs.toFixed(0)} ms`,
  );
  row(
    'worker end to end, one hot account',
    hot.perSecond,
    `p99 pricing lag ${hot.p99LagMs.toFixed(0)} ms`,
  );
  if (onCluster) {
    row(
      `worker end to end, ${ACCOUNTS} accounts, Redis Cluster (3 masters)`,
      onCluster.spread.perSecond,
      `p99 pricing lag ${onCluster.spread.p99LagMs.toFixed(0)} ms`,
    );
    row(
      'worker end to end, one hot account, Redis Cluster (3 masters)',
      onCluster.hot.perSecond,
      `p99 pricing lag ${onCluster.hot.p99LagMs.toFixed(0)} ms`,
    );
  }
  row('ceiling: bare pg INSERT … unnest of the same rows, 500 per statement', insertCeiling);
  row('ceiling: BullMQ produce + consume, no-op, concurrency 500', queueCeiling);
  row(
    `steady load, ${ACCOUNTS} accounts, ${STEADY_SECONDS} s (not a backlog)`,
    steady.offeredPerSecond,
    `pricing lag p50 ${steady.p50LagMs.toFixed(0)} ms, p99 ${steady.p99LagMs.toFixed(0)} ms, max ${steady.maxLagMs.toFixed(0)} ms`,
  );
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  console.log('\nAims beside the figures of this run:');
  for (const [name, result] of [
    ['spread', spread],
    ['hot account', hot],
  ] as const) {
    const below = insertCeiling / result.perSecond;
    console.log(
      `  ${name}: ${(result.perSecond / 1000).toFixed(1)}k/s, ${below.toFixed(1)}× below the bare insert ` +
        `(${(result.perSecond / queueCeiling).toFixed(2)}× the no-op queue) — aim within ${AIM_OF_CEILING}×: ${verdict(below <= AIM_OF_CEILING)}`,
    );
  }
  console.log(
    `  steady load at ${(steady.offeredPerSecond / 1000).toFixed(1)}k/s (half of ceiling/${AIM_OF_CEILING}): ` +
      `p99 pricing lag ${steady.p99LagMs.toFixed(0)} ms — aim < ${AIM_STEADY_P99_MS} ms: ${verdict(steady.p99LagMs < AIM_STEADY_P99_MS)}`,
  );
  console.log(
    '  (2 cores shared by the load generator, Redis, PostgreSQL, the worker and, on this' +
      " machine, other engineers' builds: read ratios within this run.)",
  );
}

/**
 * Starts a worker on the given Redis (single or cluster), measures the end-to-end runs
 * over all accounts and on one hot account, then `more` on the same producer, and stops it.
 */
async function meteringOn<T>(
  redis: Record<string, string>,
  accounts: Array<{ accountId: string; keyId: string }>,
  pg: Client,
  more: (producer: UsageEventProducer) => Promise<T>,
) {
  const config = loadConfig({ DATABASE_URL, REDIS_PREFIX: prefix, ...redis });
  const queue = new Queue(QueueName.usageEvents, bullOptions(config));
  const producer = new UsageEventProducer(queue);
  await processes.start(
    'worker',
    ['dist/apps/worker/src/main.js'],
    {
      NODE_ENV: 'production',
      DATABASE_URL,
      REDIS_PREFIX: prefix,
      WORKER_HEALTH_PORT: '0',
      ...redis,
    },
    'consuming usage events',
  );
  try {
    const spread = await endToEnd(pg, producer, (i) => accounts[i % accounts.length]);
    const hot = await endToEnd(pg, producer, () => accounts[0]);
    return { spread, hot, extra: await more(producer) };
  } finally {
    await processes.stop('worker');
    await queue.close();
  }
}

async function createAccounts(
  pg: Client,
  count: number,
): Promise<Array<{ accountId: string; keyId: string }>> {
  const accounts = Array.from({ length: count }, () => ({
    accountId: newId('acct'),
    keyId: newId('key'),
  }));
  await pg.query(
    `INSERT INTO accounts (id, name, balance, updated_at) SELECT id, 'bench', 1000000, now() FROM unnest($1::text[]) id`,
    [accounts.map((a) => a.accountId)],
  );
  await pg.query(
    `INSERT INTO ledger_entries (account_id, kind, amount, balance_after) SELECT id, 'credit', 1000000, 1000000 FROM unnest($1::text[]) id`,
    [accounts.map((a) => a.accountId)],
  );
  await pg.query(
    `INSERT INTO api_keys (id, account_id, name, key_hash, prefix)
     SELECT k, a, 'bench', encode(sha256(k::bytea), 'hex'), 'kr-bench' FROM unnest($1::text[], $2::text[]) AS x(k, a)`,
    [accounts.map((a) => a.keyId), accounts.map((a) => a.accountId)],
  );
  return accounts;
}

/** 1,000 in / 500 out on Magistral Medium, as the tests' events: 0.0045 each. */
function event(account: { accountId: string; keyId: string }): UsageEvent {
  return usageEvent({ ...account, key: '' });
}

/** Enqueues EVENTS events (PER_JOB per job, 1,000 per call) and waits until the last is committed. */
async function endToEnd(
  pg: Client,
  producer: UsageEventProducer,
  accountOf: (i: number) => { accountId: string; keyId: string },
) {
  const before = Number((await pg.query('SELECT count(*) FROM usage_records')).rows[0].count);
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 1000) {
    const events = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) =>
      event(accountOf(i + j)),
    );
    const jobs = [];
    for (let j = 0; j < events.length; j += PER_JOB) {
      const slice = events.slice(j, j + PER_JOB);
      jobs.push(PER_JOB === 1 ? producer.enqueue(slice[0]) : producer.enqueueMany(slice));
    }
    await Promise.all(jobs);
  }
  for (;;) {
    const count = Number((await pg.query('SELECT count(*) FROM usage_records')).rows[0].count);
    if (count - before >= EVENTS) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const seconds = (Date.now() - started) / 1000;
  const lag = await pg.query(
    `SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM priced_at - occurred_at) * 1000) AS p99
     FROM (SELECT priced_at, occurred_at FROM usage_records ORDER BY priced_at DESC LIMIT $1) AS recent`,
    [EVENTS],
  );
  return { perSecond: EVENTS / seconds, p99LagMs: Number(lag.rows[0].p99) };
}

/** The same usage rows written straight into a scratch copy of the table, 500 per statement. */
async function bareInsert(
  pg: Client,
  accounts: Array<{ accountId: string; keyId: string }>,
): Promise<number> {
  await pg.query(
    'CREATE TEMP TABLE scratch_usage (LIKE usage_records INCLUDING DEFAULTS INCLUDING INDEXES)',
  );
  const price = (
    await pg.query(`SELECT id FROM prices WHERE model_id = 'magistral-medium-latest' LIMIT 1`)
  ).rows[0].id as string;
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 500) {
    const rows = Array.from({ length: Math.min(500, EVENTS - i) }, (_, j) =>
      event(accounts[(i + j) % accounts.length]),
    );
    await pg.query(
      `INSERT INTO scratch_usage (id, account_id, api_key_id, model_id, price_id, provider_id, surface, input_tokens, output_tokens, cost, occurred_at)
       SELECT x.id, x.a, x.k, 'magistral-medium-latest', $4, 'mistral', 'openai', 1000, 500, 0.0045, x.t
       FROM unnest($1::text[], $2::text[], $3::text[], $5::timestamptz[]) AS x(id, a, k, t)`,
      [
        rows.map((r) => r.eventId),
        rows.map((r) => r.accountId),
        rows.map((r) => r.apiKeyId),
        price,
        rows.map((r) => r.occurredAt),
      ],
    );
  }
  return EVENTS / ((Date.now() - started) / 1000);
}

/** BullMQ alone (the ceiling, hence a raw queue): add EVENTS no-op jobs in bulk while a worker consumes them. */
async function bareQueue(config: ReturnType<typeof loadConfig>): Promise<number> {
  const options = { ...bullOptions(config), prefix: `${prefix}:ceiling` };
  const name = `noop-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(name, options);
  let done = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const worker = new Worker(
    name,
    async () => {
      if (++done === EVENTS) finish();
    },
    { ...options, concurrency: 500 },
  );
  const started = Date.now();
  for (let i = 0; i < EVENTS; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, EVENTS - i) }, () => ({
        name: 'noop',
        data: { at: Date.now() },
        opts: { removeOnComplete: true },
      })),
    );
  }
  await finished;
  const perSecond = EVENTS / ((Date.now() - started) / 1000);
  await worker.close();
  await queue.close();
  return perSecond;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    processes.stopAll();
    await deleteRedisPrefix(REDIS_URL, prefix).catch(() => {});
    // A failed run leaves connections open (its database client, queues): end it here.
    process.exit();
  });
