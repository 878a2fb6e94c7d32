import { Injectable } from '@nestjs/common';
import type { ApiSurface, Price, UsageRecord } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export interface NewUsageRecord {
  id: string;
  accountId: string;
  apiKeyId: string;
  modelId: string;
  priceId: string;
  surface: ApiSurface;
  streamed: boolean;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cost: string;
  estimated: boolean;
  occurredAt: Date;
}

/** Priced requests. The primary key is the usage event id: the guard against double charging. */
@Injectable()
export class UsageRecordRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Inserts the record unless one with its id exists; true when this call inserted it. */
  async insertIfAbsent(record: NewUsageRecord, db: Db): Promise<boolean> {
    const { count } = await db.usageRecord.createMany({ data: [record], skipDuplicates: true });
    return count === 1;
  }

  findForAccount(
    id: string,
    accountId: string,
    db: Db = this.prisma,
  ): Promise<(UsageRecord & { price: Price }) | null> {
    return db.usageRecord.findFirst({ where: { id, accountId }, include: { price: true } });
  }
}
