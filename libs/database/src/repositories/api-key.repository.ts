import { Inject, Injectable } from '@nestjs/common';
import type {
  Account,
  ApiKey,
  KeyScope,
  Prisma,
  SpendLimitPeriod,
} from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export type ApiKeyWithAccount = ApiKey & { account: Account };

/** A key's spend for ever and in its current budget window, as decimal strings. */
export interface KeySpendState {
  spent: string;
  periodSpent: string;
  periodStart: Date | null;
}

type Dec = { toString(): string };

/** Customer API keys, found by the SHA-256 of their plaintext. */
@Injectable()
export class ApiKeyRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  insert(
    data: {
      id: string;
      accountId: string;
      name: string;
      keyHash: string;
      prefix: string;
      scope: KeyScope;
      spendLimit?: string | null;
      spendLimitPeriod?: SpendLimitPeriod | null;
      rateLimitPerMinute?: number | null;
      tokensPerMinute?: number | null;
    },
    db: Db = this.prisma,
  ): Promise<ApiKey> {
    return db.apiKey.create({ data });
  }

  findByHashWithAccount(keyHash: string, db: Db = this.prisma): Promise<ApiKeyWithAccount | null> {
    return db.apiKey.findUnique({ where: { keyHash }, include: { account: true } });
  }

  findByIdWithAccount(id: string, db: Db = this.prisma): Promise<ApiKeyWithAccount | null> {
    return db.apiKey.findUnique({ where: { id }, include: { account: true } });
  }

  /** Adds a usage cost to the key's spend and marks it used; returns the spend after it. */
  async addSpend(id: string, cost: string, usedAt: Date, db: Db): Promise<string> {
    const key = await db.apiKey.update({
      where: { id },
      data: { spentTotal: { increment: cost }, lastUsedAt: usedAt },
      select: { spentTotal: true },
    });
    return key.spentTotal.toString();
  }

  /** The key's spend (for ever and in its window) and its account's latest ledger entry id, from one snapshot. */
  async readSpendState(
    id: string,
    db: Db = this.prisma,
  ): Promise<KeySpendState & { version: bigint }> {
    const rows = await db.$queryRaw<
      Array<{ spent: Dec; period_spent: Dec; period_start: Date | null; version: bigint }>
    >`
      SELECT k.spent_total AS spent, k.period_spent, k.period_start,
             COALESCE((SELECT max(l.id) FROM ledger_entries l WHERE l.account_id = k.account_id), 0)::bigint AS version
      FROM api_keys k WHERE k.id = ${id}`;
    if (rows.length === 0) throw new Error(`No API key ${id}`);
    return { ...spendState(rows[0]), version: rows[0].version };
  }

  /**
   * Sets the key's budget window (null: for ever) and its spend in the window that has
   * begun, summed from its usage records: a day limit set at noon counts the morning. The
   * row is locked first, so a concurrent charge adds to the new window after this commits.
   */
  async setSpendLimitPeriod(id: string, period: SpendLimitPeriod | null, db: Db): Promise<void> {
    await db.$queryRaw`SELECT id FROM api_keys WHERE id = ${id} FOR UPDATE`;
    if (period === null) {
      await db.$executeRaw`
        UPDATE api_keys SET spend_limit_period = NULL, period_start = NULL, period_spent = 0
        WHERE id = ${id}`;
      return;
    }
    await db.$executeRaw`
      WITH w AS (SELECT date_trunc(${period}, now(), 'UTC') AS start)
      UPDATE api_keys AS k
      SET spend_limit_period = ${period}::"SpendLimitPeriod", period_start = w.start,
          period_spent = COALESCE((
            SELECT sum(u.cost) FROM usage_records u
            WHERE u.account_id = k.account_id AND u.api_key_id = k.id AND u.occurred_at >= w.start
          ), 0)
      FROM w WHERE k.id = ${id}`;
  }

  /** The account's keys, newest first, revoked ones included (they are history). */
  listForAccount(accountId: string, db: Db = this.prisma): Promise<ApiKey[]> {
    return db.apiKey.findMany({
      where: { accountId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }

  findForAccount(id: string, accountId: string, db: Db = this.prisma): Promise<ApiKey | null> {
    return db.apiKey.findFirst({ where: { id, accountId } });
  }

  update(
    id: string,
    data: Pick<
      Prisma.ApiKeyUpdateInput,
      'name' | 'disabled' | 'spendLimit' | 'revokedAt' | 'rateLimitPerMinute' | 'tokensPerMinute'
    >,
    db: Db = this.prisma,
  ): Promise<ApiKey> {
    return db.apiKey.update({ where: { id }, data });
  }

  /**
   * The account's usable management keys, locked until the transaction ends: two
   * concurrent revocations cannot both see "another one is left".
   */
  async lockActiveManagementKeyIds(accountId: string, db: Db): Promise<string[]> {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM api_keys
      WHERE account_id = ${accountId} AND scope = 'management' AND revoked_at IS NULL AND NOT disabled
      FOR UPDATE`;
    return rows.map((row) => row.id);
  }

  /**
   * Adds usage to several keys in one statement: each record's cost to its key's spend for
   * ever, and to its spend in the budget window the request was made in (a record of a
   * window already closed adds nothing to the current one; one of a newer window starts
   * it). The keys are locked in id order first, so the window read is the committed one.
   * Returns each key's spend after it.
   */
  async addSpendMany(
    records: Array<{ keyId: string; cost: string; occurredAt: Date }>,
    db: Db,
  ): Promise<Map<string, KeySpendState>> {
    const keyIds = [...new Set(records.map((r) => r.keyId))].sort();
    const rows = await db.$queryRaw<
      Array<{ id: string; spent_total: Dec; period_spent: Dec; period_start: Date | null }>
    >`
      WITH locked AS (
        SELECT id, spend_limit_period FROM api_keys WHERE id = ANY(${keyIds}::text[])
        ORDER BY id FOR UPDATE
      ), r AS (
        SELECT * FROM unnest(
          ${records.map((r) => r.keyId)}::text[], ${records.map((r) => r.cost)}::numeric[],
          ${records.map((r) => r.occurredAt.toISOString())}::timestamptz[]
        ) AS r(id, cost, occurred_at)
      ), w AS (
        SELECT r.id, r.cost, r.occurred_at,
               CASE WHEN l.spend_limit_period IS NULL THEN NULL
                    ELSE date_trunc(l.spend_limit_period::text, r.occurred_at, 'UTC') END AS win
        FROM r JOIN locked l ON l.id = r.id
      ), latest AS (
        SELECT id, max(win) AS win FROM w GROUP BY id
      ), agg AS (
        SELECT w.id, sum(w.cost) AS total, max(w.occurred_at) AS used_at, l.win,
               COALESCE(sum(w.cost) FILTER (WHERE w.win = l.win), 0) AS win_total
        FROM w JOIN latest l ON l.id = w.id GROUP BY w.id, l.win
      )
      UPDATE api_keys AS k
      SET spent_total = k.spent_total + agg.total,
          last_used_at = GREATEST(k.last_used_at, agg.used_at),
          period_spent = CASE
            WHEN agg.win IS NULL THEN k.period_spent
            WHEN k.period_start IS NULL OR agg.win > k.period_start THEN agg.win_total
            WHEN agg.win = k.period_start THEN k.period_spent + agg.win_total
            ELSE k.period_spent END,
          period_start = CASE WHEN agg.win IS NULL THEN k.period_start
            ELSE GREATEST(k.period_start, agg.win) END
      FROM agg WHERE k.id = agg.id
      RETURNING k.id, k.spent_total, k.period_spent, k.period_start`;
    return new Map(rows.map((row) => [row.id, spendState(row)]));
  }
}

function spendState(row: {
  spent?: Dec;
  spent_total?: Dec;
  period_spent: Dec;
  period_start: Date | null;
}): KeySpendState {
  return {
    spent: (row.spent ?? row.spent_total)!.toString(),
    periodSpent: row.period_spent.toString(),
    periodStart: row.period_start,
  };
}
