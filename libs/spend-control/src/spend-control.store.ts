import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { AccountRepository, ApiKeyRepository } from '@app/database';
import { MetricsService } from '@app/metrics';
import { fromMicros, type Money, toMicrosCeil, toMicrosFloor, toMoney } from '@app/pricing';
import { hashTag, type RedisClient, RedisService } from '@app/redis';
import {
  FORGET_KEY_SPENT_SCRIPT,
  HELD_SCRIPT,
  LOAD_KEY_SPENT_SCRIPT,
  LOAD_STATE_SCRIPT,
  PIN_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
} from './lua-scripts';
import { type SpendLimitPeriod, windowStart } from './spend-window';

/** Cached balances and key spend are reloaded from PostgreSQL at least this often. */
const STATE_TTL_MS = 10 * 60_000;
const RATE_WINDOW_MS = 60_000;

export type ReserveStatus = 'ok' | 'insufficient' | 'key-limit' | 'rate-requests' | 'rate-tokens';

export interface ReserveRequest {
  accountId: string;
  keyId: string;
  holdId: string;
  /** The most the request can cost. */
  amount: Money;
  keySpendLimit: Money | null;
  /** The key's budget window; null or absent: the limit is for ever. */
  keySpendLimitPeriod?: SpendLimitPeriod | null;
  requestsPerMinute?: number | null;
  tokensPerMinute?: number | null;
  /** The tokens the request may use (input bound plus output cap), for the per-minute limit. */
  tokens?: number;
}

export interface ReserveResult {
  status: ReserveStatus;
  /** The account's open holds after an admitted reservation. */
  held: Money;
  /** For a rate limit: how long until the window ends. */
  retryAfterMs: number;
}

export interface KeySpend {
  keyId: string;
  /** The key's spend for ever. */
  spent: Money;
  /** Its spend in its current window, and the window's start (null: no window). */
  periodSpent: Money;
  periodStart: Date | null;
}

export interface Settlement {
  accountId: string;
  /** The holds the settled movement ends (a batch settles many at once). */
  holdIds?: string[];
  /** Balance and ledger entry id right after the movement (the version). */
  balance: Money;
  version: bigint;
  /** The spend of the account's keys after a usage charge. */
  keys?: KeySpend[];
}

type ReserveReply = [string, string, string, string];

interface SpendControlCommands {
  krReserve(...args: string[]): Promise<ReserveReply>;
  krPin(...args: string[]): Promise<number>;
  krRelease(...args: string[]): Promise<number>;
  krSettle(...args: string[]): Promise<number>;
  krLoadState(...args: string[]): Promise<number>;
  krLoadKeySpent(...args: string[]): Promise<number>;
  krForgetKeySpent(...args: string[]): Promise<number>;
  krHeld(...args: string[]): Promise<[string, string, string]>;
}

/**
 * Spend holds, settled balances, key spend and per-key rate limits, shared by every
 * gateway and worker through Redis. PostgreSQL stays the source of truth: the Redis state
 * is a view of it, reloaded when missing, and only ever replaced by a newer version.
 */
@Injectable()
export class SpendControlStore {
  private readonly logger = new Logger(SpendControlStore.name);
  private readonly redis: RedisClient & SpendControlCommands;

  constructor(
    private readonly redisService: RedisService,
    private readonly accounts: AccountRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const client = redisService.client;
    const define = (name: keyof SpendControlCommands, lua: string, numberOfKeys: number) => {
      if (!(name in client)) client.defineCommand(name, { lua, numberOfKeys });
    };
    define('krReserve', RESERVE_SCRIPT, 8);
    define('krPin', PIN_SCRIPT, 3);
    define('krRelease', RELEASE_SCRIPT, 6);
    define('krSettle', SETTLE_SCRIPT, 6);
    define('krLoadState', LOAD_STATE_SCRIPT, 1);
    define('krLoadKeySpent', LOAD_KEY_SPENT_SCRIPT, 6);
    define('krForgetKeySpent', FORGET_KEY_SPENT_SCRIPT, 6);
    define('krHeld', HELD_SCRIPT, 6);
    this.redis = client as RedisClient & SpendControlCommands;
  }

