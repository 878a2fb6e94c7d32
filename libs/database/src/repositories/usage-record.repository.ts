import { Injectable } from '@nestjs/common';
import { Prisma, type ApiSurface, type Price, type UsageRecord } from '../generated/prisma/client';
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
  cost: string;
  estimated: boolean;
  occurredAt: Date;
}

/** Priced requests. The primary key is the usage event id: the guard against double charging. */
@Injectable()
export class UsageRecordRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Inserts the records whose ids are not taken yet, in one statement; returns the ids
   * this call inserted. Callers sort by id so concurrent batches lock in one order.
   */
  async insertManyIfAbsent(records: NewUsageRecord[], db: Db): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const column = <K extends keyof NewUsageRecord>(key: K) => records.map((record) => record[key]);
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      INSERT INTO usage_records (id, account_id, api_key_id, model_id, price_id, provider_id, surface,
        streamed, input_tokens, output_tokens, cached_input_tokens, cost, estimated, occurred_at, priced_at)
      SELECT x.*, now() FROM unnest(
        ${column('id')}::text[], ${column('accountId')}::text[], ${column('apiKeyId')}::text[],
        ${column('modelId')}::text[], ${column('priceId')}::text[], ${column('providerId')}::text[],
        ${column('surface')}::text[]::"ApiSurface"[],
        ${column('streamed')}::bool[], ${column('inputTokens')}::bigint[], ${column('outputTokens')}::bigint[],
        ${column('cachedInputTokens')}::bigint[], ${column('cost')}::numeric[], ${column('estimated')}::bool[],
        ${records.map((record) => record.occurredAt.toISOString())}::timestamptz[]
      ) AS x
      ON CONFLICT (id) DO NOTHING
      RETURNING id`;
    return new Set(rows.map((row) => row.id));
  }

  /** Inserts the record unless one with its id exists; true when this call inserted it. */
  async insertIfAbsent(record: NewUsageRecord, db: Db): Promise<boolean> {
    const { count } = await db.usageRecord.createMany({ data: [record], skipDuplicates: true });
    return count === 1;
  }

  findForAccount(
    id: string,
    accountId: string,
    db: Db = this.prisma,
  ): Promise<(UsageRecord & { price: Price }) | null> {
    return db.usageRecord.findFirst({ where: { id, accountId }, include: { price: true } });
  }

  /**
   * Usage of an account in [start, end), grouped by model, key, serving provider or UTC day, summed in SQL
   * (an account may have millions of records). Costs come back as exact decimal strings.
   */
  async aggregate(
    accountId: string,
    range: { start: Date; end: Date },
    groupBy: UsageGrouping,
    db: Db = this.prisma,
  ): Promise<UsageAggregate[]> {
    const group = {
      model: Prisma.sql`model_id`,
      key: Prisma.sql`api_key_id`,
      provider: Prisma.sql`provider_id`,
      day: Prisma.sql`to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    }[groupBy];
    const rows = await db.$queryRaw<
      Array<{
        group: string;
        requests: bigint;
        input_tokens: bigint;
        output_tokens: bigint;
        cost: { toString(): string };
      }>
    >`
      SELECT ${group} AS "group", count(*)::bigint AS requests,
             sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens,
             sum(cost) AS cost
      FROM usage_records
      WHERE account_id = ${accountId} AND occurred_at >= ${range.start} AND occurred_at < ${range.end}
      GROUP BY 1 ORDER BY ${group} COLLATE "C"`;
    return rows.map((row) => ({
      group: row.group,
      requests: row.requests,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      cost: row.cost.toString(),
    }));
  }

  /**
   * Spend of an account per UTC day and model (or key) in [start, end), summed in SQL:
   * what the dashboard's charts draw. Costs come back as exact decimal strings.
   */
  async aggregateDaily(
    accountId: string,
    range: { start: Date; end: Date },
    by: 'model' | 'key',
    db: Db = this.prisma,
  ): Promise<DailyUsageAggregate[]> {
    const group = by === 'model' ? Prisma.sql`model_id` : Prisma.sql`api_key_id`;
    const rows = await db.$queryRaw<
      Array<{ day: string; group: string; requests: bigint; cost: { toString(): string } }>
    >`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${group} AS "group",
             count(*)::bigint AS requests, sum(cost) AS cost
      FROM usage_records
      WHERE account_id = ${accountId} AND occurred_at >= ${range.start} AND occurred_at < ${range.end}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((row) => ({
      day: row.day,
      group: row.group,
      requests: row.requests,
      cost: row.cost.toString(),
    }));
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

  /** The latest time at which a request of the model was priced, if any. */
  async latestOccurrenceOfModel(modelId: string, db: Db = this.prisma): Promise<Date | null> {
    const latest = await db.usageRecord.aggregate({
      where: { modelId },
      _max: { occurredAt: true },
    });
    return latest._max.occurredAt;
  }
}

export type UsageGrouping = 'model' | 'key' | 'provider' | 'day';

export interface DailyUsageAggregate {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** A model id or a key id. */
  group: string;
  requests: bigint;
  /** Exact decimal string. */
  cost: string;
}

export interface UsageAggregate {
  group: string;
  requests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  /** Exact decimal string. */
  cost: string;
}
