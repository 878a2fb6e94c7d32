import type { Account, ApiKey, LedgerEntry, Price, UsageRecord } from '@app/database';
import { formatMoney, Money, toMoney } from '@app/pricing';

const money = (value: { toString(): string }): string => formatMoney(toMoney(value));
const moneyOrNull = (value: { toString(): string } | null): string | null =>
  value === null ? null : money(value);

/** An account as the API shows it. `available` is the balance minus open holds, never below zero. */
export function presentAccount(account: Account, heldAmount: Money = new Money(0)) {
  const available = Money.max(toMoney(account.balance).minus(heldAmount), 0);
  return {
    id: account.id,
    object: 'account',
    name: account.name,
    email: account.email,
    status: account.status,
    currency: 'usd',
    balance: money(account.balance),
    available: formatMoney(available),
    spent_total: money(account.spentTotal),
    created_at: account.createdAt.toISOString(),
  };
}

/** One priced request: what it used, the price it was charged at, and what it cost. */
export function presentGeneration(record: UsageRecord & { price: Price }) {
  return {
    id: record.id,
    object: 'generation',
    model: record.modelId,
    /** The provider that served the request: its price is the one charged. */
    provider: record.providerId,
    surface: record.surface,
    streamed: record.streamed,
    api_key_id: record.apiKeyId,
    // BIGINT columns holding at most 2^53 - 1 (the usage event's bound): exact as numbers.
    input_tokens: Number(record.inputTokens),
    output_tokens: Number(record.outputTokens),
    cached_input_tokens: Number(record.cachedInputTokens),
    cache_write_input_tokens: Number(record.cacheWriteInputTokens),
    estimated: record.estimated,
    price: {
      id: record.price.id,
      input_per_million: money(record.price.inputPerMillion),
      output_per_million: money(record.price.outputPerMillion),
      cached_input_per_million: moneyOrNull(record.price.cachedInputPerMillion),
      cache_write_input_per_million: moneyOrNull(record.price.cacheWriteInputPerMillion),
      effective_from: record.price.effectiveFrom.toISOString(),
    },
    cost: money(record.cost),
    currency: 'usd',
    created_at: record.occurredAt.toISOString(),
    priced_at: record.pricedAt.toISOString(),
  };
}

/** A request as listed: when, which model and key, its tokens and cost; details via presentGeneration. */
export function presentGenerationSummary(record: UsageRecord) {
  return {
    id: record.id,
    object: 'generation',
    model: record.modelId,
    api_key_id: record.apiKeyId,
    input_tokens: Number(record.inputTokens),
    output_tokens: Number(record.outputTokens),
    cached_input_tokens: Number(record.cachedInputTokens),
    estimated: record.estimated,
    cost: money(record.cost),
    created_at: record.occurredAt.toISOString(),
  };
}

/** The account's low-balance alert: below `threshold`, one signed webhook per crossing. */
export function presentLowBalanceAlert(account: Account) {
  return {
    object: 'low_balance_alert',
    threshold: moneyOrNull(account.lowBalanceThreshold),
    webhook_url: account.webhookUrl,
    alerted: account.lowBalanceAlerted,
  };
}

/** A ledger entry: a signed amount and the balance right after it. */
export function presentLedgerEntry(entry: LedgerEntry) {
  return {
    id: entry.id.toString(),
    object: 'ledger_entry',
    account_id: entry.accountId,
    kind: entry.kind,
    amount: money(entry.amount),
    balance_after: money(entry.balanceAfter),
    usage_record_id: entry.usageRecordId,
    note: entry.note,
    created_at: entry.createdAt.toISOString(),
  };
}

/** A key as listed: never its secret nor its hash. */
export function presentApiKey(key: ApiKey) {
  return {
    id: key.id,
    object: 'api_key',
    name: key.name,
    prefix: key.prefix,
    scope: key.scope,
    spend_limit: moneyOrNull(key.spendLimit),
    spend_limit_period: key.spendLimitPeriod,
    requests_per_minute: key.rateLimitPerMinute,
    tokens_per_minute: key.tokensPerMinute,
    spent_total: money(key.spentTotal),
    disabled: key.disabled,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    created_at: key.createdAt.toISOString(),
  };
}