  /**
   * Reserves `amount` against the account's balance minus its open holds and against the
   * key's limit minus its spend in its window and its own open holds, and counts the
   * request against the key's per-minute limits: all in one atomic step on every gateway.
   */
  async reserve(request: ReserveRequest): Promise<ReserveResult> {
    const now = Date.now();
    const minute = String(Math.floor(now / RATE_WINDOW_MS));
    const keys = [
      ...this.keysOf(request.accountId),
      this.accountKey(request.accountId, 'rate', request.keyId, 'rpm', minute),
      this.accountKey(request.accountId, 'rate', request.keyId, 'tpm', minute),
    ];
    const period = request.keySpendLimitPeriod ?? null;
    const limit = request.keySpendLimit === null ? '' : toMicrosFloor(request.keySpendLimit);
    for (let attempt = 0; attempt < 3; attempt++) {
      const [status, detail, expired, expiredMicros] = await this.redis.krReserve(
        ...keys,
        request.holdId,
        bounded(toMicrosCeil(request.amount)),
        String(now),
        String(this.config.holds.inFlightMs),
        request.keyId,
        limit,
        period === null ? '' : String(windowStart(period, new Date(now)).getTime()),
        optional(request.requestsPerMinute),
        optional(request.tokensPerMinute),
        String(Math.max(0, Math.ceil(request.tokens ?? 0))),
        String(RATE_WINDOW_MS),
        String(this.config.holds.maxMs + this.config.holds.inFlightMs),
      );
      this.reportExpired(request.accountId, expired, expiredMicros);
      if (status === 'missing-balance') await this.loadAccount(request.accountId);
      else if (status === 'missing-key-spent')
        await this.loadKeySpent(request.accountId, request.keyId);
      else {
        const rated = status === 'rate-requests' || status === 'rate-tokens';
        return {
          status: status as ReserveStatus,
          held: fromMicros(status === 'ok' || status === 'insufficient' ? detail : '0'),
          retryAfterMs: rated ? Number(detail) : 0,
        };
      }
    }
    throw new Error(`Could not load the spend state of account ${request.accountId}`);
  }

  /** The hold's usage event is on its way to the worker: it lives until charged or released. */
  async pin(accountId: string, holdId: string): Promise<void> {
    const [balance, holds, expiries] = this.keysOf(accountId);
    await this.redis.krPin(
      balance,
      holds,
      expiries,
      holdId,
      String(this.config.holds.maxMs),
      String(Date.now()),
    );
  }

  async release(accountId: string, ...holdIds: string[]): Promise<void> {
    if (holdIds.length > 0) await this.redis.krRelease(...this.keysOf(accountId), ...holdIds);
  }

  /** Records a committed movement (newer versions only) and releases its holds. */
  async settle(settlement: Settlement): Promise<void> {
    const keys = settlement.keys ?? [];
    await this.redis.krSettle(
      ...this.keysOf(settlement.accountId),
      toMicrosFloor(settlement.balance),
      settlement.version.toString(),
      String(STATE_TTL_MS),
      String(keys.length),
      ...keys.flatMap((key) => [
        key.keyId,
        toMicrosCeil(key.spent),
        toMicrosCeil(key.periodSpent),
        key.periodStart === null ? '' : String(key.periodStart.getTime()),
      ]),
      ...(settlement.holdIds ?? []),
    );
  }

  /** A key's budget window changed: its spend is read again from PostgreSQL on its next request. */
  async forgetKeySpent(accountId: string, keyId: string): Promise<void> {
    await this.redis.krForgetKeySpent(...this.keysOf(accountId), keyId);
  }

  /** The sum of the account's unexpired holds. */
  async held(accountId: string): Promise<Money> {
    const [held, expired, expiredMicros] = await this.redis.krHeld(
      ...this.keysOf(accountId),
      String(Date.now()),
    );
    this.reportExpired(accountId, expired, expiredMicros);
    return fromMicros(held);
  }

  /**
   * A hold that expired was never charged nor released: a gateway died mid-request or an
   * event was lost. Spending it again is the last resort, so it is counted and logged.
   */
  private reportExpired(accountId: string, count: string, micros: string): void {
    if (count === '0') return;
    this.metrics.holdsExpired.inc(Number(count));
    this.logger.error(
      `${count} hold(s) of account ${accountId} (${fromMicros(micros).toString()} USD) expired ` +
        'without being charged or released; reconcile their requests',
    );
  }

  /** The six keys every hold script takes, in its order: all tagged by the account. */
  private keysOf(accountId: string): [string, string, string, string, string, string] {
    const account = (name: string) => this.accountKey(accountId, name);
    return [
      account('balance'),
      account('holds'),
      account('hold-expiries'),
      account('held'),
      account('key-held'),
      account('key-spent'),
    ];
  }

  /** `<prefix>:acct:{<account>}:…`: one hash slot per account in a Redis Cluster. */
  private accountKey(accountId: string, ...parts: string[]): string {
    return this.redisService.key('acct', hashTag(accountId), ...parts);
  }

  private async loadAccount(accountId: string): Promise<void> {
    const state = await this.accounts.readBalanceState(accountId);
    await this.redis.krLoadState(
      this.accountKey(accountId, 'balance'),
      toMicrosFloor(toMoney(state.balance)),
      state.version.toString(),
      String(STATE_TTL_MS),
    );
  }

  private async loadKeySpent(accountId: string, keyId: string): Promise<void> {
    const state = await this.apiKeys.readSpendState(keyId);
    await this.redis.krLoadKeySpent(
      ...this.keysOf(accountId),
      keyId,
      toMicrosCeil(toMoney(state.spent)),
      toMicrosCeil(toMoney(state.periodSpent)),
      state.periodStart === null ? '' : String(state.periodStart.getTime()),
      state.version.toString(),
      String(STATE_TTL_MS),
    );
  }
}

/** A hold is at least one micro-dollar: a free-looking request still occupies a slot. */
function bounded(micros: string): string {
  return micros === '0' ? '1' : micros;
}

function optional(limit: number | null | undefined): string {
  return limit === null || limit === undefined ? '' : String(limit);
}
