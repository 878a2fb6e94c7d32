import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';

const ROOT = join(__dirname, '..', '..');
const GATEWAY_MAIN = join(ROOT, 'dist/apps/gateway/src/main.js');

/** A port free right now, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/**
 * The gateway as a real operating-system process (npm test builds it first), so a test
 * can SIGKILL it. `onSpawn` receives the child at once, so that a test whose set-up
 * times out can still kill it; resolves once it listens on `port`.
 */
export async function spawnGatewayProcess(
  config: AppConfig,
  port: number,
  upstreamUrl: string,
  onSpawn: (child: ChildProcess) => void = () => {},
): Promise<ChildProcess> {
  if (!existsSync(GATEWAY_MAIN))
    throw new Error(`${GATEWAY_MAIN} is missing: run npm run build first.`);
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    cwd: join(ROOT, 'test'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      REDIS_PREFIX: config.redis.prefix,
      MISTRAL_API_KEY: 'test-upstream-key',
      MISTRAL_BASE_URL: upstreamUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onSpawn(child);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
      if (output.includes('listening on port')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited early (${code}):\n${output}`)));
  });
  return child;
}
