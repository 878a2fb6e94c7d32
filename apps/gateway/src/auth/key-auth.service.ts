import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, type ApiKeyWithAccount, type KeyScope } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import { toMoney } from '@app/pricing';
import { extractApiKey, hashApiKey, hasKeyFormat } from './api-key-secret';
import { CacheInvalidationService } from './cache-invalidation.service';
import type { AuthenticatedKey } from './authenticated-key';

/**
 * How long a gateway may trust a key it read, counted from the start of the read: the
 * bound on how long a revocation can go unseen by a gateway that did not hear its
 * invalidation (Redis refused the publish, or this gateway's subscription was down).
 * README, "Money bounds".
 */
export const KEY_CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 100_000;

interface CacheEntry {
  /** The key, or why it is refused (a revoked, disabled or suspended key is cached too). */
  result: AuthenticatedKey | DomainError;
  keyId: string;
  accountId: string;
  expiresAt: number;
}

/**
 * Turns a presented key into an AuthenticatedKey, or refuses it. Known keys are cached
 * in-process by hash for a short time; CacheInvalidationService evicts them on every gateway the
 * moment a key or its account changes. Unknown keys are never cached.
 */
@Injectable()
export class KeyAuthService {
  private readonly cache = new Map<string, CacheEntry>();
  /**
   * Counts the key and account changes heard. A lookup caches its row only if none was
   * heard while it was in flight: its row may predate the change, and caching it would
   * undo the invalidation for the entry's whole life.
   */
  private changesHeard = 0;

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    invalidation: CacheInvalidationService,
  ) {
    invalidation.onChange((change) => {
      if (change.kind !== 'key' && change.kind !== 'account') return;
      this.changesHeard++;
      for (const [hash, entry] of this.cache) {
        const matches =
          (change.kind === 'key' && entry.keyId === change.id) ||
          (change.kind === 'account' && entry.accountId === change.id);
        if (matches) {
          this.cache.delete(hash);
        }
      }
    });
  }

  /**
   * The key a request presents (`Authorization: Bearer` or `x-api-key`), refused unless its
   * scope is one of `allowed` (any scope when the route names none).
   */
  async authorize(
    headers: Record<string, string | string[] | undefined>,
    allowed: readonly KeyScope[] | undefined,
  ): Promise<AuthenticatedKey> {
    const key = await this.authenticate(extractApiKey(headers));
    if (allowed && !allowed.includes(key.scope)) {
      throw new DomainError(
        ErrorCode.PermissionDenied,
        `A ${key.scope} key cannot use this endpoint; it needs a ${allowed.join(' or ')} key.`,
      );
    }
    return key;
  }

  async authenticate(plaintext: string | undefined): Promise<AuthenticatedKey> {
    if (!plaintext) {
      throw new DomainError(
        ErrorCode.MissingApiKey,
        'No API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      );
    }
    if (!hasKeyFormat(plaintext)) throw invalidKey();
    const hash = hashApiKey(plaintext);
    const startedAt = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > startedAt) return verdict(cached.result);
    const changesBefore = this.changesHeard;
    const key = await this.apiKeys.findByHashWithAccount(hash);
    if (!key) throw invalidKey();
    const result = judge(key);
    if (this.changesHeard === changesBefore) this.remember(hash, key, result, startedAt);
    return verdict(result);
  }

  /**
   * A key by its id, read fresh from the database (no cache) and judged as a presented key
   * would be: what a dashboard session, which remembers only the key id, checks on every
   * request, so a revoked or disabled key's session stops at once.
   */
  async authenticateKeyId(keyId: string): Promise<AuthenticatedKey> {
    const key = await this.apiKeys.findByIdWithAccount(keyId);
    if (!key) throw invalidKey();
    return verdict(judge(key));
  }

  private remember(
    hash: string,
    key: ApiKeyWithAccount,
    result: AuthenticatedKey | DomainError,
    readStartedAt: number,
  ): void {
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    this.cache.set(hash, {
      result,
      keyId: key.id,
      accountId: key.accountId,
      expiresAt: readStartedAt + KEY_CACHE_TTL_MS,
    });
  }
}

function verdict(result: AuthenticatedKey | DomainError): AuthenticatedKey {
  if (result instanceof DomainError) throw result;
  return result;
}

const invalidKey = () => new DomainError(ErrorCode.InvalidApiKey, 'Invalid API key.');

function judge(key: ApiKeyWithAccount): AuthenticatedKey | DomainError {
  if (key.revokedAt) return invalidKey();
  if (key.disabled) return new DomainError(ErrorCode.KeyDisabled, 'This API key is disabled.');
  if (key.account.status !== 'active') {
    return new DomainError(ErrorCode.AccountSuspended, 'This account is suspended.');
  }
  return {
    keyId: key.id,
    accountId: key.accountId,
    scope: key.scope,
    spendLimit: key.spendLimit === null ? null : toMoney(key.spendLimit),
    spendLimitPeriod: key.spendLimitPeriod,
    rateLimitPerMinute: key.rateLimitPerMinute,
    tokensPerMinute: key.tokensPerMinute,
  };
}
