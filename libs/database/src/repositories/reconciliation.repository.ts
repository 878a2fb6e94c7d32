import { Injectable } from '@nestjs/common';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** One broken invariant: which check, which row, and the figures that disagree. */
export interface Mismatch {
  check: string;
  id: string;
  detail: string;
}

// Each query returns the rows that break one invariant of API.md; none means it holds.
const CHECKS: Array<{ check: string; sql: string }> = [
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
    check: 'every usage record has its ledger entry',
    sql: `SELECT u.id, 'no ledger entry' AS detail
          FROM usage_records u LEFT JOIN ledger_entries l ON l.usage_record_id = u.id
          WHERE l.id IS NULL`,
  },
  {
    check: "every usage ledger entry debits its record's cost",
    sql: `SELECT l.id::text AS id, 'amount ' || l.amount || ' but cost ' || u.cost AS detail
          FROM ledger_entries l LEFT JOIN usage_records u ON u.id = l.usage_record_id
          WHERE l.kind = 'usage' AND (u.id IS NULL OR l.amount <> -u.cost)`,
  },
  {
    check: 'spent_total equals the usage of the account',
    sql: `SELECT a.id, 'spent_total ' || a.spent_total || ' but usage sums to ' || COALESCE(u.total, 0) AS detail
          FROM accounts a
          LEFT JOIN (SELECT account_id, sum(cost) AS total FROM usage_records GROUP BY account_id) u
            ON u.account_id = a.id
          WHERE a.spent_total <> COALESCE(u.total, 0)`,
  },
  {
    check: "a key's spent_total equals its usage",
    sql: `SELECT k.id, 'spent_total ' || k.spent_total || ' but usage sums to ' || COALESCE(u.total, 0) AS detail
          FROM api_keys k
          LEFT JOIN (SELECT api_key_id, sum(cost) AS total FROM usage_records GROUP BY api_key_id) u
            ON u.api_key_id = k.id
          WHERE k.spent_total <> COALESCE(u.total, 0)`,
  },
];

/** The queries of reconciliation: read-only, whole-table, for the operator and the schedule. */
@Injectable()
export class ReconciliationRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findLedgerMismatches(db: Db = this.prisma): Promise<Mismatch[]> {
    const found: Mismatch[] = [];
    for (const { check, sql } of CHECKS) {
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
