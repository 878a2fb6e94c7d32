import { Injectable } from '@nestjs/common';
import {
  AccountRepository,
  ApiKeyRepository,
  CatalogueRepository,
  type KeySpendState,
  type LowBalanceCrossing,
  LedgerRepository,
  type NewUsageRecord,
  PrismaService,
  UsageRecordRepository,
  UsageRollupRepository,
} from '@app/database';
import { MetricsService } from '@app/metrics';
import { costOf, formatMoney, Money, toMoney } from '@app/pricing';
import {
  type LowBalanceWebhook,
  lowBalanceWebhookSchema,
  LowBalanceWebhookProducer,
  type UsageEvent,
} from '@app/queue';
import { type KeySpend, type Settlement, SpendControlStore } from '@app/spend-control';
import type { PriceSnapshot } from './price-snapshot';
import { PriceTableService } from './price-table.service';
import { UnpricedEventError } from './unpriced-event.error';

export type ChargeOutcome = 'charged' | 'duplicate';

/** Attempts at each after-commit step before the job fails and is redelivered. */
const SETTLE_ATTEMPTS = 5;

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
    const { priced, settlements } = await this.write([...unique.values()], outcomes);
    this.observe(events, outcomes);
    // After the commit, retried until done: the Redis view and the holds, then the webhooks.
    const settled = new Set(settlements.map((settlement) => settlement.accountId));
    const holds = groupBy(priced, (record) => record.accountId);
    await Promise.all([
      ...settlements.map((settlement) =>
        this.retried(() =>
          this.spendControl.settle({
            ...settlement,
            holdIds: (holds.get(settlement.accountId) ?? []).map((record) => record.id),
          }),
        ),
      ),
      // Only duplicates for these accounts: a redelivery after a commit whose settling
      // failed. Settle from what PostgreSQL holds now, so the view cannot stay stale.
      ...[...holds]
        .filter(([accountId]) => !settled.has(accountId))
        .map(([accountId, records]) =>
          this.retried(async () =>
            this.spendControl.settle({
              ...(await this.currentSettlement(accountId, records)),
              holdIds: records.map((record) => record.id),
            }),
          ),
        ),
    ]);
    await this.retried(() => this.announcePending([...holds.keys()]));
    return outcomes;
  }

  /** The account's balance and its keys' spend as committed, for settling a redelivery. */
  private async currentSettlement(
    accountId: string,
    records: NewUsageRecord[],
  ): Promise<Settlement> {
    const state = await this.accounts.readBalanceState(accountId);
    const keyIds = [...new Set(records.map((record) => record.apiKeyId))];
    const keys = await Promise.all(
      keyIds.map(async (keyId) => {
        const spend = await this.apiKeys.readSpendState(keyId);
        // Versioned by the account's ledger, like the balance: read after it, never older.
        return keySpend(keyId, spend);
      }),
    );
    return { accountId, balance: toMoney(state.balance), version: state.version, keys };
  }

  /** Retries a step that must happen after the commit: Redis or the queue may blink. */
  private async retried(step: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await step();
        return;
      } catch (error) {
        // Past this, the job fails and BullMQ retries it; the redelivery settles again.
        if (attempt >= SETTLE_ATTEMPTS - 1) throw error;
        this.metrics.settleRetries.inc();
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
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

  /**
   * Hands the accounts' pending low-balance webhooks to the queue, then marks each sent:
   * a crossing found by a commit is never lost to a failure after it. The webhook id comes
   * from the ledger version, so a second hand-over cannot send two.
   */
  private async announcePending(accountIds: string[]): Promise<void> {
    const pending = await this.accounts.findPendingLowBalanceWebhooks(accountIds);
    for (const payload of pending) {
      const webhook = lowBalanceWebhookSchema.parse(payload);
      await this.webhooks.enqueue(webhook);
      await this.accounts.clearPendingLowBalanceWebhook(webhook.accountId, webhook.eventId);
    }
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

      const occurredAt = new Date().toISOString();
      for (const crossing of crossings) {
        const webhook: LowBalanceWebhook = {
          eventId: `evt_low_balance_${crossing.accountId}_${versions.get(crossing.accountId)}`,
          accountId: crossing.accountId,
          balance: formatMoney(toMoney(crossing.balance)),
          threshold: formatMoney(toMoney(crossing.threshold)),
          occurredAt,
        };
        await this.accounts.setPendingLowBalanceWebhook(crossing.accountId, webhook, tx);
      }
      const spent = await this.apiKeys.addSpendMany(
        charged.map((record) => ({
          keyId: record.apiKeyId,
          cost: record.cost,
          occurredAt: record.occurredAt,
        })),
        tx,
      );
      const byKey = groupBy(charged, (record) => record.apiKeyId);
      const keysOfAccount = groupBy([...byKey], ([, records]) => records[0].accountId);
      const settlements = [...byAccount.keys()].map((accountId) => ({
        accountId,
        balance: toMoney(finals.get(accountId)!),
        version: versions.get(accountId)!,
        keys: (keysOfAccount.get(accountId) ?? []).map(([keyId]) =>
          keySpend(keyId, spent.get(keyId)!),
        ),
      }));
      return { priced, settlements, crossings };
    });
  }
}

function keySpend(keyId: string, state: KeySpendState): KeySpend {
  return {
    keyId,
    spent: toMoney(state.spent),
    periodSpent: toMoney(state.periodSpent),
    periodStart: state.periodStart,
  };
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
