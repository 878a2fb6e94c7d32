import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { RedisService } from '@app/redis';

/** What the breaker says about one endpoint before an attempt. */
export interface BreakerVerdict {
  /** closed: try it; open: skip it; half_open: this attempt is the one trial after the cool-down. */
  state: 'closed' | 'open' | 'half_open';
  /** Consecutive failures so far: a success must clear them. */
  failures: number;
}

// One key per endpoint, every script touches only it: the breaker works unchanged on a
// Redis Cluster. Time comes from Redis, so every gateway agrees on when a cool-down ends.
const ALLOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local openUntil = tonumber(redis.call('HGET', KEYS[1], 'open_until') or '0')
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
if openUntil == 0 then return {0, failures} end
if now < openUntil then return {1, failures} end
redis.call('HSET', KEYS[1], 'open_until', now + tonumber(ARGV[1]))
return {2, failures}`;

const FAIL = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if failures >= tonumber(ARGV[1]) then
  redis.call('HSET', KEYS[1], 'open_until', now + tonumber(ARGV[2]))
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return failures`;

const STATES = ['closed', 'open', 'half_open'] as const;

type BreakerClient = Redis & {
  breakerAllow(key: string, cooldownMs: number): Promise<[number, number]>;
  breakerFail(key: string, threshold: number, cooldownMs: number, ttlMs: number): Promise<number>;
};

/**
 * A circuit breaker per endpoint (model × provider), shared by every gateway through Redis:
 * after `failures` consecutive failures the endpoint is skipped for a cool-down, then one
 * request tries it (half-open); a success closes it, a failure opens it again. Without
 * Redis it lets everything through: the breaker saves time, it never refuses service.
 */
@Injectable()
export class CircuitBreakerService {
  private readonly logger = new Logger(CircuitBreakerService.name);
  private readonly client: BreakerClient;

  constructor(
    private readonly redis: RedisService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const client = redis.client;
    if (!('breakerAllow' in client)) {
      client.defineCommand('breakerAllow', { lua: ALLOW, numberOfKeys: 1 });
    }
    if (!('breakerFail' in client)) {
      client.defineCommand('breakerFail', { lua: FAIL, numberOfKeys: 1 });
    }
    this.client = client as BreakerClient;
  }

  async check(providerId: string, modelId: string): Promise<BreakerVerdict> {
    try {
      const [state, failures] = await this.client.breakerAllow(
        this.keyOf(providerId, modelId),
        this.config.circuitBreaker.cooldownMs,
      );
      const verdict = { state: STATES[state], failures };
      this.metrics.providerBreakerState.set({ provider: providerId, model: modelId }, state);
      return verdict;
    } catch (error) {
      this.logger.warn(`circuit breaker unavailable: ${(error as Error).message}`);
      return { state: 'closed', failures: 0 };
    }
  }

  async failed(providerId: string, modelId: string): Promise<void> {
    const { failures, cooldownMs } = this.config.circuitBreaker;
    try {
      const count = await this.client.breakerFail(
        this.keyOf(providerId, modelId),
        failures,
        cooldownMs,
        // Old failures are forgotten after a while: "consecutive" means recent too.
        Math.max(cooldownMs * 10, 60_000),
      );
      if (count >= failures) {
        this.metrics.providerBreakerState.set({ provider: providerId, model: modelId }, 1);
      }
    } catch (error) {
      this.logger.warn(`circuit breaker unavailable: ${(error as Error).message}`);
    }
  }

  /** Closes the breaker; only called when it was not clean (a round trip saved otherwise). */
  async succeeded(providerId: string, modelId: string, verdict: BreakerVerdict): Promise<void> {
    if (verdict.state === 'closed' && verdict.failures === 0) return;
    try {
      await this.client.del(this.keyOf(providerId, modelId));
      this.metrics.providerBreakerState.set({ provider: providerId, model: modelId }, 0);
    } catch (error) {
      this.logger.warn(`circuit breaker unavailable: ${(error as Error).message}`);
    }
  }

  private keyOf(providerId: string, modelId: string): string {
    return this.redis.key('breaker', providerId, modelId);
  }
}
