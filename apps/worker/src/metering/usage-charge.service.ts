import { Injectable } from '@nestjs/common';
import {
  AccountRepository,
  ApiKeyRepository,
  LedgerRepository,
  PriceRepository,
  PrismaService,
  UsageRecordRepository,
} from '@app/database';
import { costOf, formatMoney, toMoney } from '@app/pricing';
import type { UsageEvent } from '@app/queue';
import { SpendControlStore } from '@app/spend-control';
import { UnpricedEventError } from './unpriced-event.error';

export type ChargeOutcome = 'charged' | 'duplicate';

/**
 * Prices a usage event and charges it: the usage record, the balance change and the
 * ledger entry commit together. The usage record's primary key (the event id) makes a
 * second delivery a no-op, however many times and however concurrently it arrives.
 */
@Injectable()
export class UsageChargeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly prices: PriceRepository,
    private readonly usageRecords: UsageRecordRepository,
    private readonly accounts: AccountRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly ledger: LedgerRepository,
    private readonly spendControl: SpendControlStore,
  ) {}

  async charge(event: UsageEvent): Promise<ChargeOutcome> {
    const occurredAt = new Date(event.occurredAt);
    const price = await this.prices.findInEffect(event.modelId, occurredAt);
    if (!price) throw new UnpricedEventError(event.eventId, event.modelId, event.occurredAt);
    const cost = formatMoney(
      costOf(event, {
        inputPerMillion: toMoney(price.inputPerMillion),
        outputPerMillion: toMoney(price.outputPerMillion),
        cachedInputPerMillion:
          price.cachedInputPerMillion === null ? null : toMoney(price.cachedInputPerMillion),
      }),
    );

    const result = await this.prisma.$transaction(async (tx) => {
      const inserted = await this.usageRecords.insertIfAbsent(
        {
          id: event.eventId,
          accountId: event.accountId,
          apiKeyId: event.apiKeyId,
          modelId: event.modelId,
          priceId: price.id,
          surface: event.surface,
          streamed: event.streamed,
          inputTokens: event.inputTokens,
          outputTokens: event.outputTokens,
          cachedInputTokens: event.cachedInputTokens,
          cost,
          estimated: event.estimated,
          occurredAt,
        },
        tx,
      );
      if (!inserted) return { outcome: 'duplicate' as const };
      const balanceAfter = await this.accounts.applyToBalance(
        event.accountId,
        `-${cost}`,
        { isUsage: true },
        tx,
      );
      const keySpent = await this.apiKeys.addSpend(event.apiKeyId, cost, occurredAt, tx);
      const entry = await this.ledger.append(
        {
          accountId: event.accountId,
          kind: 'usage',
          amount: `-${cost}`,
          balanceAfter,
          usageRecordId: event.eventId,
        },
        tx,
      );
      return { outcome: 'charged' as const, balanceAfter, keySpent, version: entry.id };
    });

    // After the commit, never before: until then the hold keeps the spend covered.
    if (result.outcome === 'charged') {
      await this.spendControl.settle({
        accountId: event.accountId,
        holdId: event.eventId,
        balance: toMoney(result.balanceAfter),
        version: result.version,
        key: { keyId: event.apiKeyId, spent: toMoney(result.keySpent) },
      });
    } else {
      await this.spendControl.release(event.accountId, event.eventId);
    }
    return result.outcome;
  }
}
