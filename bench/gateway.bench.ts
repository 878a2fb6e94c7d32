import { join } from 'node:path';
import { createPrismaClient, applyMigrations, ensureDatabase } from '@app/database';
import { deleteRedisPrefix, insertAccountWithKey, resetDatabase } from '@app/testing';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';
import { BenchProcesses } from './bench-processes';
import { type LoadResult, runLoad } from './load';

/**
 * `npm run bench:gateway`: requests per second and latency of the gateway against the
 * fake upstream, beside the same load on the fake upstream directly and on a bare
 * node:http proxy, all measured in this run on this machine (read them as ratios).
 */
const ROOT = join(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keeprouter_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `krbench-${process.pid}`;
const PORTS = { upstream: 18190, bare: 18191, gateway: 18192, workerHealth: 18193 };
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;

const processes = new BenchProcesses();
const start = processes.start.bind(processes);

async function main(): Promise<void> {
  await ensureDatabase(DATABASE_URL);
  await applyMigrations(DATABASE_URL, join(ROOT, 'prisma', 'migrations'));
  const prisma = createPrismaClient(DATABASE_URL, 2);
  await resetDatabase(prisma);
  await seedCatalogue(prisma);
  const customer = await insertAccountWithKey(prisma, { balance: '1000000' });
  await prisma.$disconnect();

  const upstreamOrigin = `http://127.0.0.1:${PORTS.upstream}`;
  await start(
    'fake upstream',
    ['dist/tools/fake-upstream/src/main.js', String(PORTS.upstream)],
    {},
    'listening',
  );
  await start(
    'bare proxy',
    ['--import', 'tsx', 'bench/bare-proxy.ts', String(PORTS.bare), upstreamOrigin],
    {},
    'bare proxy on',
  );
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX,
    PORT: String(PORTS.gateway),
    WORKER_HEALTH_PORT: String(PORTS.workerHealth),
    MISTRAL_API_KEY: 'bench',
    MISTRAL_BASE_URL: `${upstreamOrigin}/v1`,
  };
  await start('gateway', ['dist/apps/gateway/src/main.js'], env, 'listening on port');
  // BENCH_WORKER=0 measures the gateway alone (events wait in the queue, unpriced).
  if (process.env.BENCH_WORKER !== '0') {
    await start('worker', ['dist/apps/worker/src/main.js'], env, 'consuming usage events');
  }

  const body = (stream: boolean) =>
    JSON.stringify({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream,
    });
  const targets = [
    { name: 'fake upstream (direct)', url: upstreamOrigin, auth: 'Bearer bench' },
    { name: 'bare node:http proxy', url: `http://127.0.0.1:${PORTS.bare}`, auth: 'Bearer bench' },
    {
      name: 'KeepRouter gateway',
      url: `http://127.0.0.1:${PORTS.gateway}`,
      auth: `Bearer ${customer.key}`,
    },
  ];
  const rows: Array<{ mode: string; target: string; connections: number; result: LoadResult }> = [];
  for (const [mode, stream] of [
    ['non-streaming', false],
    ['streaming', true],
  ] as const) {
    for (const connections of [1, CONNECTIONS]) {
      for (const target of targets) {
        const result = await runLoad({
          url: target.url,
          path: '/v1/chat/completions',
          headers: { authorization: target.auth, 'content-type': 'application/json' },
          body: body(stream),
          connections,
          durationMs: connections === 1 ? DURATION_MS / 2 : DURATION_MS,
          warmupMs: 1000,
        });
        rows.push({ mode, target: target.name, connections, result });
      }
    }
  }
  report(rows);
}

function report(
  rows: Array<{ mode: string; target: string; connections: number; result: LoadResult }>,
): void {
  console.log('\n| mode | connections | target | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---|---|---|---|---|---|');
  for (const { mode, target, connections, result } of rows) {
    console.log(
      `| ${mode} | ${connections} | ${target} | ${result.perSecond.toFixed(0)} | ${result.p50Ms.toFixed(2)} | ${result.p99Ms.toFixed(2)} | ${result.errors} |`,
    );
  }
  console.log('\nGateway against the baselines measured above:');
  for (const mode of ['non-streaming', 'streaming']) {
    for (const connections of [1, CONNECTIONS]) {
      const of = (target: string) =>
        rows.find(
          (r) => r.mode === mode && r.connections === connections && r.target.startsWith(target),
        )!.result;
      const [direct, bare, gateway] = [of('fake'), of('bare'), of('KeepRouter')];
      console.log(
        `  ${mode}, ${connections} conn: added latency p50 ${(gateway.p50Ms - direct.p50Ms).toFixed(2)} ms ` +
          `(bare proxy ${(bare.p50Ms - direct.p50Ms).toFixed(2)} ms), p99 ${(gateway.p99Ms - direct.p99Ms).toFixed(2)} ms; ` +
          `throughput ${(gateway.perSecond / bare.perSecond).toFixed(2)}× the bare proxy (aim ≥ 0.5×, p50 added < 1 ms)`,
      );
    }
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    processes.stopAll();
    await deleteRedisPrefix(REDIS_URL, REDIS_PREFIX).catch(() => {});
  });
