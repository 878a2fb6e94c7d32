import { Injectable } from '@nestjs/common';
import { ApiKeyRepository, type ApiKeyWithAccount } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import { toMoney } from '@app/pricing';
import { hashApiKey, hasKeyFormat } from './api-key-secret';
import { CacheInvalidation } from './cache-invalidation.service';
import type { AuthenticatedKey } from './authenticated-key';

// Short, so that even a lost invalidation message heals quickly.
const CACHE_TTL_MS = 30_000;
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
 * in-process by hash for a short time; CacheInvalidation evicts them on every gateway the
 * moment a key or its account changes. Unknown keys are never cached.
 */
@Injectable()
export class KeyAuthService {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly apiKeys: ApiKeyRepository,
    invalidation: CacheInvalidation,
  ) {
    invalidation.onChange((change) => {
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

  async authenticate(plaintext: string | undefined): Promise<AuthenticatedKey> {
    if (!plaintext) {
      throw new DomainError(
        ErrorCode.MissingApiKey,
        'No API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
      );
    }
    if (!hasKeyFormat(plaintext)) throw invalidKey();
    const hash = hashApiKey(plaintext);
    let entry = this.cache.get(hash);
    if (!entry || entry.expiresAt <= Date.now()) {
      const key = await this.apiKeys.findByHashWithAccount(hash);
      if (!key) throw invalidKey();
      entry = this.remember(hash, key);
    }
    if (entry.result instanceof DomainError) throw entry.result;
    return entry.result;
  }

  /**
   * A key by its id, read fresh from the database (no cache) and judged as a presented key
   * would be: what a dashboard session, which remembers only the key id, checks on every
   * request, so a revoked or disabled key's session stops at once.
   */
  async authenticateKeyId(keyId: string): Promise<AuthenticatedKey> {
    const key = await this.apiKeys.findByIdWithAccount(keyId);
    if (!key) throw invalidKey();
    const result = judge(key);
    if (result instanceof DomainError) throw result;
    return result;
  }

  private remember(hash: string, key: ApiKeyWithAccount): CacheEntry {
    if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
    const entry: CacheEntry = {
      result: judge(key),
      keyId: key.id,
      accountId: key.accountId,
      expiresAt: Date.now() + CACHE_TTL_MS,
    };
    this.cache.set(hash, entry);
    return entry;
  }
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
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}
