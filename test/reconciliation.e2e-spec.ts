import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MetricsService } from '@app/metrics';
import { ReconciliationProcessor } from '../apps/worker/src/reconciliation/reconciliation.processor';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const ROOT = join(__dirname, '..');

describe('reconciliation and metrics', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  });
  afterAll(async () => {
    await system.stop();
  });

  const reconcile = () =>
    spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'apps/worker/src/reconcile.ts')], {
      cwd: join(ROOT, 'test'),
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: system.config.database.url,
        REDIS_URL: system.config.redis.url,
        REDIS_PREFIX: system.config.redis.prefix,
      },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('passes after real traffic, fails naming the account once a balance is tampered with', async () => {
    const customer = await fundedCustomer(system, '10');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        customer.openai.chat.completions.create({
          model: 'magistral-medium-latest',
          messages: [{ role: 'user', content: 'Hi' }],
        }),
      ),
    );
    await customer.priced(20);
    await customer.settled();
    const clean = reconcile();
    expect(clean.stdout).toContain('reconciliation OK');
    expect(clean.status).toBe(0);

    await system.prisma
      .$executeRaw`UPDATE accounts SET balance = balance + 0.000001 WHERE id = ${customer.accountId}`;
    const broken = reconcile();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(
      `MISMATCH balance equals the sum of the ledger: ${customer.accountId}`,
    );
    await system.prisma
      .$executeRaw`UPDATE accounts SET balance = balance - 0.000001 WHERE id = ${customer.accountId}`;
    // Two tsx processes compiling the reconciler: slow on a loaded machine.
  }, 120_000);

  it('runs on the worker as a scheduled job and publishes its verdict as a metric', async () => {
    const report = await system.worker!.get(ReconciliationProcessor).process();
    expect(report.ok).toBe(true);
    const { body } = await system.worker!.get(MetricsService).render();
    expect(body).toContain('keeprouter_reconciliation_ok 1');
    expect(body).toMatch(/keeprouter_events_priced_total\{outcome="charged"\} \d+/);
    expect(body).toContain('keeprouter_batch_size_count');
    expect(body).toContain('keeprouter_pricing_lag_seconds_bucket');
    expect(body).toMatch(/keeprouter_queue_depth\{state="waiting"\} \d+/);
  });

  it('exposes gateway metrics at /metrics', async () => {
    const response = await fetch(`${system.gateway.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(
      /keeprouter_requests_total\{surface="openai",model="magistral-medium-latest",status="200"\} \d+/,
    );
    expect(text).toContain('keeprouter_upstream_latency_seconds_bucket');
  });
});
