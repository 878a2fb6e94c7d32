import { randomBytes } from 'node:crypto';
import { newId, Prisma, type PrismaClient } from '@app/database';

import { scalarFields } from './database-introspection';

/** Rows that fill every field of every model, and the assertions the schema tests share. */
export const HUGE = '12345678901234567890.123456789012345678';
export const MAX = '99999999999999999999.999999999999999999';
export const TINY = '0.000000000000000001';

/** A value compared as the client type of a field: Decimal by digits, DateTime by instant. */
export function comparable(type: string, value: unknown, side: 'written' | 'read'): unknown {
  if (value === null || value === undefined) return value;
  switch (type) {
    case 'Decimal':
      if (side === 'read') expect(value).toBeInstanceOf(Prisma.Decimal);
      return {
        decimal: new Prisma.Decimal(
          value as ConstructorParameters<typeof Prisma.Decimal>[0],
        ).toFixed(),
      };
    case 'DateTime':
      expect(value).toBeInstanceOf(Date);
      return { instant: (value as Date).getTime() };
    case 'BigInt':
      expect(typeof value).toBe('bigint');
      return { bigint: (value as bigint).toString() };
    default:
      return value;
  }
}

/**
 * Asserts that `written` sets every scalar field of the model (so a new field fails here
 * until this file writes it too) and that `read` has exactly those fields, each equal.
 * `relations` names the relation fields `read` was loaded with.
 */
export function expectRoundTrip(
  prisma: PrismaClient,
  model: string,
  written: Record<string, unknown>,
  read: Record<string, unknown>,
  relations: string[] = [],
): void {
  const fields = scalarFields(prisma, model);
  const names = fields.map((field) => field.name);
  expect(Object.keys(written).sort()).toEqual([...names].sort());
  expect(Object.keys(read).sort()).toEqual([...names, ...relations].sort());
  for (const field of fields) {
    const expected = comparable(field.type, written[field.name], 'written');
    const actual = comparable(field.type, read[field.name], 'read');
    expect({ field: `${model}.${field.name}`, value: actual }).toEqual({
      field: `${model}.${field.name}`,
      value: expected,
    });
  }
}

export function hex64(): string {
  return randomBytes(32).toString('hex');
}

export function accountData() {
  return {
    id: newId('acct'),
    name: `Ünïcødé Ltd — "quoted" 'single' \\ 🚀 ${randomBytes(3).toString('hex')}`,
    email: 'billing+ops@example.com',
    status: 'suspended' as const,
    balance: HUGE,
    spentTotal: TINY,
    lowBalanceThreshold: MAX,
    webhookUrl: 'https://example.test/hooks?a=1&b=ünï',
    webhookSecret: 'whsec_0123456789abcdef',
    lowBalanceAlerted: true,
    lowBalanceWebhookPending: { eventId: 'evt_low_balance_x_1', balance: '-0.5', nested: [1, 'ü'] },
    createdAt: new Date('2020-02-29T23:59:59.999Z'),
    updatedAt: new Date('2021-01-01T00:00:00.001Z'),
  };
}

export function apiKeyData(accountId: string) {
  return {
    id: newId('key'),
    accountId,
    name: 'CI key, “production”',
    keyHash: hex64(),
    prefix: 'kr-AbCdEfG',
    scope: 'management' as const,
    spendLimit: HUGE,
    spentTotal: TINY,
    rateLimitPerMinute: 2_147_483_647,
    tokensPerMinute: 2_147_483_647,
    spendLimitPeriod: 'week' as const,
    periodStart: new Date('2026-11-30T00:00:00.000Z'),
    periodSpent: MAX,
    disabled: true,
    revokedAt: new Date('2026-03-04T05:06:07.089Z'),
    lastUsedAt: new Date('1999-12-31T23:59:59.999Z'),
    createdAt: new Date('2024-06-15T12:00:00.500Z'),
  };
}

