import { Injectable } from '@nestjs/common';
import { AccountRepository, ApiKeyRepository } from '@app/database';
import { fromMicros, type Money, toMicrosCeil, toMicrosFloor, toMoney } from '@app/pricing';
import { hashTag, type RedisClient, RedisService } from '@app/redis';
import {
  HELD_SCRIPT,
  LOAD_STATE_SCRIPT,
  RATE_LIMIT_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
} from './lua-scripts';

/**
 * How long a hold lives when nothing releases it (a gateway or the worker died): longer
 * than the longest upstream request plus the queue's usual lag.
 */
export const HOLD_TTL_MS = 15 * 60_000;
/** Cached balances and key spend are reloaded from PostgreSQL at least this often. */
const STATE_TTL_MS = 10 * 60_000;
const RATE_WINDOW_MS = 60_000;

export type ReserveStatus = 'ok' | 'insufficient' | 'key-limit';

export interface ReserveRequest {
  accountId: string;
  keyId: string;
  holdId: string;
  /** The most the request can cost. */
  amount: Money;
  keySpendLimit: Money | null;
}

export interface Settlement {
  accountId: string;
  /** The holds the settled movement ends (a batch settles many at once). */
  holdIds?: string[];
  /** Balance and ledger entry id right after the movement (the version). */
  balance: Money;
  version: bigint;
  /** The spend of the account's keys after a usage charge. */
  keys?: Array<{ keyId: string; spent: Money }>;
}

type ScriptReply = [string, string];

interface SpendControlCommands {
  krReserve(...args: string[]): Promise<ScriptReply>;
  krRelease(...args: string[]): Promise<number>;
  krSettle(...args: string[]): Promise<number>;
  krLoadState(...args: string[]): Promise<number>;
  krHeld(...args: string[]): Promise<string>;
  krRateLimit(...args: string[]): Promise<number>;
}

/**
 * Spend holds, settled balances and per-key rate limits, shared by every gateway and
 * worker through Redis. PostgreSQL stays the source of truth: the Redis state is a view
 * of it, reloaded when missing, and only ever replaced by a newer version.
 */
@Injectable()
export class SpendControlStore {
  private readonly redis: RedisClient & SpendControlCommands;

  constructor(
    private readonly redisService: RedisService,
    private readonly accounts: AccountRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {
    const client = redisService.client;
    const define = (name: keyof SpendControlCommands, lua: string, numberOfKeys: number) => {
      if (!(name in client)) client.defineCommand(name, { lua, numberOfKeys });
    };
    define('krReserve', RESERVE_SCRIPT, 5);
    define('krRelease', RELEASE_SCRIPT, 5);
    define('krSettle', SETTLE_SCRIPT, 5);
    define('krLoadState', LOAD_STATE_SCRIPT, 1);
    define('krHeld', HELD_SCRIPT, 5);
    define('krRateLimit', RATE_LIMIT_SCRIPT, 1);
    this.redis = client as RedisClient & SpendControlCommands;
  }

  /**
   * Reserves `amount` against the account's balance minus its open holds, atomically
   * across all gateways; refuses when it would not be covered or the key's spend limit
   * is reached.
   */
  async reserve(request: ReserveRequest): Promise<{ status: ReserveStatus; held: Money }> {
    const keys = this.keysOf(request.accountId, request.keyId);
    const limit = request.keySpendLimit === null ? '' : toMicrosFloor(request.keySpendLimit);
    for (let attempt = 0; attempt < 3; attempt++) {
      const [status, held] = await this.redis.krReserve(
        ...keys,
        request.holdId,
        bounded(toMicrosCeil(request.amount)),
        String(Date.now()),
        String(HOLD_TTL_MS),
        limit,
      );
      if (status === 'missing-balance') await this.loadAccount(request.accountId);
      else if (status === 'missing-key-spent')
        await this.loadKeySpent(request.accountId, request.keyId);
      else return { status: status as ReserveStatus, held: fromMicros(held) };
    }
    throw new Error(`Could not load the spend state of account ${request.accountId}`);
  }

  async release(accountId: string, ...holdIds: string[]): Promise<void> {
    if (holdIds.length > 0) await this.redis.krRelease(...this.keysOf(accountId, '-'), ...holdIds);
  }

  /** Records a committed movement (newer versions only) and releases its hold. */
  async settle(settlement: Settlement): Promise<void> {
    const [firstKey, ...otherKeys] = settlement.keys ?? [];
    const version = settlement.version.toString();
    await Promise.all([
      this.redis.krSettle(
        ...this.keysOf(settlement.accountId, firstKey?.keyId ?? '-'),
        toMicrosFloor(settlement.balance),
        version,
        firstKey ? toMicrosCeil(firstKey.spent) : '',
        String(STATE_TTL_MS),
        ...(settlement.holdIds ?? []),
      ),
      // A key's spend is versioned by its account's ledger, like the balance.
      ...otherKeys.map((key) =>
        this.redis.krLoadState(
          this.keySpentKey(settlement.accountId, key.keyId),
          toMicrosCeil(key.spent),
          version,
          String(STATE_TTL_MS),
        ),
      ),
    ]);
  }

  /** The sum of the account's unexpired holds. */
  async held(accountId: string): Promise<Money> {
    return fromMicros(await this.redis.krHeld(...this.keysOf(accountId, '-'), String(Date.now())));
  }

  /** Counts a request against the key's per-minute limit: 0 when allowed, else ms to wait. */
  async hitRateLimit(keyId: string, limitPerMinute: number): Promise<number> {
    const window = Math.floor(Date.now() / RATE_WINDOW_MS);
    return this.redis.krRateLimit(
      this.redisService.key('key', keyId, 'rpm', String(window)),
      String(limitPerMinute),
      String(RATE_WINDOW_MS),
    );
  }

  /**
   * The five keys every hold script takes, in its order. All carry the account's hash tag,
   * so in a Redis Cluster they live in one slot and one script may touch them together.
   */
  private keysOf(accountId: string, keyId: string): [string, string, string, string, string] {
    const account = (name: string) => this.redisService.key('acct', hashTag(accountId), name);
    return [
      account('balance'),
      account('holds'),
      account('hold-expiries'),
      account('held'),
      this.keySpentKey(accountId, keyId),
    ];
  }

  /** A key's spend, in its account's slot. */
  private keySpentKey(accountId: string, keyId: string): string {
    return this.redisService.key('acct', hashTag(accountId), 'key', keyId, 'spent');
  }

  private async loadAccount(accountId: string): Promise<void> {
    const state = await this.accounts.readBalanceState(accountId);
    await this.redis.krLoadState(
      this.keysOf(accountId, '-')[0],
      toMicrosFloor(toMoney(state.balance)),
      state.version.toString(),
      String(STATE_TTL_MS),
    );
  }

  private async loadKeySpent(accountId: string, keyId: string): Promise<void> {
    const state = await this.apiKeys.readSpendState(keyId);
    await this.redis.krLoadState(
      this.keySpentKey(accountId, keyId),
      toMicrosCeil(toMoney(state.spent)),
      state.version.toString(),
      String(STATE_TTL_MS),
    );
  }
}

/** A hold is at least one micro-dollar: a free-looking request still occupies a slot. */
function bounded(micros: string): string {
  return micros === '0' ? '1' : micros;
}
