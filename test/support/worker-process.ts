import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';

const ROOT = join(__dirname, '..', '..');

// The compiled worker (npm test builds first): tsx cannot run Nest code, as esbuild emits
// no decorator metadata and Nest would inject nothing.
const WORKER_MAIN = join(ROOT, 'dist/apps/worker/src/main.js');

/** The worker as a real operating-system process, so a test can SIGKILL it. Resolves once it is consuming. */
export async function spawnWorkerProcess(config: AppConfig): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN))
    throw new Error(`${WORKER_MAIN} is missing: run npm run build first.`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      REDIS_PREFIX: config.redis.prefix,
      WORKER_HEALTH_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('consuming usage events')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}):\n${output}`)));
  });
  return child;
}
