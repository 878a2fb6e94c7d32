import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig, readProcessEnv } from '@app/config';
import { applyMigrations, createPrismaClient, ensureDatabase } from '@app/database';
import { type FakeUpstream, fakeUpstreamPort, startFakeUpstream } from '@app/fake-upstream';
import { seedCatalogue } from '../../../prisma/seed/seed-catalogue';
import { startNodeProcess, waitUntilReady } from './child-processes';
import { createDemoAccount } from './demo-account';
import { ensureServices } from './local-services';

const ROOT = process.cwd();

/**
 * `npm start`: the whole system on this machine. Checks (and starts) PostgreSQL and Redis,
 * migrates and seeds, starts a fake upstream when no MISTRAL_API_KEY is set, runs the
 * gateway and the worker, creates a funded demo account, and prints how to call it.
 */
async function main(): Promise<void> {
  const env = readProcessEnv();
  env.ADMIN_TOKEN ||= `dev-${randomBytes(24).toString('hex')}`;
  let upstream: FakeUpstream | undefined;
  if (!env.MISTRAL_API_KEY) {
    upstream = await startFakeUpstream({
      port: fakeUpstreamPort(env.FAKE_UPSTREAM_PORT),
      recordRequests: false,
    });
    env.MISTRAL_BASE_URL = upstream.url;
    // The fake accepts any bearer token; the gateway always sends one.
    env.MISTRAL_API_KEY = 'fake-upstream-key';
  }
  const config = loadConfig(env);

  await ensureServices(config.database.url, config.redis.url);
  await ensureDatabase(config.database.url);
  const migrations = await applyMigrations(config.database.url, join(ROOT, 'prisma', 'migrations'));
  const prisma = createPrismaClient(config.database.url, 2);
  const seeded = await seedCatalogue(prisma);
  await prisma.$disconnect();
  console.log(
    `database ready: ${migrations.applied.length} migrations applied, ${seeded.models} models seeded`,
  );

  const children: ChildProcess[] = [
    startNodeProcess('gateway', join(ROOT, 'dist/apps/gateway/src/main.js'), env),
    startNodeProcess('worker', join(ROOT, 'dist/apps/worker/src/main.js'), env),
  ];
  const stop = () => {
    children.forEach((child) => child.kill('SIGTERM'));
    void upstream?.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  children.forEach((child) =>
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) {
        console.error(`a process exited with code ${code}; stopping`);
        stop();
        process.exitCode = 1;
      }
    }),
  );

  const base = `http://127.0.0.1:${config.gateway.port}`;
  await waitUntilReady(`${base}/health/ready`);
  const demo = await createDemoAccount(base, env.ADMIN_TOKEN);
  printBanner(base, env.ADMIN_TOKEN, demo.key, upstream?.url);
}

function printBanner(
  base: string,
  adminToken: string,
  key: string,
  fakeUpstream: string | undefined,
): void {
  console.log(`
KeepRouter is running.
  gateway        ${base}
  upstream       ${fakeUpstream ? `fake upstream at ${fakeUpstream} (no MISTRAL_API_KEY set)` : 'Mistral (MISTRAL_API_KEY set)'}
  admin token    ${adminToken}
  demo key       ${key}   (account funded with $10.00)

Call a model:
  curl ${base}/v1/chat/completions \\
    -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" \\
    -d '{"model":"magistral-medium-latest","messages":[{"role":"user","content":"Hello"}]}'

See the balance drop:
  curl ${base}/v1/account -H "Authorization: Bearer ${key}"

Or in the browser: ${base}/dashboard (sign in with the demo key)

Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${(error as Error).message}`);
  process.exit(1);
});
