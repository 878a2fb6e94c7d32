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

  async addSpend(id: string, cost: string, db: Db): Promise<void> {
    await db.apiKey.update({ where: { id }, data: { spentTotal: { increment: cost } } });
  }
}
