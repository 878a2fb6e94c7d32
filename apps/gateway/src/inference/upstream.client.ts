import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'undici';
import { APP_CONFIG, type AppConfig, type UpstreamConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/errors';
import { MetricsService } from '@app/metrics';
import { parseJson } from './json';
import type { UpstreamAnswer, UpstreamRequest } from './providers/upstream-dialect';
import type { UpstreamEndpoint } from './providers/upstream-router.service';

/** An upstream's answer whose body is still arriving. */
export interface UpstreamStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array> & { text(): Promise<string> };
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * One pooled keep-alive HTTP client per upstream provider: no connection set-up per
 * request. The provider's key is added here (in the headers its dialect names) and
 * nowhere else. Timeouts: the first byte
 * (headers) within UPSTREAM_FIRST_BYTE_TIMEOUT_MS, the whole exchange within
 * UPSTREAM_TIMEOUT_MS.
 */
@Injectable()
export class UpstreamClient implements OnModuleDestroy {
  private readonly pools = new Map<string, Pool>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** The keys of every configured upstream: never to be echoed to a customer. */
  get secrets(): string[] {
    return [this.config.upstreams.mistral.apiKey].filter((key): key is string => Boolean(key));
  }

  async postJson(endpoint: UpstreamEndpoint, request: UpstreamRequest): Promise<UpstreamAnswer> {
    const response = await this.open(endpoint, request);
    try {
      const text = await response.body.text();
      return { status: response.status, headers: response.headers, json: parseJson(text) };
    } catch (error) {
      throw toUpstreamFailure(error);
    }
  }

  /** Sends the request and resolves when the upstream's headers arrive. */
  async open(endpoint: UpstreamEndpoint, request: UpstreamRequest): Promise<UpstreamStream> {
    const { provider, dialect } = endpoint;
    const upstream = this.upstreamFor(provider);
    const base = new URL(upstream.baseUrl);
    const headers = { 'content-type': 'application/json', ...dialect.authHeaders(upstream.apiKey) };
    const stopTimer = this.metrics.upstreamLatency.startTimer({ provider });
    try {
      const response = await this.poolFor(base.origin).request({
        method: 'POST',
        path: `${base.pathname.replace(/\/$/, '')}${request.path}`,
        headers,
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.config.upstreamTimeouts.totalMs),
      });
      stopTimer();
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      throw toUpstreamFailure(error);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
  }

  private upstreamFor(provider: string): UpstreamConfig {
    if (provider === 'mistral') return this.config.upstreams.mistral;
    throw new DomainError(
      ErrorCode.UpstreamError,
      'This model has no configured upstream provider.',
    );
  }

  private poolFor(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: this.config.upstreamTimeouts.firstByteMs,
        bodyTimeout: this.config.upstreamTimeouts.totalMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

/** Network failures become 502, timeouts 504; the underlying message is not shown (it can name hosts). */
export function toUpstreamFailure(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code ?? '';
  const name = (error as { name?: string }).name ?? '';
  if (TIMEOUT_CODES.has(code) || name === 'TimeoutError') {
    return new DomainError(
      ErrorCode.UpstreamTimeout,
      'The upstream provider did not answer in time.',
    );
  }
  return new DomainError(ErrorCode.UpstreamError, 'The upstream provider could not be reached.');
}
