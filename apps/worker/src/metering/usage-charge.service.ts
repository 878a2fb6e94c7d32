import { Injectable } from '@nestjs/common';
import {
  AccountRepository,
  ApiKeyRepository,
  CatalogueRepository,
  type LowBalanceCrossing,
  LedgerRepository,
  type NewUsageRecord,
  PrismaService,
  UsageRecordRepository,
  UsageRollupRepository,
} from '@app/database';
import { MetricsService } from '@app/metrics';
import { costOf, formatMoney, Money, toMoney } from '@app/pricing';
import { LowBalanceWebhookProducer, type UsageEvent } from '@app/queue';
import { type Settlement, SpendControlStore } from '@app/spend-control';
import type { PriceSnapshot } from './price-snapshot';
import { PriceTableService } from './price-table.service';
import { UnpricedEventError } from './unpriced-event.error';

export type ChargeOutcome = 'charged' | 'duplicate';

/** Per event of a batch: its outcome, or why it could not be charged. */
export type BatchOutcome = Map<string, ChargeOutcome | Error>;

/**
 * Prices usage events and charges them, a batch per transaction: the usage records (an
 * event id already charged inserts nothing and charges nothing), one balance update per
 * account, the ledger entries with the balance after each, the daily roll-ups the
 * reports read, and the keys' spend. Then, after the commit, the spend-control view and the holds.
 */