export function modelData() {
  return {
    id: `vendor/model-${randomBytes(4).toString('hex')}`,
    displayName: 'Model X — 128k',
    maker: 'Vendor',
    description: 'Line one.\nLine two with "quotes", commas, and ünïcode.',
    modality: 'image',
    capabilities: ['chat', 'tools', 'with,comma', 'with "quote"', 'with {brace}', 'ünï', ''],
    upstreamProvider: 'openrouter',
    upstreamModel: 'vendor/model-x-2026-01-01',
    defaultMaxOutputTokens: 131_072,
    status: 'retired' as const,
    createdAt: new Date('2025-01-01T00:00:00.000Z'),
    updatedAt: new Date('2025-01-02T00:00:00.123Z'),
  };
}

export function providerData() {
  return {
    id: `provider-${randomBytes(4).toString('hex')}`,
    name: 'Provider “Ünï” — EU',
    dialect: 'anthropic' as const,
    baseUrl: 'https://api.example.test/v1?region=eu&x=ünï',
    apiKeyEnv: 'EXAMPLE_API_KEY',
    createdAt: new Date('2025-03-01T00:00:00.000Z'),
    updatedAt: new Date('2025-03-02T00:00:00.456Z'),
  };
}

export function endpointData(modelId: string, providerId: string) {
  return { modelId, providerId, position: 2_147_483_647, upstreamModel: 'vendor/model-x:eu' };
}

export function priceData(modelId: string, providerId: string) {
  return {
    id: newId('price'),
    modelId,
    providerId,
    inputPerMillion: HUGE,
    outputPerMillion: TINY,
    cachedInputPerMillion: '0',
    cacheWriteInputPerMillion: TINY,
    effectiveFrom: new Date('2026-01-01T00:00:00.001Z'),
    createdBy: 'admin:alice',
    createdAt: new Date('2026-01-01T00:00:00.002Z'),
  };
}

export function usageRecordData(ids: {
  accountId: string;
  apiKeyId: string;
  modelId: string;
  priceId: string;
  providerId: string;
}) {
  return {
    id: newId('gen'),
    ...ids,
    surface: 'anthropic' as const,
    streamed: true,
    // Beyond 32 bits, up to the usage event's bound (2^53 - 1).
    inputTokens: 9007199254740991n,
    outputTokens: 1n,
    cachedInputTokens: 2147483648n,
    cacheWriteInputTokens: 2147483649n,
    cost: HUGE,
    estimated: true,
    occurredAt: new Date('2026-02-03T04:05:06.789Z'),
    pricedAt: new Date('2026-02-03T04:05:07.001Z'),
  };
}

/** An account, a key, a model and a price, every field filled; returns what was written. */
export async function createParents(prisma: PrismaClient) {
  const account = accountData();
  await prisma.account.create({ data: account });
  const apiKey = apiKeyData(account.id);
  await prisma.apiKey.create({ data: apiKey });
  const model = modelData();
  await prisma.model.create({ data: model });
  const provider = providerData();
  await prisma.provider.create({ data: provider });
  const price = priceData(model.id, provider.id);
  await prisma.price.create({ data: price });
  return { account, apiKey, model, provider, price };
}

export async function createUsageRecord(prisma: PrismaClient) {
  const { account, apiKey, model, provider, price } = await createParents(prisma);
  const usage = usageRecordData({
    accountId: account.id,
    apiKeyId: apiKey.id,
    modelId: model.id,
    priceId: price.id,
    providerId: provider.id,
  });
  await prisma.usageRecord.create({ data: usage });
  return { account, apiKey, model, provider, price, usage };
}

/** The error a rejected promise carries (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error('Expected the database to refuse this write, but it was accepted.');
    },
    (error: unknown) => error,
  );
}

export async function expectUniqueViolation(promise: Promise<unknown>): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(error.code).toBe('P2002');
}

/**
 * A CHECK violation (SQLSTATE 23514) of the named constraint, not a refusal for another
 * reason. Prisma has no P-code of its own for it: it surfaces the database's code and message.
 */
export async function expectCheckViolation(
  promise: Promise<unknown>,
  constraint: string,
): Promise<void> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
  expect(error.message).toContain('23514');
  expect(error.message).toContain(`violates check constraint "${constraint}"`);
}

// ---------------------------------------------------------------------------------------
