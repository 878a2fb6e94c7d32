import { Inject, Injectable } from '@nestjs/common';
import type { LedgerEntry, LedgerKind } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export interface NewLedgerEntry {
  accountId: string;
  kind: LedgerKind;
  amount: string;
  balanceAfter: string;
  usageRecordId?: string;
  idempotencyKey?: string;
  note?: string | null;
}

/** The ledger: every movement of every balance, append-only. */
@Injectable()
export class LedgerRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  append(entry: NewLedgerEntry, db: Db = this.prisma): Promise<LedgerEntry> {
    return db.ledgerEntry.create({ data: entry });
  }

  /**
   * Appends usage entries in one statement, in the given order (ids increase with it);
   * returns their ids in that order.
   */
  async appendUsageEntries(
    entries: Array<{
      accountId: string;
      amount: string;
      balanceAfter: string;
      usageRecordId: string;
    }>,
    db: Db,
  ): Promise<bigint[]> {
    if (entries.length === 0) return [];
    const rows = await db.$queryRaw<Array<{ id: bigint; usage_record_id: string }>>`
      INSERT INTO ledger_entries (account_id, kind, amount, balance_after, usage_record_id)
      SELECT x.account_id, 'usage', x.amount, x.balance_after, x.usage_record_id
      FROM unnest(
        ${entries.map((e) => e.accountId)}::text[], ${entries.map((e) => e.amount)}::numeric[],
        ${entries.map((e) => e.balanceAfter)}::numeric[], ${entries.map((e) => e.usageRecordId)}::text[]
      ) WITH ORDINALITY AS x(account_id, amount, balance_after, usage_record_id, n)
      ORDER BY x.n
      RETURNING id, usage_record_id`;
    const ids = new Map(rows.map((row) => [row.usage_record_id, row.id]));
    return entries.map((entry) => ids.get(entry.usageRecordId)!);
  }

  /**
   * A page of the account's ledger, newest first, after the cursor (an entry id). Keyset
   * pagination on the id: an entry committed later has a higher id and can only appear
   * before the first page, so pages never repeat or skip what existed when paging began.
   */
  pageForAccount(
    accountId: string,
    options: { before?: bigint; limit: number },
    db: Db = this.prisma,
  ): Promise<LedgerEntry[]> {
    return db.ledgerEntry.findMany({
      where: { accountId, ...(options.before !== undefined ? { id: { lt: options.before } } : {}) },
      orderBy: { id: 'desc' },
      take: options.limit,
    });
  }
}
