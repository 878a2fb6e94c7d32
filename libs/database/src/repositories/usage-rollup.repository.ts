import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { ReadPrismaService } from '../read-prisma.service';

/** What a roll-up needs of a charged usage record. */
export interface RollupSource {
  accountId: string;
  apiKeyId: string;
  modelId: string;
  /** The provider that served the request. */
  providerId: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cost: string;
  occurredAt: Date;
}

export type UsageGrouping = 'model' | 'key' | 'provider' | 'day';

export interface UsageAggregate {
  group: string;
  requests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  /** Exact decimal string. */
  cost: string;
}

export interface DailyUsageAggregate {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** A model id or a key id. */
  group: string;
  requests: bigint;
  /** Exact decimal string. */
  cost: string;
}

/**
 * Daily roll-ups per account, key, model and provider (UTC days). The charge adds to them
 * in its own transaction, after the account's balance row is locked, so two batches of
 * one account never update the same roll-up row at once. Reports read them, not the
 * usage records, from the read database when one is configured.
 */
@Injectable()
export class UsageRollupRepository {
  constructor(private readonly reader: ReadPrismaService) {}

  /** Adds the records to their days' roll-ups, in one statement. */
  async addMany(records: RollupSource[], db: Db): Promise<void> {
    if (records.length === 0) return;
    const column = <K extends keyof RollupSource>(key: K) => records.map((record) => record[key]);
    await db.$executeRaw`
      INSERT INTO usage_daily_rollups AS r (day, account_id, api_key_id, model_id, provider_id,
        requests, input_tokens, output_tokens, cached_input_tokens, cost)
      SELECT (x.occurred_at AT TIME ZONE 'UTC')::date, x.account_id, x.api_key_id, x.model_id,
             x.provider_id, count(*), sum(x.input_tokens), sum(x.output_tokens),
             sum(x.cached_input_tokens), sum(x.cost)
      FROM unnest(
        ${column('accountId')}::text[], ${column('apiKeyId')}::text[], ${column('modelId')}::text[],
        ${column('providerId')}::text[],
        ${column('inputTokens')}::bigint[], ${column('outputTokens')}::bigint[],
        ${column('cachedInputTokens')}::bigint[], ${column('cost')}::numeric[],
        ${records.map((record) => record.occurredAt.toISOString())}::timestamptz[]
      ) AS x(account_id, api_key_id, model_id, provider_id, input_tokens, output_tokens,
             cached_input_tokens, cost, occurred_at)
      GROUP BY 1, 2, 3, 4, 5
      ORDER BY 2, 1, 3, 4, 5
      ON CONFLICT (account_id, day, api_key_id, model_id, provider_id) DO UPDATE SET
        requests = r.requests + EXCLUDED.requests,
        input_tokens = r.input_tokens + EXCLUDED.input_tokens,
        output_tokens = r.output_tokens + EXCLUDED.output_tokens,
        cached_input_tokens = r.cached_input_tokens + EXCLUDED.cached_input_tokens,
        cost = r.cost + EXCLUDED.cost`;
  }

  /**
   * Usage of an account over the whole UTC days [startDay, endDay), grouped by model, key,
   * serving provider or day, summed by PostgreSQL from the roll-ups. Costs come back as exact decimal strings.
   */
  async aggregate(
    accountId: string,
    days: { startDay: string; endDay: string },
    groupBy: UsageGrouping,
    db: Db = this.reader,
  ): Promise<UsageAggregate[]> {
    const group = {
      model: Prisma.sql`model_id`,
      key: Prisma.sql`api_key_id`,
      provider: Prisma.sql`provider_id`,
      day: Prisma.sql`to_char(day, 'YYYY-MM-DD')`,
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
      SELECT ${group} AS "group", sum(requests)::bigint AS requests,
             sum(input_tokens)::bigint AS input_tokens, sum(output_tokens)::bigint AS output_tokens,
             sum(cost) AS cost
      FROM usage_daily_rollups
      WHERE account_id = ${accountId} AND day >= ${days.startDay}::date AND day < ${days.endDay}::date
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
   * Spend of an account per UTC day and model (or key) over the whole UTC days
   * [startDay, endDay), from the roll-ups: what the dashboard's charts draw. Costs come
   * back as exact decimal strings.
   */
  async aggregateDaily(
    accountId: string,
    days: { startDay: string; endDay: string },
    by: 'model' | 'key',
    db: Db = this.reader,
  ): Promise<DailyUsageAggregate[]> {
    const group = by === 'model' ? Prisma.sql`model_id` : Prisma.sql`api_key_id`;
    const rows = await db.$queryRaw<
      Array<{ day: string; group: string; requests: bigint; cost: { toString(): string } }>
    >`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, ${group} AS "group",
             sum(requests)::bigint AS requests, sum(cost) AS cost
      FROM usage_daily_rollups
      WHERE account_id = ${accountId} AND day >= ${days.startDay}::date AND day < ${days.endDay}::date
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((row) => ({
      day: row.day,
      group: row.group,
      requests: row.requests,
      cost: row.cost.toString(),
    }));
  }
}
