import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const ROOT = join(__dirname, '..');
const PORT = 18_480 + Number(process.env.JEST_WORKER_ID ?? 1);

/** SIGTERM lets a stream in flight finish and be billed, and takes no new connection. */
describe('a gateway process told to stop', () => {
  let system: TestSystem;
  let gateway: ChildProcess;
  let output = '';

  beforeAll(async () => {
    system = await startSystem();
    gateway = spawn(process.execPath, [join(ROOT, 'dist/apps/gateway/src/main.js')], {
      cwd: join(ROOT, 'test'),
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: String(PORT),
        DATABASE_URL: system.config.database.url,
        REDIS_URL: system.config.redis.url,
        REDIS_PREFIX: system.config.redis.prefix,
        MISTRAL_API_KEY: 'test-upstream-key',
        MISTRAL_BASE_URL: system.upstream.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('listening on port')) resolve();
      };
      gateway.stdout!.on('data', onData);
      gateway.stderr!.on('data', onData);
      gateway.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${output}`)));
    });
  });
  afterAll(async () => {
    gateway.kill('SIGKILL');
    await system.stop();
  });

  it('finishes the stream, bills it, exits 0, and refuses new connections', async () => {
    const customer = await fundedCustomer(system, '10');
    system.upstream.setDefault({
      kind: 'slow_stream',
      chunkDelayMs: 50,
      chunks: 20,
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const response = await fetch(`http://127.0.0.1:${PORT}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      }),
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    await reader.read();
    const exited = new Promise<number | null>((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');

    let body = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      body += new TextDecoder().decode(value);
    }
    expect(body).toContain('data: [DONE]');
    await expect(fetch(`http://127.0.0.1:${PORT}/health/live`)).rejects.toThrow();
    expect(await exited).toBe(0);
    await customer.priced(1);
    expect(await customer.balance()).toBe('9.9955');
    expect(output).toContain('"msg":"SIGTERM: draining in-flight requests"');
  }, 30_000);
});
