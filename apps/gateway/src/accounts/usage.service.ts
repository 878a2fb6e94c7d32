import { Injectable } from '@nestjs/common';
import { UsageRollupRepository, type UsageGrouping } from '@app/database';
import { invalidRequest } from '@app/errors';
import { formatMoney, Money } from '@app/pricing';
import type { UsageQueryDto } from './dto/usage-query.dto';

const DEFAULT_RANGE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface UsageRow {
  group: string;
  requests: number;
  input_tokens: number;
  output_tokens: number;
  cost: string;
}

/** Spend per UTC day and model (or key), for charts. */
export interface DailySpend {
  object: 'daily_spend';
  by: 'model' | 'key';
  /** Every UTC day of the range, oldest first, YYYY-MM-DD, days without usage included. */
  days: string[];
  data: Array<{ day: string; group: string; requests: number; cost: string }>;
}

export interface UsageReport {
  object: 'usage';
  start: string;
  end: string;
  group_by: UsageGrouping;
  data: UsageRow[];
  totals: Omit<UsageRow, 'group'>;
}

/**
 * An account's usage over a period, grouped by model, key, provider or day, summed by PostgreSQL
 * from the daily roll-ups (never the raw records). Usage is kept per UTC day, so the
 * period is widened to whole days: `start` down to its day's midnight, `end` up to the
 * next midnight (unless it is one); the answer's `start` and `end` are the days covered.
 */
@Injectable()
export class UsageService {
  constructor(private readonly rollups: UsageRollupRepository) {}

  async report(accountId: string, query: UsageQueryDto): Promise<UsageReport> {
    const asked = query.end ? new Date(query.end) : new Date();
    const askedStart = query.start
      ? new Date(query.start)
      : new Date(asked.getTime() - DEFAULT_RANGE_DAYS * DAY_MS);
    if (askedStart.getTime() >= asked.getTime())
      throw invalidRequest('start must be before end.', 'start');
    const start = new Date(Math.floor(askedStart.getTime() / DAY_MS) * DAY_MS);
    const end = new Date(Math.ceil(asked.getTime() / DAY_MS) * DAY_MS);
    const groupBy = query.group_by ?? 'model';
    const day = (at: Date) => at.toISOString().slice(0, 10);
    const groups = await this.rollups.aggregate(
      accountId,
      { startDay: day(start), endDay: day(end) },
      groupBy,
    );
    const data = groups.map((g) => ({
      group: g.group,
      requests: Number(g.requests),
      input_tokens: Number(g.inputTokens),
      output_tokens: Number(g.outputTokens),
      cost: formatMoney(new Money(g.cost)),
    }));
    return {
      object: 'usage',
      start: start.toISOString(),
      end: end.toISOString(),
      group_by: groupBy,
      data,
      totals: {
        requests: data.reduce((sum, row) => sum + row.requests, 0),
        input_tokens: data.reduce((sum, row) => sum + row.input_tokens, 0),
        output_tokens: data.reduce((sum, row) => sum + row.output_tokens, 0),
        cost: formatMoney(data.reduce((sum, row) => sum.plus(row.cost), new Money(0))),
      },
    };
  }

  /** Spend per UTC day over the last `days` days, today included, by model or by key. */
  async dailySpend(
    accountId: string,
    by: 'model' | 'key',
    days = DEFAULT_RANGE_DAYS,
    now = new Date(),
  ): Promise<DailySpend> {
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS;
    const start = end - days * DAY_MS;
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    const rows = await this.rollups.aggregateDaily(
      accountId,
      { startDay: day(start), endDay: day(end) },
      by,
    );
    return {
      object: 'daily_spend',
      by,
      days: Array.from({ length: days }, (_, i) =>
        new Date(start + i * DAY_MS).toISOString().slice(0, 10),
      ),
      data: rows.map((row) => ({
        day: row.day,
        group: row.group,
        requests: Number(row.requests),
        cost: formatMoney(new Money(row.cost)),
      })),
    };
  }
}
