import { Injectable } from '@nestjs/common';
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
  constructor(private readonly prisma: PrismaService) {}

  append(entry: NewLedgerEntry, db: Db = this.prisma): Promise<LedgerEntry> {
    return db.ledgerEntry.create({ data: entry });
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
