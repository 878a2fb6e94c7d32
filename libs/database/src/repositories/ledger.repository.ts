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
}
