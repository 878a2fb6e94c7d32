import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus metric of KeepRouter, on one registry per process (so two apps booted
 * in one test process never share counters). Names are `keeprouter_*`; labels are
 * bounded sets (surface, status, outcome, model ids of the catalogue), never user input.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requests = new Counter({
    name: 'keeprouter_requests_total',
    help: 'Inference requests answered, by surface, model and HTTP status.',
    labelNames: ['surface', 'model', 'status'] as const,
    registers: [this.registry],
  });

  readonly upstreamLatency = new Histogram({
    name: 'keeprouter_upstream_latency_seconds',
    help: 'Time from sending a request upstream to its response headers.',
    labelNames: ['provider'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  readonly providerAttempts = new Counter({
    name: 'keeprouter_provider_attempts_total',
    help: 'Requests sent to an upstream provider (a fallback makes one more).',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly providerFailures = new Counter({
    name: 'keeprouter_provider_failures_total',
    help: 'Attempts at a provider that failed before an answer, by kind (connect, timeout, rate_limited, server_error).',
    labelNames: ['provider', 'kind'] as const,
    registers: [this.registry],
  });

  readonly providerFallbacks = new Counter({
    name: 'keeprouter_provider_fallbacks_total',
    help: 'Attempts at a provider other than the first of the request: the preferred one failed or was skipped.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  readonly providerBreakerState = new Gauge({
    name: 'keeprouter_provider_breaker_state',
    help: 'Circuit breaker of an endpoint as this gateway last saw it: 0 closed, 1 open, 2 half-open.',
    labelNames: ['provider', 'model'] as const,
    registers: [this.registry],
  });

  readonly eventsPriced = new Counter({
    name: 'keeprouter_events_priced_total',
    help: 'Usage events handled by the worker, by outcome (charged, duplicate, unpriced, failed).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'keeprouter_batch_size',
    help: 'Usage events per metering transaction.',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500],
    registers: [this.registry],
  });

  readonly pricingLag = new Histogram({
    name: 'keeprouter_pricing_lag_seconds',
    help: 'From the request to its committed charge.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'keeprouter_queue_depth',
    help: 'Usage events in the metering queue, by state.',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly outboxSize = new Gauge({
    name: 'keeprouter_outbox_size',
    help: 'Usage events waiting in the PostgreSQL outbox or the in-memory buffer, by place.',
    labelNames: ['place'] as const,
    registers: [this.registry],
  });

  readonly holdsExpired = new Counter({
    name: 'keeprouter_holds_expired_total',
    help: 'Spend holds that expired without being charged or released (a last resort: alert on any).',
    registers: [this.registry],
  });

  readonly settleRetries = new Counter({
    name: 'keeprouter_settle_retries_total',
    help: 'Retries of settling Redis after a committed charge.',
    registers: [this.registry],
  });

  readonly reconciliationOk = new Gauge({
    name: 'keeprouter_reconciliation_ok',
    help: '1 when the last reconciliation found every invariant holding, 0 otherwise.',
    registers: [this.registry],
  });

  readonly reconciliationMismatches = new Gauge({
    name: 'keeprouter_reconciliation_mismatches',
    help: 'Mismatches and orphaned holds found by the last reconciliation.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'keeprouter_process_' });
  }

  /** Hooks run just before each scrape (e.g. reading the queue depth). */
  onScrape(hook: () => Promise<void>): void {
    this.scrapeHooks.push(hook);
  }

  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.scrapeHooks.map((hook) => hook().catch(() => undefined)));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private readonly scrapeHooks: Array<() => Promise<void>> = [];
}
