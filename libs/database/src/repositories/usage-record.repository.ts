import { Inject, Injectable } from '@nestjs/common';
import type { ApiSurface, Price, UsageRecord } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export interface NewUsageRecord {
  id: string;
  accountId: string;
  apiKeyId: string;
  modelId: string;
  priceId: string;
  /** The provider that served the request; `priceId` is one of its prices. */
  providerId: string;
  surface: ApiSurface;
  streamed: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  cost: string;
  estimated: boolean;
  occurredAt: Date;
}

/** Priced requests, partitioned by month. The usage event id is the guard against double charging. */
@Injectable()
export class UsageRecordRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  /**
   * Inserts the records whose event ids were never charged, in one statement; returns the
   * ids this call inserted. Callers sort by id so concurrent batches lock in one order.
   *
   * The table is partitioned by month, so its primary key is (id, occurred_at): a
   * redelivery carries the event's own occurred_at and meets ON CONFLICT. The ledger's
   * unpartitioned unique usage_record_id is consulted too, so an id is charged once for
   * ever, even if it came back with another timestamp or after its partition was dropped
   * (two such racing transactions: the ledger's unique index refuses the second, which
   * rolls back and finds the id charged on its retry).
   */
  async insertManyIfAbsent(records: NewUsageRecord[], db: Db): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const column = <K extends keyof NewUsageRecord>(key: K) => records.map((record) => record[key]);
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO usage_records (id, account_id, api_key_id, model_id, price_id, provider_id, surface,
        streamed, input_tokens, output_tokens, cached_input_tokens, cache_write_input_tokens, cost, estimated,
        occurred_at, priced_at)
      SELECT x.*, now() FROM unnest(
        ${column('id')}::text[], ${column('accountId')}::text[], ${column('apiKeyId')}::text[],
        ${column('modelId')}::text[], ${column('priceId')}::text[], ${column('providerId')}::text[],
        ${column('surface')}::text[]::"ApiSurface"[],
        ${column('streamed')}::bool[], ${column('inputTokens')}::bigint[], ${column('outputTokens')}::bigint[],
        ${column('cachedInputTokens')}::bigint[], ${column('cacheWriteInputTokens')}::bigint[],
        ${column('cost')}::numeric[], ${column('estimated')}::bool[],
        ${records.map((record) => record.occurredAt.toISOString())}::timestamptz[]
      ) AS x(id, account_id, api_key_id, model_id, price_id, provider_id, surface, streamed, input_tokens,
             output_tokens, cached_input_tokens, cache_write_input_tokens, cost, estimated, occurred_at)
      WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.usage_record_id = x.id)
      ON CONFLICT (id, occurred_at) DO NOTHING
      RETURNING id`;
    return new Set(rows.map((row) => row.id));
  }

  findForAccount(
    id: string,
    accountId: string,
    db: Db = this.prisma,
  ): Promise<(UsageRecord & { price: Price }) | null> {
    return db.usageRecord.findFirst({ where: { id, accountId }, include: { price: true } });
  }

  /**
   * The account's requests, newest first, before a (time, id) cursor: keyset paging on the
   * (account_id, occurred_at) index, so a page costs the same however deep it is.
   */
  pageForAccount(
    accountId: string,
    options: { before?: { occurredAt: Date; id: string }; limit: number },
    db: Db = this.prisma,
  ): Promise<UsageRecord[]> {
    const before = options.before;
    return db.usageRecord.findMany({
      where: {
        accountId,
        ...(before
          ? {
              OR: [
                { occurredAt: { lt: before.occurredAt } },
                { occurredAt: before.occurredAt, id: { lt: before.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: options.limit,
    });
  }
}
