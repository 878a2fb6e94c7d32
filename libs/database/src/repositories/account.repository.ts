import { Inject, Injectable } from '@nestjs/common';
import type { Account, Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** Accounts and their balance row: the only row a charge locks. */
@Injectable()
export class AccountRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  insert(
    data: { id: string; name: string; email?: string | null },
    db: Db = this.prisma,
  ): Promise<Account> {
    return db.account.create({ data: { id: data.id, name: data.name, email: data.email ?? null } });
  }

  findById(id: string, db: Db = this.prisma): Promise<Account | null> {
    return db.account.findUnique({ where: { id } });
  }

  /**
   * Adds a signed amount (a credit or an operator's adjustment) to the balance in one
   * atomic UPDATE and returns the balance after it. Usage goes through `debitUsage`.
   */
  async applyToBalance(id: string, amount: string, db: Db): Promise<string> {
    const account = await db.account.update({
      where: { id },
      data: { balance: { increment: amount } },
      select: { balance: true },
    });
    return account.balance.toString();
  }

  /**
   * The balance and the id of the account's latest ledger entry, read in one statement
   * (one snapshot), so the pair is consistent: the version of a cached balance.
   */
  async readBalanceState(
    id: string,
    db: Db = this.prisma,
  ): Promise<{ balance: string; version: bigint }> {
    const rows = await db.$queryRaw<Array<{ balance: { toString(): string }; version: bigint }>>`
      SELECT a.balance,
             COALESCE((SELECT max(l.id) FROM ledger_entries l WHERE l.account_id = a.id), 0)::bigint AS version
      FROM accounts a WHERE a.id = ${id}`;
    if (rows.length === 0) throw new Error(`No account ${id}`);
    return { balance: rows[0].balance.toString(), version: rows[0].version };
  }

  /** Accounts by id ascending after the cursor, optionally matching a name or email fragment. */
  page(
    options: { after?: string; limit: number; search?: string },
    db: Db = this.prisma,
  ): Promise<Account[]> {
    const search = options.search
      ? {
          OR: [
            { name: { contains: options.search, mode: 'insensitive' as const } },
            { email: { contains: options.search, mode: 'insensitive' as const } },
            { id: options.search },
          ],
        }
      : {};
    return db.account.findMany({
      where: { ...search, ...(options.after ? { id: { gt: options.after } } : {}) },
      orderBy: { id: 'asc' },
      take: options.limit,
    });
  }

  /**
   * Debits usage from several accounts in one statement: balance − total, spent_total +
   * total. Locks the rows in id order first, so concurrent batches never deadlock.
   * Returns each account's balance after the debit.
   */
  async debitUsage(
    totals: Array<{ accountId: string; total: string }>,
    db: Db,
  ): Promise<Map<string, string>> {
    const sorted = [...totals].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    const ids = sorted.map((t) => t.accountId);
    await db.$queryRaw`SELECT id FROM accounts WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
    const rows = await db.$queryRaw<Array<{ id: string; balance: { toString(): string } }>>`
      UPDATE accounts AS a
      SET balance = a.balance - x.total, spent_total = a.spent_total + x.total, updated_at = now()
      FROM unnest(${ids}::text[], ${sorted.map((t) => t.total)}::numeric[]) AS x(id, total)
      WHERE a.id = x.id
      RETURNING a.id, a.balance`;
    return new Map(rows.map((row) => [row.id, row.balance.toString()]));
  }

  update(
    id: string,
    data: Pick<
      Prisma.AccountUpdateInput,
      'name' | 'email' | 'status' | 'lowBalanceThreshold' | 'webhookUrl' | 'webhookSecret'
    >,
    db: Db = this.prisma,
  ): Promise<Account> {
    return db.account.update({ where: { id }, data });
  }

  /**
   * Of these accounts, those whose balance just fell below their low-balance threshold
   * and were not alerted yet: marks them alerted, in the caller's transaction, so each
   * crossing yields exactly one webhook.
   */
  async markLowBalanceCrossings(ids: string[], db: Db): Promise<LowBalanceCrossing[]> {
    if (ids.length === 0) return [];
    const rows = await db.$queryRaw<
      Array<{
        id: string;
        balance: { toString(): string };
        low_balance_threshold: { toString(): string };
      }>
    >`
      UPDATE accounts SET low_balance_alerted = true
      WHERE id = ANY(${ids}::text[]) AND NOT low_balance_alerted AND webhook_url IS NOT NULL
        AND low_balance_threshold IS NOT NULL AND balance < low_balance_threshold
      RETURNING id, balance, low_balance_threshold`;
    return rows.map((row) => ({
      accountId: row.id,
      balance: row.balance.toString(),
      threshold: row.low_balance_threshold.toString(),
    }));
  }

  /** Records a crossing's webhook, in the charge's transaction, until it is handed to the queue. */
  async setPendingLowBalanceWebhook(id: string, webhook: object, db: Db): Promise<void> {
    await db.$executeRaw`
      UPDATE accounts SET low_balance_webhook_pending = ${JSON.stringify(webhook)}::jsonb
      WHERE id = ${id}`;
  }

  /** The crossings of these accounts whose webhook is not in the queue yet. */
  async findPendingLowBalanceWebhooks(ids: string[], db: Db = this.prisma): Promise<unknown[]> {
    if (ids.length === 0) return [];
    const rows = await db.$queryRaw<Array<{ webhook: unknown }>>`
      SELECT low_balance_webhook_pending AS webhook FROM accounts
      WHERE id = ANY(${ids}::text[]) AND low_balance_webhook_pending IS NOT NULL`;
    return rows.map((row) => row.webhook);
  }

  /** The webhook is in the queue: the crossing is sent (unless a newer one replaced it). */
  async clearPendingLowBalanceWebhook(
    id: string,
    eventId: string,
    db: Db = this.prisma,
  ): Promise<void> {
    await db.$executeRaw`
      UPDATE accounts SET low_balance_webhook_pending = NULL
      WHERE id = ${id} AND low_balance_webhook_pending->>'eventId' = ${eventId}`;
  }

  /** After a credit: an account back at or above its threshold may be alerted again. */
  async rearmLowBalanceAlert(id: string, db: Db): Promise<void> {
    await db.$executeRaw`
      UPDATE accounts SET low_balance_alerted = false
      WHERE id = ${id} AND low_balance_alerted AND balance >= low_balance_threshold`;
  }
}

export interface LowBalanceCrossing {
  accountId: string;
  balance: string;
  threshold: string;
}
