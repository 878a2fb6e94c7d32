import { Inject, Injectable } from '@nestjs/common';
import type { Account, ApiKey, KeyScope, Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export type ApiKeyWithAccount = ApiKey & { account: Account };

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
      'name' | 'disabled' | 'spendLimit' | 'revokedAt' | 'rateLimitPerMinute'
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

  /** Adds usage spend to several keys in one statement (in id order); returns each key's spend after it. */
  async addSpendMany(
    totals: Array<{ keyId: string; total: string; usedAt: Date }>,
    db: Db,
  ): Promise<Map<string, string>> {
    const sorted = [...totals].sort((a, b) => (a.keyId < b.keyId ? -1 : 1));
    const rows = await db.$queryRaw<Array<{ id: string; spent_total: { toString(): string } }>>`
      UPDATE api_keys AS k
      SET spent_total = k.spent_total + x.total,
          last_used_at = GREATEST(k.last_used_at, x.used_at)
      FROM unnest(
        ${sorted.map((t) => t.keyId)}::text[], ${sorted.map((t) => t.total)}::numeric[],
        ${sorted.map((t) => t.usedAt.toISOString())}::timestamptz[]
      ) AS x(id, total, used_at)
      WHERE k.id = x.id
      RETURNING k.id, k.spent_total`;
    return new Map(rows.map((row) => [row.id, row.spent_total.toString()]));
  }
}
