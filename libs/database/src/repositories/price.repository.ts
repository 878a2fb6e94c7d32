import { Injectable } from '@nestjs/common';
import type { Price } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** The append-only price table. */
@Injectable()
export class PriceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The price in effect for a model at an instant: the latest one effective at or before it. */
  findInEffect(modelId: string, at: Date, db: Db = this.prisma): Promise<Price | null> {
    return db.price.findFirst({
      where: { modelId, effectiveFrom: { lte: at } },
      orderBy: { effectiveFrom: 'desc' },
    });
  }

  /** Every price of a model, newest effective date first. */
  listForModel(modelId: string, db: Db = this.prisma): Promise<Price[]> {
    return db.price.findMany({ where: { modelId }, orderBy: { effectiveFrom: 'desc' } });
  }
}
