import { createPrismaClient, type PrismaClient } from '@app/database';
import {
  resetDatabase,
  testDatabaseUrl,
  accountData,
  apiKeyData,
  createParents,
  createUsageRecord,
  expectCheckViolation,
  expectUniqueViolation,
  modelData,
  priceData,
  providerData,
  TINY,
  usageRecordData,
} from '@app/testing';

/**
 * The CHECK and unique constraints the migrations add refuse what they must.
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

  describe('the constraints the migration adds refuse what they must', () => {
    it('a negative price (CHECK prices_non_negative_check)', async () => {
      const model = modelData();
      await prisma.model.create({ data: model });
      const provider = providerData();
      await prisma.provider.create({ data: provider });
      const price = () => priceData(model.id, provider.id);
      await expectCheckViolation(
        prisma.price.create({ data: { ...price(), inputPerMillion: `-${TINY}` } }),
        'prices_non_negative_check',
      );
      await expectCheckViolation(
        prisma.price.create({ data: { ...price(), cachedInputPerMillion: '-1' } }),
        'prices_non_negative_check',
      );
      expect(await prisma.price.count({ where: { modelId: model.id } })).toBe(0);
    });

    it('a negative key spend limit (CHECK api_keys_spend_limit_check)', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      await expectCheckViolation(
        prisma.apiKey.create({ data: { ...apiKeyData(account.id), spendLimit: `-${TINY}` } }),
        'api_keys_spend_limit_check',
      );
    });

    it('more cached input tokens than input tokens (CHECK usage_records_non_negative_check)', async () => {
      const { account, apiKey, model, provider, price } = await createParents(prisma);
      const ids = {
        accountId: account.id,
        apiKeyId: apiKey.id,
        modelId: model.id,
        priceId: price.id,
        providerId: provider.id,
      };
      await expectCheckViolation(
        prisma.usageRecord.create({
          data: {
            ...usageRecordData(ids),
            inputTokens: 10,
            cachedInputTokens: 11,
            cacheWriteInputTokens: 0,
          },
        }),
        'usage_records_non_negative_check',
      );
      await expectCheckViolation(
        prisma.usageRecord.create({
          data: {
            ...usageRecordData(ids),
            inputTokens: 10,
            cachedInputTokens: 6,
            cacheWriteInputTokens: 5,
          },
        }),
        'usage_records_cache_write_check',
      );
      await expectCheckViolation(
        prisma.usageRecord.create({ data: { ...usageRecordData(ids), cost: `-${TINY}` } }),
        'usage_records_non_negative_check',
      );
      expect(await prisma.usageRecord.count({ where: { accountId: account.id } })).toBe(0);
    });

    it('a usage entry without a usage record, or another entry with one (CHECK ledger_entries_usage_link_check)', async () => {
      const { account, usage } = await createUsageRecord(prisma);
      const base = { accountId: account.id, amount: '-1', balanceAfter: '-1' };
      await expectCheckViolation(
        prisma.ledgerEntry.create({ data: { ...base, kind: 'usage' } }),
        'ledger_entries_usage_link_check',
      );
      await expectCheckViolation(
        prisma.ledgerEntry.create({ data: { ...base, kind: 'credit', usageRecordId: usage.id } }),
        'ledger_entries_usage_link_check',
      );
    });

    it('a provider key name that is not an environment variable name (CHECK providers_api_key_env_check)', async () => {
      for (const apiKeyEnv of ['sk-live-secret', 'MISTRAL API KEY', '']) {
        await expectCheckViolation(
          prisma.provider.create({ data: { ...providerData(), apiKeyEnv } }),
          'providers_api_key_env_check',
        );
      }
    });

    it('a negative endpoint position (CHECK model_endpoints_position_check)', async () => {
      const { model, provider } = await createParents(prisma);
      await expectCheckViolation(
        prisma.modelEndpoint.create({
          data: { modelId: model.id, providerId: provider.id, position: -1, upstreamModel: 'x' },
        }),
        'model_endpoints_position_check',
      );
    });

    it('two endpoints of a model at one position, or one provider twice (P2002)', async () => {
      const { model, provider } = await createParents(prisma);
      const other = providerData();
      await prisma.provider.create({ data: other });
      const endpoint = { modelId: model.id, position: 0, upstreamModel: 'x' };
      await prisma.modelEndpoint.create({ data: { ...endpoint, providerId: provider.id } });
      await expectUniqueViolation(
        prisma.modelEndpoint.create({ data: { ...endpoint, providerId: other.id } }),
      );
      await expectUniqueViolation(
        prisma.modelEndpoint.create({
          data: { ...endpoint, providerId: provider.id, position: 1 },
        }),
      );
    });

    it('two prices of one (model, provider) at one instant (P2002), but one per provider', async () => {
      const { model, provider, price } = await createParents(prisma);
      await expectUniqueViolation(
        prisma.price.create({
          data: { ...priceData(model.id, provider.id), effectiveFrom: price.effectiveFrom },
        }),
      );
      const other = providerData();
      await prisma.provider.create({ data: other });
      await prisma.price.create({
        data: { ...priceData(model.id, other.id), effectiveFrom: price.effectiveFrom },
      });
      expect(await prisma.price.count({ where: { modelId: model.id } })).toBe(2);
    });

    it('a second ledger entry for the same usage record (P2002)', async () => {
      const { account, usage } = await createUsageRecord(prisma);
      const entry = {
        accountId: account.id,
        kind: 'usage' as const,
        amount: '-1',
        balanceAfter: '-1',
        usageRecordId: usage.id,
      };
      await prisma.ledgerEntry.create({ data: entry });
      await expectUniqueViolation(prisma.ledgerEntry.create({ data: entry }));
      expect(await prisma.ledgerEntry.count({ where: { usageRecordId: usage.id } })).toBe(1);
    });

    it('a usage record id delivered twice (P2002)', async () => {
      const { usage } = await createUsageRecord(prisma);
      await expectUniqueViolation(prisma.usageRecord.create({ data: usage }));
      expect(await prisma.usageRecord.count({ where: { id: usage.id } })).toBe(1);
    });

    it('an Idempotency-Key used twice by one account (P2002)', async () => {
      const account = accountData();
      await prisma.account.create({ data: account });
      const entry = {
        accountId: account.id,
        kind: 'credit' as const,
        amount: '1',
        balanceAfter: '1',
        idempotencyKey: 'idem-twice',
      };
      await prisma.ledgerEntry.create({ data: entry });
      await expectUniqueViolation(prisma.ledgerEntry.create({ data: entry }));
    });
  });
});
