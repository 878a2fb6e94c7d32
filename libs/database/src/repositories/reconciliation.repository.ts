import { Inject, Injectable } from '@nestjs/common';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** One broken invariant: which check, which row, and the figures that disagree. */
export interface Mismatch {
  check: string;
  id: string;
  detail: string;
}

// Each query returns the rows that break one invariant of API.md; none means it holds.
// `horizon` is where retention stopped keeping raw usage records ('-infinity' when it
// keeps everything): the roll-ups and the ledger go back further than the records.
function checks(horizon: string): Array<{ check: string; sql: string }> {
  return [
    {
      check: 'balance equals the sum of the ledger',
      sql: `SELECT a.id, 'balance ' || a.balance || ' but ledger sums to ' || COALESCE(l.total, 0) AS detail
            FROM accounts a
            LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id) l
              ON l.account_id = a.id
            WHERE a.balance <> COALESCE(l.total, 0)`,
    },
    {
      check: 'each balance_after follows from the entries before it',
      sql: `SELECT x.id::text AS id, 'balance_after ' || x.balance_after || ' but running sum ' || x.running AS detail
            FROM (SELECT id, balance_after,
                         sum(amount) OVER (PARTITION BY account_id ORDER BY id) AS running
                  FROM ledger_entries) x
            WHERE x.balance_after <> x.running`,
    },
    {
      // The partitioned table's primary key is (id, occurred_at): the charge guarantees one
      // record per event id (through the ledger), and this checks it.
      check: 'one usage record per event id',
      sql: `SELECT id, count(*) || ' usage records' AS detail
            FROM usage_records GROUP BY id HAVING count(*) > 1`,
    },
    {
      check: 'every usage record has its ledger entry',
      sql: `SELECT u.id, 'no ledger entry' AS detail
            FROM usage_records u LEFT JOIN ledger_entries l ON l.usage_record_id = u.id
            WHERE l.id IS NULL`,
    },
    {
      // A record older than the horizon was dropped with its partition; one priced a day
      // or more after the horizon cannot have been.
      check: "every usage ledger entry debits its record's cost",
      sql: `SELECT l.id::text AS id,
                   CASE WHEN u.id IS NULL THEN 'no usage record' ELSE 'amount ' || l.amount || ' but cost ' || u.cost END AS detail
            FROM ledger_entries l LEFT JOIN usage_records u ON u.id = l.usage_record_id
            WHERE l.kind = 'usage'
              AND ((u.id IS NULL AND l.created_at >= '${horizon}'::timestamptz + interval '1 day')
                   OR l.amount <> -u.cost)`,
    },
    {
      check: 'the daily roll-ups equal the usage records',
      sql: `SELECT account_id || '/' || day || '/' || api_key_id || '/' || model_id || '/' || provider_id AS id,
                   'roll-up ' || COALESCE(r.requests, 0) || ' requests, ' || COALESCE(r.input, 0) || ' in, '
                   || COALESCE(r.output, 0) || ' out, ' || COALESCE(r.cached, 0) || ' cached, $' || COALESCE(r.cost, 0)
                   || ' but records ' || COALESCE(u.requests, 0) || ', ' || COALESCE(u.input, 0) || ', '
                   || COALESCE(u.output, 0) || ', ' || COALESCE(u.cached, 0) || ', $' || COALESCE(u.cost, 0) AS detail
            FROM (SELECT account_id, day, api_key_id, model_id, provider_id, sum(requests) AS requests,
                         sum(input_tokens) AS input, sum(output_tokens) AS output,
                         sum(cached_input_tokens) AS cached, sum(cost) AS cost
                    FROM usage_daily_rollups
                   WHERE day >= ('${horizon}'::timestamptz AT TIME ZONE 'UTC')::date
                   GROUP BY 1, 2, 3, 4, 5) r
            FULL JOIN (SELECT account_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, api_key_id,
                              model_id, provider_id, count(*) AS requests, sum(input_tokens) AS input,
                              sum(output_tokens) AS output, sum(cached_input_tokens) AS cached,
                              sum(cost) AS cost
                         FROM usage_records
                        WHERE occurred_at >= '${horizon}'::timestamptz
                        GROUP BY 1, 2, 3, 4, 5) u
              USING (account_id, day, api_key_id, model_id, provider_id)
            WHERE r.requests IS DISTINCT FROM u.requests OR r.input IS DISTINCT FROM u.input
               OR r.output IS DISTINCT FROM u.output OR r.cached IS DISTINCT FROM u.cached
               OR r.cost IS DISTINCT FROM u.cost`,
    },
    {
      check: 'spent_total equals the usage of the account',
      sql: `SELECT a.id, 'spent_total ' || a.spent_total || ' but usage sums to ' || COALESCE(u.total, 0) AS detail
            FROM accounts a
            LEFT JOIN (SELECT account_id, sum(cost) AS total FROM usage_daily_rollups GROUP BY account_id) u
              ON u.account_id = a.id
            WHERE a.spent_total <> COALESCE(u.total, 0)`,
    },
    {
      check: "a key's spent_total equals its usage",
      sql: `SELECT k.id, 'spent_total ' || k.spent_total || ' but usage sums to ' || COALESCE(u.total, 0) AS detail
            FROM api_keys k
            LEFT JOIN (SELECT api_key_id, sum(cost) AS total FROM usage_daily_rollups GROUP BY api_key_id) u
              ON u.api_key_id = k.id
            WHERE k.spent_total <> COALESCE(u.total, 0)`,
    },
  ];
}

/** The queries of reconciliation: read-only, whole-table, for the operator and the schedule. */
@Injectable()
export class ReconciliationRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  /**
   * Every broken invariant of the ledger, the usage records and the roll-ups (spent
   * totals are checked against the roll-ups, which retention keeps; the roll-ups against
   * the records from `horizon` on, where retention keeps them).
   */
  async findLedgerMismatches(horizon?: Date, db: Db = this.prisma): Promise<Mismatch[]> {
    const found: Mismatch[] = [];
    for (const { check, sql } of checks(horizon ? horizon.toISOString() : '-infinity')) {
      const rows = await db.$queryRawUnsafe<Array<{ id: string; detail: string }>>(
        `${sql} LIMIT 100`,
      );
      found.push(...rows.map((row) => ({ check, id: row.id, detail: row.detail })));
    }
    return found;
  }

  /** Which of these ids were priced before the cutoff (a hold for one should have been released by now). */
  async pricedBefore(ids: string[], cutoff: Date, db: Db = this.prisma): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM usage_records WHERE id = ANY(${ids}::text[]) AND priced_at < ${cutoff}`;
    return new Set(rows.map((row) => row.id));
  }
}
