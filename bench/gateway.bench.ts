import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient, applyMigrations, ensureDatabase } from '@app/database';
import { deleteRedisPrefix, insertAccountWithKey, resetDatabase } from '@app/testing';
import { seedCatalogue } from '../prisma/seed/seed-catalogue';
import { BenchProcesses } from './bench-processes';
import { type BenchRow, printReport } from './gateway-report';
import { runLoad } from './load';
import { ensurePortkeyInstalled, PORTKEY_ENTRY, portkeyHeaders } from './peers/portkey-peer';

/**
 * `npm run bench:gateway`: requests per second and latency of the gateway (its worker
 * pricing alongside) beside, in the same run, the fake upstream directly, a bare
 * node:http proxy and Portkey's open-source gateway, streaming and not, at 1 and 64
 * connections; the aims are printed beside the figures. BENCH_PEERS=0 skips Portkey;
 * BENCH_PROFILE=<dir> writes a CPU profile of the gateway there (`--cpu-prof`).
 */
const ROOT = join(__dirname, '..');
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/keeprouter_bench';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_PREFIX = `krbench-${process.pid}`;
const PORTS = { upstream: 18190, bare: 18191, gateway: 18192, workerHealth: 18193, portkey: 18194 };
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 8) * 1000;
const WITH_PORTKEY = process.env.BENCH_PEERS !== '0';
const PROFILE_DIR = process.env.BENCH_PROFILE;

const processes = new BenchProcesses();
const start = processes.start.bind(processes);

interface Target {
  name: string;
  /** The process whose RSS is sampled under load. */
  process?: string;
  url: string;
  headers: Record<string, string>;
}

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
  if (WITH_PORTKEY) {
    ensurePortkeyInstalled();
    await start(
      'portkey',
      [PORTKEY_ENTRY, '--headless', `--port=${PORTS.portkey}`],
      { NODE_ENV: 'production' },
      'Ready for connections',
    );
  }
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
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  await start('gateway', [...profile, 'dist/apps/gateway/src/main.js'], env, 'listening on port');
  // BENCH_WORKER=0 measures the gateway alone (events wait in the queue, unpriced).
  if (process.env.BENCH_WORKER !== '0') {
    await start('worker', ['dist/apps/worker/src/main.js'], env, 'consuming usage events');
  }

  const json = { 'content-type': 'application/json' };
  const targets: Target[] = [
    {
      name: 'fake upstream (direct)',
      url: upstreamOrigin,
      headers: { ...json, authorization: 'Bearer bench' },
    },
    {
      name: 'bare node:http proxy',
      process: 'bare proxy',
      url: `http://127.0.0.1:${PORTS.bare}`,
      headers: { ...json, authorization: 'Bearer bench' },
    },
    ...(WITH_PORTKEY
      ? [
          {
            name: 'Portkey gateway 1.15.2',
            process: 'portkey',
            url: `http://127.0.0.1:${PORTS.portkey}`,
            headers: { ...json, authorization: 'Bearer bench', ...portkeyHeaders(upstreamOrigin) },
          },
        ]
      : []),
    {
      name: 'KeepRouter gateway',
      process: 'gateway',
      url: `http://127.0.0.1:${PORTS.gateway}`,
      headers: { ...json, authorization: `Bearer ${customer.key}` },
    },
  ];
  const rows: BenchRow[] = [];
  for (const [mode, stream] of [
    ['non-streaming', false],
    ['streaming', true],
  ] as const) {
    for (const connections of [1, CONNECTIONS]) {
      for (const target of targets) {
        rows.push({
          mode,
          connections,
          target: target.name,
          ...(await measure(target, stream, connections)),
        });
      }
    }
  }
  if (PROFILE_DIR) await processes.stop('gateway');
  printReport(rows, CONNECTIONS);
}

/** One closed-loop load on a target, sampling its process's RSS meanwhile. */
async function measure(target: Target, stream: boolean, connections: number) {
  let peak = 0;
  const sample = () => {
    if (target.process) peak = Math.max(peak, processes.rssMiB(target.process));
  };
  const sampler = setInterval(sample, 250);
  try {
    const result = await runLoad({
      url: target.url,
      path: '/v1/chat/completions',
      headers: target.headers,
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: 'Hello there' }],
        stream,
      }),
      connections,
      durationMs: connections === 1 ? DURATION_MS / 2 : DURATION_MS,
      warmupMs: 1000,
    });
    return { result, rssMiB: target.process ? peak : undefined };
  } finally {
    clearInterval(sampler);
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
