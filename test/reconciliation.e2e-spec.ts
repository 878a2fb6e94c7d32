import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MetricsService } from '@app/metrics';
import { MaintenanceProcessor } from '../apps/worker/src/maintenance/maintenance.processor';
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
    const report = await system.worker!.get(MaintenanceProcessor).reconcile();
    expect(report.ok).toBe(true);
    const { body } = await system.worker!.get(MetricsService).render();
    expect(body).toContain('keeprouter_reconciliation_ok 1');
    expect(body).toMatch(/keeprouter_events_priced_total\{outcome="charged"\} \d+/);
    expect(body).toContain('keeprouter_batch_size_count');
    expect(body).toContain('keeprouter_pricing_lag_seconds_bucket');
    expect(body).toMatch(/keeprouter_queue_depth\{state="waiting"\} \d+/);
  });

  it('fails when a roll-up differs from its usage records, or a month lacks its partition', async () => {
    const maintenance = system.worker!.get(MaintenanceProcessor);
    const customer = await fundedCustomer(system, '10');
    await customer.openai.chat.completions.create({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await customer.priced(1);
    expect((await maintenance.reconcile()).ok).toBe(true);

    await system.prisma.usageDailyRollup.updateMany({
      where: { accountId: customer.accountId },
      data: { requests: { increment: 1 } },
    });
    const broken = await maintenance.reconcile();
    expect(broken.mismatches.map((m) => m.check)).toEqual([
      'the daily roll-ups equal the usage records',
    ]);
    expect(broken.mismatches[0].id).toContain(customer.accountId);
    await system.prisma.usageDailyRollup.updateMany({
      where: { accountId: customer.accountId },
      data: { requests: { decrement: 1 } },
    });

    // Next month's partition gone: the check names it; the maintenance job makes it again.
    const next = new Date();
    next.setUTCDate(1);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const month = next.toISOString().slice(0, 7);
    await system.prisma.$executeRawUnsafe(`DROP TABLE usage_records_p${month.replace('-', '')}`);
    const missing = await maintenance.reconcile();
    expect(missing.mismatches.map((m) => [m.check, m.id])).toEqual([
      ['usage records are partitioned by month, ahead of time', month],
    ]);
    expect((await maintenance.maintainPartitions()).created).toEqual([
      `usage_records_p${month.replace('-', '')}`,
    ]);
    expect((await maintenance.reconcile()).ok).toBe(true);
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
