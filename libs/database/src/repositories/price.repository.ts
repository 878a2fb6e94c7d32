import { Injectable } from '@nestjs/common';
import type { Price } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** A price as an operator appends it; rates are decimal strings, never floats. */
export interface NewPrice {
  id: string;
  modelId: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string | null;
  effectiveFrom: Date;
  createdBy: string;
}

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

  /** The model's price that takes effect at exactly this instant, if there is one. */
  findEffectiveAt(
    modelId: string,
    effectiveFrom: Date,
    db: Db = this.prisma,
  ): Promise<Price | null> {
    return db.price.findUnique({ where: { modelId_effectiveFrom: { modelId, effectiveFrom } } });
  }

  /**
   * When the model's latest priced request occurred, or `null` before its first one. A
   * price effective at or before this instant would re-price requests already charged.
   */
  async latestPricedRequestAt(modelId: string, db: Db = this.prisma): Promise<Date | null> {
    const { _max } = await db.usageRecord.aggregate({
      where: { modelId },
      _max: { occurredAt: true },
    });
    return _max.occurredAt;
  }

  /** Appends a price; a second price of the model at the same instant is a unique violation. */
  insert(price: NewPrice, db: Db = this.prisma): Promise<Price> {
    return db.price.create({ data: price });
  }

  /** Every price of these models, newest effective date first. */
  listForModels(modelIds: string[], db: Db = this.prisma): Promise<Price[]> {
    return db.price.findMany({
      where: { modelId: { in: modelIds } },
      orderBy: { effectiveFrom: 'desc' },
    });
  }
}
