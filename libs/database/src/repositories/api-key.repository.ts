import { Injectable } from '@nestjs/common';
import type { Account, ApiKey, KeyScope } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export type ApiKeyWithAccount = ApiKey & { account: Account };

/** Customer API keys, found by the SHA-256 of their plaintext. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  insert(
    data: {
      id: string;
      accountId: string;
      name: string;
      keyHash: string;
      prefix: string;
      scope: KeyScope;
    },
    db: Db = this.prisma,
  ): Promise<ApiKey> {
    return db.apiKey.create({ data });
  }

  findByHashWithAccount(keyHash: string, db: Db = this.prisma): Promise<ApiKeyWithAccount | null> {
    return db.apiKey.findUnique({ where: { keyHash }, include: { account: true } });
  }

  /** Adds a usage cost to the key's spend; returns the spend after it. */
  async addSpend(id: string, cost: string, db: Db): Promise<string> {
    const key = await db.apiKey.update({
      where: { id },
      data: { spentTotal: { increment: cost } },
      select: { spentTotal: true },
    });
    return key.spentTotal.toString();
  }

  /** The key's spend and its account's latest ledger entry id, from one snapshot. */
  async readSpendState(
    id: string,
    db: Db = this.prisma,
  ): Promise<{ spent: string; version: bigint }> {
    const rows = await db.$queryRaw<Array<{ spent: { toString(): string }; version: bigint }>>`
      SELECT k.spent_total AS spent,
             COALESCE((SELECT max(l.id) FROM ledger_entries l WHERE l.account_id = k.account_id), 0)::bigint AS version
      FROM api_keys k WHERE k.id = ${id}`;
    if (rows.length === 0) throw new Error(`No API key ${id}`);
    return { spent: rows[0].spent.toString(), version: rows[0].version };
  }
}
