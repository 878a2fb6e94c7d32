import { randomBytes } from 'node:crypto';
import { createPrismaClient, Prisma, type PrismaClient } from '@app/database';
import {
  resetDatabase,
  testDatabaseUrl,
  accountData,
  apiKeyData,
  createUsageRecord,
  expectRoundTrip,
  hex64,
  HUGE,
  MAX,
  modelData,
  endpointData,
  priceData,
  providerData,
  TINY,
} from '@app/testing';

/**
 * Every model round-trips every field through the generated client on the database the
 * project's own migration runner built.
 */
describe('schema.prisma, the generated client and the migrated database agree', () => {
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createPrismaClient(testDatabaseUrl());
    await resetDatabase(prisma);
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  describe('every model round-trips every field through the generated client', () => {
    it('Account', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const read = await prisma.account.findUniqueOrThrow({ where: { id: account.id } });
      expectRoundTrip(prisma, 'Account', account, read);

      const before = Date.now();
      const changes = {
        name: 'Renamed',
        email: null,
        status: 'active' as const,
        balance: `-${HUGE}`,
        spentTotal: MAX,
        lowBalanceThreshold: TINY,
      };
      await prisma.account.update({ where: { id: account.id }, data: changes });
      const reread = await prisma.account.findUniqueOrThrow({ where: { id: account.id } });
      expectRoundTrip(
        prisma,
        'Account',
        { ...account, ...changes, updatedAt: reread.updatedAt },
        reread,
      );
      expect(reread.updatedAt.getTime()).toBeGreaterThan(account.updatedAt.getTime());
      expect(reread.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    });

    it('ApiKey, with its account', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const apiKey = apiKeyData(account.id);
      await prisma.apiKey.create({ data: apiKey });
      const read = await prisma.apiKey.findUniqueOrThrow({
        where: { id: apiKey.id },
        include: { account: true },
      });
      const { account: readAccount, ...readKey } = read;
      expectRoundTrip(prisma, 'ApiKey', apiKey, { ...readKey, account: readAccount }, ['account']);
      expectRoundTrip(prisma, 'Account', account, readAccount);
      expect(await prisma.apiKey.findUniqueOrThrow({ where: { keyHash: apiKey.keyHash } })).toEqual(
        readKey,
      );

      const changes = {
        spendLimit: null,
        disabled: false,
        revokedAt: null,
        lastUsedAt: new Date('2026-12-31T23:59:59.999Z'),
      };
      await prisma.apiKey.update({ where: { id: apiKey.id }, data: changes });
      const reread = await prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
      expectRoundTrip(prisma, 'ApiKey', { ...apiKey, ...changes }, reread);
    });

    it('Provider, and a ModelEndpoint with its model and provider', async () => {
      const provider = providerData();
      await prisma.provider.create({ data: provider });
      const read = await prisma.provider.findUniqueOrThrow({ where: { id: provider.id } });
      expectRoundTrip(prisma, 'Provider', provider, read);

      const model = modelData();
      await prisma.model.create({ data: model });
      const endpoint = endpointData(model.id, provider.id);
      await prisma.modelEndpoint.create({ data: endpoint });
      const readEndpoint = await prisma.modelEndpoint.findUniqueOrThrow({
        where: { modelId_position: { modelId: model.id, position: endpoint.position } },
        include: { model: true, provider: true },
      });
      const { model: readModel, provider: readProvider, ...rest } = readEndpoint;
      expectRoundTrip(prisma, 'ModelEndpoint', endpoint, rest);
      expectRoundTrip(prisma, 'Model', model, readModel);
      expectRoundTrip(prisma, 'Provider', provider, readProvider);

      const changes = { apiKeyEnv: null, dialect: 'openai' as const };
      await prisma.provider.update({ where: { id: provider.id }, data: changes });
      const reread = await prisma.provider.findUniqueOrThrow({ where: { id: provider.id } });
      expectRoundTrip(
        prisma,
        'Provider',
        { ...provider, ...changes, updatedAt: reread.updatedAt },
        reread,
      );
    });

    it('Model, with its prices', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      const provider = providerData();
      await prisma.provider.create({ data: provider });
      const price = priceData(model.id, provider.id);
      await prisma.price.create({ data: price });
      const read = await prisma.model.findUniqueOrThrow({
        where: { id: model.id },
        include: { prices: true },
      });
      const { prices, ...readModel } = read;
      expectRoundTrip(prisma, 'Model', model, readModel);
      expect(prices).toHaveLength(1);
      expectRoundTrip(prisma, 'Price', price, prices[0]);

      const changes = { capabilities: [], status: 'active' as const, description: '' };
      await prisma.model.update({ where: { id: model.id }, data: changes });
      const reread = await prisma.model.findUniqueOrThrow({ where: { id: model.id } });
      expectRoundTrip(
        prisma,
        'Model',
        { ...model, ...changes, updatedAt: reread.updatedAt },
        reread,
      );
      expect(reread.updatedAt.getTime()).toBeGreaterThan(model.updatedAt.getTime());
    });

    it('Price, with its model', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      const provider = providerData();
      await prisma.provider.create({ data: provider });
      const price = priceData(model.id, provider.id);
      await prisma.price.create({ data: price });
      const read = await prisma.price.findUniqueOrThrow({
        where: {
          modelId_providerId_effectiveFrom: {
            modelId: model.id,
            providerId: provider.id,
            effectiveFrom: price.effectiveFrom,
          },
        },
        include: { model: true },
      });
      const { model: readModel, ...readPrice } = read;
      expectRoundTrip(prisma, 'Price', price, readPrice);
      expectRoundTrip(prisma, 'Model', model, readModel);

      const changes = {
        cachedInputPerMillion: null,
        createdBy: 'admin:bob',
        outputPerMillion: MAX,
      };
      await prisma.price.update({ where: { id: price.id }, data: changes });
      const reread = await prisma.price.findUniqueOrThrow({ where: { id: price.id } });
      expectRoundTrip(prisma, 'Price', { ...price, ...changes }, reread);
    });

    it('UsageRecord, with its account, key, model, price and provider', async () => {
      const { account, apiKey, model, provider, price, usage } = await createUsageRecord(prisma);
      // The primary key is (id, occurred_at): the table is partitioned by month of occurred_at.
      const where = { id_occurredAt: { id: usage.id, occurredAt: usage.occurredAt } };
      const read = await prisma.usageRecord.findUniqueOrThrow({
        where,
        include: { account: true, apiKey: true, model: true, price: true, provider: true },
      });
      const relations = ['account', 'apiKey', 'model', 'price', 'provider'];
      expectRoundTrip(prisma, 'UsageRecord', usage, read, relations);
      expectRoundTrip(prisma, 'Account', account, read.account);
      expectRoundTrip(prisma, 'ApiKey', apiKey, read.apiKey);
      expectRoundTrip(prisma, 'Model', model, read.model);
      expectRoundTrip(prisma, 'Price', price, read.price);
      expectRoundTrip(prisma, 'Provider', provider, read.provider);

      const changes = {
        streamed: false,
        estimated: false,
        outputTokens: 0n,
        cachedInputTokens: 0n,
      };
      await prisma.usageRecord.update({ where, data: changes });
      const reread = await prisma.usageRecord.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'UsageRecord', { ...usage, ...changes }, reread);
    });

    it('LedgerEntry, with its account and the id of its usage record', async () => {
      const { account, usage } = await createUsageRecord(prisma);
      const ledger = {
        id: 9007199254740995n, // 2^53 + 3: no Number can hold it
        accountId: account.id,
        kind: 'usage' as const,
        amount: `-${TINY}`,
        balanceAfter: HUGE,
        usageRecordId: usage.id,
        idempotencyKey: 'idem-ledger-1',
        note: 'a note with ünïcode and "quotes"',
        createdAt: new Date('2026-02-03T04:05:07.999Z'),
      };
      await prisma.ledgerEntry.create({ data: ledger });
      const read = await prisma.ledgerEntry.findUniqueOrThrow({
        where: { id: ledger.id },
        include: { account: true },
      });
      expectRoundTrip(prisma, 'LedgerEntry', ledger, read, ['account']);
      expectRoundTrip(prisma, 'Account', account, read.account);
      const byRecord = await prisma.ledgerEntry.findUniqueOrThrow({
        where: { usageRecordId: usage.id },
      });
      expect(byRecord.id).toBe(ledger.id);
      const byKey = await prisma.ledgerEntry.findUniqueOrThrow({
        where: {
          accountId_idempotencyKey: {
            accountId: account.id,
            idempotencyKey: ledger.idempotencyKey,
          },
        },
      });
      expect(byKey.id).toBe(ledger.id);

      const changes = { note: null, idempotencyKey: null, balanceAfter: '0' };
      await prisma.ledgerEntry.update({ where: { id: ledger.id }, data: changes });
      const reread = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: ledger.id } });
      expectRoundTrip(prisma, 'LedgerEntry', { ...ledger, ...changes }, reread);

      // The id is a BIGSERIAL: left out, the database numbers it, and it comes back a bigint.
      const credit = await prisma.ledgerEntry.create({
        data: { accountId: account.id, kind: 'credit', amount: TINY, balanceAfter: TINY },
      });
      expect(typeof credit.id).toBe('bigint');
    });

    it('UsageDailyRollup', async () => {
      const rollup = {
        day: new Date('2026-02-03T00:00:00.000Z'),
        accountId: 'acct_rollup',
        apiKeyId: 'key_rollup',
        modelId: 'model-rollup',
        providerId: 'anthropic',
        requests: 9007199254740993n,
        inputTokens: 9223372036854775807n,
        outputTokens: 0n,
        cachedInputTokens: 9007199254740995n,
        cost: HUGE,
      };
      await prisma.usageDailyRollup.create({ data: rollup });
      const where = {
        accountId_day_apiKeyId_modelId_providerId: {
          accountId: rollup.accountId,
          day: rollup.day,
          apiKeyId: rollup.apiKeyId,
          modelId: rollup.modelId,
          providerId: rollup.providerId,
        },
      };
      const read = await prisma.usageDailyRollup.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'UsageDailyRollup', rollup, read);
      const changes = { requests: 1n, cost: TINY };
      await prisma.usageDailyRollup.update({ where, data: changes });
      const reread = await prisma.usageDailyRollup.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'UsageDailyRollup', { ...rollup, ...changes }, reread);
    });

    it('IdempotencyKey', async () => {
      const key = {
        key: `idem-${randomBytes(6).toString('hex')}`,
        route: 'POST /v1/admin/accounts/:id/credits',
        requestHash: hex64(),
        responseStatus: 201,
        responseBody: {
          id: 'acct_1',
          amount: HUGE,
          nested: { list: [1, -2.5, 0, true, false, null, 'ünï "q" \\'], empty: {}, none: [] },
          nothing: null,
        },
        createdAt: new Date('2026-05-06T07:08:09.010Z'),
      };
      await prisma.idempotencyKey.create({ data: key });
      const where = { route_key: { route: key.route, key: key.key } };
      const read = await prisma.idempotencyKey.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'IdempotencyKey', key, read);

      const changes = { responseStatus: 409, responseBody: [1, 'two', null, { three: 3 }] };
      await prisma.idempotencyKey.update({ where, data: changes });
      const reread = await prisma.idempotencyKey.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'IdempotencyKey', { ...key, ...changes }, reread);
    });

    it('AuditLog', async () => {
      const log = {
        id: 9223372036854775807n, // the largest BIGINT
        actor: 'admin-token:ops',
        action: 'account.credit',
        targetType: 'account',
        targetId: 'acct_1',
        before: { balance: '0', flags: [], meta: { note: null } },
        after: [{ balance: HUGE }, 'ünï', 42, false],
        createdAt: new Date('2026-07-08T09:10:11.012Z'),
      };
      await prisma.auditLog.create({ data: log });
      const read = await prisma.auditLog.findUniqueOrThrow({ where: { id: log.id } });
      expectRoundTrip(prisma, 'AuditLog', log, read);

      // Json? knows two nulls: SQL NULL (DbNull) and the JSON value null (JsonNull).
      await prisma.auditLog.update({
        where: { id: log.id },
        data: { before: Prisma.DbNull, after: Prisma.JsonNull, action: 'account.adjust' },
      });
      const reread = await prisma.auditLog.findUniqueOrThrow({ where: { id: log.id } });
      expectRoundTrip(
        prisma,
        'AuditLog',
        { ...log, before: null, after: null, action: 'account.adjust' },
        reread,
      );
      const [raw] = await prisma.$queryRawUnsafe<{ before_sql_null: boolean; after: string }[]>(
        `SELECT before IS NULL AS before_sql_null, jsonb_typeof(after) AS after
           FROM audit_logs WHERE id = $1`,
        log.id,
      );
      expect(raw).toEqual({ before_sql_null: true, after: 'null' });
    });

    it('UsageOutboxEntry', async () => {
      const entry = {
        eventId: `gen_outbox${randomBytes(6).toString('hex')}`,
        payload: {
          eventId: 'gen_x',
          inputTokens: 1000,
          occurredAt: '2026-11-22T08:00:00.000Z',
          estimated: false,
        },
        createdAt: new Date('2026-11-22T08:00:00.123Z'),
      };
      await prisma.usageOutboxEntry.create({ data: entry });
      const where = { eventId: entry.eventId };
      expectRoundTrip(
        prisma,
        'UsageOutboxEntry',
        entry,
        await prisma.usageOutboxEntry.findUniqueOrThrow({ where }),
      );
      const changes = { payload: { replaced: [1, 'two', null] } };
      await prisma.usageOutboxEntry.update({ where, data: changes });
      const reread = await prisma.usageOutboxEntry.findUniqueOrThrow({ where });
      expectRoundTrip(prisma, 'UsageOutboxEntry', { ...entry, ...changes }, reread);
    });

    it('covers every model of the schema', () => {
      // A model added to the schema needs its round trip above.
      expect(Object.values(Prisma.ModelName).sort()).toEqual(
        [
          'Account',
          'ApiKey',
          'AuditLog',
          'IdempotencyKey',
          'LedgerEntry',
          'Model',
          'ModelEndpoint',
          'Price',
          'Provider',
          'UsageDailyRollup',
          'UsageOutboxEntry',
          'UsageRecord',
        ].sort(),
      );
    });
  });
});
