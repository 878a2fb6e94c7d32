import { Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import type { Money } from '@app/pricing';
import { SpendControlStore } from '@app/spend-control';
import type { AuthenticatedKey } from '../auth/authenticated-key';

/**
 * The gate every inference request passes before it reaches the upstream, in one atomic
 * step on every gateway: the key's per-minute request and token limits, then a hold of the
 * request's maximum cost against the account's balance and the key's spend limit (its
 * spend in its window plus its own open holds). Concurrent requests can therefore never
 * spend more than the balance or the key's limit, save for the error in bounding their input.
 */
@Injectable()
export class SpendGuardService {
  private readonly logger = new Logger(SpendGuardService.name);

  constructor(private readonly store: SpendControlStore) {}

  /** `tokens`: what the request may use (input bound plus output cap), for the tokens-per-minute limit. */
  async hold(key: AuthenticatedKey, holdId: string, maxCost: Money, tokens: number): Promise<void> {
    try {
      await this.reserve(key, holdId, maxCost, tokens);
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

  private async reserve(
    key: AuthenticatedKey,
    holdId: string,
    maxCost: Money,
    tokens: number,
  ): Promise<void> {
    const { status, retryAfterMs } = await this.store.reserve({
      accountId: key.accountId,
      keyId: key.keyId,
      holdId,
      amount: maxCost,
      keySpendLimit: key.spendLimit,
      keySpendLimitPeriod: key.spendLimitPeriod,
      requestsPerMinute: key.rateLimitPerMinute,
      tokensPerMinute: key.tokensPerMinute,
      tokens,
    });
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    switch (status) {
      case 'ok':
        return;
      case 'insufficient':
        throw new DomainError(
          ErrorCode.InsufficientBalance,
          'Your available balance cannot cover this request; top up or lower max_tokens.',
        );
      case 'key-limit':
        throw new DomainError(
          ErrorCode.KeySpendLimitReached,
          "This key's spend limit (with its requests in flight) cannot cover this request; " +
            'lower max_tokens or raise the limit.',
        );
      case 'rate-requests':
        throw new DomainError(
          ErrorCode.RateLimited,
          `This key is limited to ${key.rateLimitPerMinute} requests per minute.`,
          { retryAfterSeconds },
        );
      case 'rate-tokens':
        throw new DomainError(
          ErrorCode.RateLimited,
          `This key is limited to ${key.tokensPerMinute} tokens per minute ` +
            `(this request may use ${tokens}: its input and max_tokens).`,
          { retryAfterSeconds },
        );
    }
  }

  /**
   * The hold's usage event is stored (queue, outbox or buffer): the hold lives until the
   * worker charges or releases it, not a fixed time, so a worker that is down or behind,
   * or an event parked in the failed set, never lets the same money be spent twice.
   */
  async pin(key: AuthenticatedKey, holdId: string): Promise<void> {
    try {
      await this.store.pin(key.accountId, holdId);
    } catch (error) {
      // It keeps its in-flight lifetime; an expiry then is counted and logged.
      this.logger.warn(`could not pin hold ${holdId}: ${(error as Error).message}`);
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