@Injectable()
export class UsageChargeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly priceTable: PriceTableService,
    private readonly catalogue: CatalogueRepository,
    private readonly usageRecords: UsageRecordRepository,
    private readonly rollups: UsageRollupRepository,
    private readonly accounts: AccountRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly ledger: LedgerRepository,
    private readonly spendControl: SpendControlStore,
    private readonly metrics: MetricsService,
    private readonly webhooks: LowBalanceWebhookProducer,
  ) {}

  async chargeBatch(events: UsageEvent[]): Promise<BatchOutcome> {
    const outcomes: BatchOutcome = new Map();
    const unique = new Map<string, UsageEvent>();
    for (const event of events) if (!unique.has(event.eventId)) unique.set(event.eventId, event);
    const { priced, settlements, crossings } = await this.write([...unique.values()], outcomes);
    this.observe(events, outcomes);
    await this.announce(crossings, settlements);
    // Every priced event ends its hold, charged or duplicate: one call per account.
    const holds = groupBy(priced, (record) => record.accountId);
    await Promise.all([
      ...settlements.map((settlement) => {
        const holdIds = (holds.get(settlement.accountId) ?? []).map((record) => record.id);
        holds.delete(settlement.accountId);
        return this.spendControl.settle({ ...settlement, holdIds });
      }),
      ...[...holds].map(([accountId, records]) =>
        this.spendControl.release(accountId, ...records.map((record) => record.id)),
      ),
    ]);
    return outcomes;
  }

  private observe(events: UsageEvent[], outcomes: BatchOutcome): void {
    this.metrics.batchSize.observe(events.length);
    const now = Date.now();
    for (const event of events) {
      const outcome = outcomes.get(event.eventId);
      const label =
        outcome instanceof UnpricedEventError
          ? 'unpriced'
          : outcome instanceof Error
            ? 'failed'
            : outcome;
      this.metrics.eventsPriced.inc({ outcome: label ?? 'duplicate' });
      if (outcome === 'charged')
        this.metrics.pricingLag.observe((now - Date.parse(event.occurredAt)) / 1000);
    }
  }

  private price(event: UsageEvent, prices: PriceSnapshot): NewUsageRecord | Error {
    const occurredAt = new Date(event.occurredAt);
    // Charged at the price of the provider that served it, in effect when it was admitted.
    const providerId = prices.providerOf(event.modelId, event.provider);
    const price = providerId && prices.inEffect(event.modelId, providerId, occurredAt);
    if (!providerId || !price) {
      return new UnpricedEventError(event.eventId, event.modelId, event.occurredAt, providerId);
    }
    return {
      id: event.eventId,
      accountId: event.accountId,
      apiKeyId: event.apiKeyId,
      modelId: event.modelId,
      priceId: price.id,
      providerId,
      surface: event.surface,
      streamed: event.streamed,
      inputTokens: event.inputTokens,
      outputTokens: event.outputTokens,
      cachedInputTokens: event.cachedInputTokens,
      cacheWriteInputTokens: event.cacheWriteInputTokens ?? 0,
      cost: formatMoney(costOf(event, price.rates)),
      estimated: event.estimated,
      occurredAt,
    };
  }

  /** One low-balance webhook per crossing; its id comes from the ledger version, so a retry cannot send two. */
  private async announce(
    crossings: LowBalanceCrossing[],
    settlements: Settlement[],
  ): Promise<void> {
    const occurredAt = new Date().toISOString();
    await Promise.all(
      crossings.map((crossing) => {
        const version = settlements.find((s) => s.accountId === crossing.accountId)?.version ?? 0n;
        return this.webhooks.enqueue({
          eventId: `evt_low_balance_${crossing.accountId}_${version}`,
          accountId: crossing.accountId,
          balance: formatMoney(toMoney(crossing.balance)),
          threshold: formatMoney(toMoney(crossing.threshold)),
          occurredAt,
        });
      }),
    );
  }

  /**
   * The transaction: prices the events (under a share lock on their models, see
   * CatalogueRepository.lockForShare) and charges them. Fills `outcomes`; returns what to
   * settle and announce once it committed.
   */
  private async write(
    events: UsageEvent[],
    outcomes: BatchOutcome,
  ): Promise<{
    priced: NewUsageRecord[];
    settlements: Settlement[];
    crossings: LowBalanceCrossing[];
  }> {
    return this.prisma.$transaction(async (tx) => {
      const modelIds = [...new Set(events.map((event) => event.modelId))];
      await this.catalogue.lockForShare(modelIds, tx);
      const prices = await this.priceTable.snapshot(modelIds, tx);
      const priced: NewUsageRecord[] = [];
      for (const event of events) {
        const record = this.price(event, prices);
        if (record instanceof Error) outcomes.set(event.eventId, record);
        else priced.push(record);
      }
      // Sorted by id: concurrent batches take unique-index locks in one order.
      priced.sort((a, b) => (a.id < b.id ? -1 : 1));
      if (priced.length === 0) return { priced, settlements: [], crossings: [] };
      const inserted = await this.usageRecords.insertManyIfAbsent(priced, tx);
      for (const record of priced)
        outcomes.set(record.id, inserted.has(record.id) ? 'charged' : 'duplicate');
      const charged = priced.filter((record) => inserted.has(record.id));
      if (charged.length === 0) return { priced, settlements: [], crossings: [] };

      const byAccount = groupBy(charged, (record) => record.accountId);
      const finals = await this.accounts.debitUsage(
        [...byAccount].map(([accountId, records]) => ({
          accountId,
          total: formatMoney(sumCosts(records)),
        })),
        tx,
      );
      const crossings = await this.accounts.markLowBalanceCrossings([...byAccount.keys()], tx);
      // After the balance update locked the accounts: one batch at a time adds to an
      // account's roll-ups.
      await this.rollups.addMany(charged, tx);
      // Each entry's balance after it: walk the account's entries in order from the
      // balance before the batch (the final balance plus everything the batch debited).
      const entries = [...byAccount].flatMap(([accountId, records]) => {
        let balance = toMoney(finals.get(accountId)!).plus(sumCosts(records));
        return records.map((record) => {
          balance = balance.minus(record.cost);
          return {
            accountId,
            amount: `-${record.cost}`,
            balanceAfter: formatMoney(balance),
            usageRecordId: record.id,
          };
        });
      });
      const ledgerIds = await this.ledger.appendUsageEntries(entries, tx);
      const versions = new Map<string, bigint>();
      entries.forEach((entry, i) => {
        if (ledgerIds[i] > (versions.get(entry.accountId) ?? 0n))
          versions.set(entry.accountId, ledgerIds[i]);
      });

      const byKey = groupBy(charged, (record) => record.apiKeyId);
      const spent = await this.apiKeys.addSpendMany(
        [...byKey].map(([keyId, records]) => ({
          keyId,
          total: formatMoney(sumCosts(records)),
          usedAt: new Date(Math.max(...records.map((record) => record.occurredAt.getTime()))),
        })),
        tx,
      );
      const keysOfAccount = groupBy([...byKey], ([, records]) => records[0].accountId);
      const settlements = [...byAccount.keys()].map((accountId) => ({
        accountId,
        balance: toMoney(finals.get(accountId)!),
        version: versions.get(accountId)!,
        keys: (keysOfAccount.get(accountId) ?? []).map(([keyId]) => ({
          keyId,
          spent: toMoney(spent.get(keyId)!),
        })),
      }));
      return { priced, settlements, crossings };
    });
  }
}

function sumCosts(records: NewUsageRecord[]): Money {
  return records.reduce((sum, record) => sum.plus(record.cost), new Money(0));
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
