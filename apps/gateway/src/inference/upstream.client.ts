import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'undici';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/errors';
import { MetricsService } from '@app/metrics';
import type { ResolvedProvider } from './providers/provider.cache';
import type { UpstreamRequest } from './providers/upstream-dialect';

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

  /**
   * Sends the request and resolves when the upstream's headers arrive. Failures are thrown
   * as they are (the caller decides whether another endpoint may serve).
   */
  async open(provider: ResolvedProvider, request: UpstreamRequest): Promise<UpstreamStream> {
    const base = new URL(provider.baseUrl);
    const headers = {
      ...request.headers,
      'content-type': 'application/json',
      ...provider.dialect.authHeaders(provider.apiKey),
    };
    const stopTimer = this.metrics.upstreamLatency.startTimer({ provider: provider.id });
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
      stopTimer();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.destroy()));
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
