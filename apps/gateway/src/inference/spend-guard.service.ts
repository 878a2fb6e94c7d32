import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import type { Money } from '@app/pricing';
import { SpendControlStore } from '@app/spend-control';
import type { AuthenticatedKey } from '../auth/authenticated-key';

/**
 * The gate every inference request passes before it reaches the upstream: the key's
 * per-minute rate limit, then a hold of the request's maximum cost on the account.
 * Concurrent requests can therefore never spend more than the balance, save for the
 * error in estimating their input tokens.
 */
@Injectable()
export class SpendGuardService {
  private readonly logger = new Logger(SpendGuardService.name);

  constructor(private readonly store: SpendControlStore) {}

  async hold(key: AuthenticatedKey, holdId: string, maxCost: Money): Promise<void> {
    try {
      await this.reserve(key, holdId, maxCost);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Without Redis no hold can be placed, and a request without a hold could overspend.
      this.logger.error(
        `spend control unavailable for hold ${holdId}: ${(error as Error).message}`,
      );
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        'Billing is temporarily unavailable; retry shortly.',
        {
          retryAfterSeconds: 5,
        },
      );
    }
  }

  private async reserve(key: AuthenticatedKey, holdId: string, maxCost: Money): Promise<void> {
    if (key.rateLimitPerMinute !== null) {
      const waitMs = await this.store.hitRateLimit(key.keyId, key.rateLimitPerMinute);
      if (waitMs > 0) {
        throw new DomainError(
          ErrorCode.RateLimited,
          `This key is limited to ${key.rateLimitPerMinute} requests per minute.`,
          { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) },
        );
      }
    }
    const { status } = await this.store.reserve({
      accountId: key.accountId,
      keyId: key.keyId,
      holdId,
      amount: maxCost,
      keySpendLimit: key.spendLimit,
    });
    switch (status) {
      case 'ok':
        return;
      case 'insufficient':
        throw new DomainError(
          ErrorCode.InsufficientBalance,
          'Your available balance cannot cover this request; top up or lower max_tokens.',
        );
      case 'key-limit':
        throw new DomainError(ErrorCode.KeySpendLimitReached, "This key's spend limit is reached.");
    }
  }

  /** Gives a hold back when the request will not be charged (nothing reached or came back from the upstream). */
  async release(key: AuthenticatedKey, holdId: string): Promise<void> {
    try {
      await this.store.release(key.accountId, holdId);
    } catch (error) {
      // The hold expires by itself; failing the answer for it would help nobody.
      this.logger.warn(`could not release hold ${holdId}: ${(error as Error).message}`);
    }
  }
}
