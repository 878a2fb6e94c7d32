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

    return this.prisma.$transaction(async (tx) => {
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
      if (!inserted) return 'duplicate';
      const balanceAfter = await this.accounts.applyToBalance(
        event.accountId,
        `-${cost}`,
        { isUsage: true },
        tx,
      );
      await this.apiKeys.addSpend(event.apiKeyId, cost, tx);
      await this.ledger.append(
        {
          accountId: event.accountId,
          kind: 'usage',
          amount: `-${cost}`,
          balanceAfter,
          usageRecordId: event.eventId,
        },
        tx,
      );
      return 'charged';
    });
  }
}
