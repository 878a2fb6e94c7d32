import { Inject, Injectable } from '@nestjs/common';
import type { Price } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** A price as an operator appends it; rates are decimal strings, never floats. */
export interface NewPrice {
  id: string;
  modelId: string;
  providerId: string;
  inputPerMillion: string;
  outputPerMillion: string;
  cachedInputPerMillion: string | null;
  cacheWriteInputPerMillion: string | null;
  effectiveFrom: Date;
  createdBy: string;
}

/** The append-only price table: one price list per (model, provider). */
@Injectable()
export class PriceRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  /** The price in effect for a model at a provider at an instant: the latest one effective at or before it. */
  findInEffect(
    modelId: string,
    providerId: string,
    at: Date,
    db: Db = this.prisma,
  ): Promise<Price | null> {
    return db.price.findFirst({
      where: { modelId, providerId, effectiveFrom: { lte: at } },
      orderBy: { effectiveFrom: 'desc' },
    });
  }

  /** Every price of a model (of one provider, or of all), newest effective date first. */
  listForModel(modelId: string, providerId?: string, db: Db = this.prisma): Promise<Price[]> {
    return db.price.findMany({
      where: { modelId, ...(providerId === undefined ? {} : { providerId }) },
      orderBy: { effectiveFrom: 'desc' },
    });
  }

  /** The (model, provider)'s price that takes effect at exactly this instant, if there is one. */
  findEffectiveAt(
    modelId: string,
    providerId: string,
    effectiveFrom: Date,
    db: Db = this.prisma,
  ): Promise<Price | null> {
    return db.price.findUnique({
      where: { modelId_providerId_effectiveFrom: { modelId, providerId, effectiveFrom } },
    });
  }

  /**
   * When the latest request of the model served by the provider occurred, or `null` before
   * its first one. A price effective at or before this instant would re-price requests
   * already charged.
   */
  async latestPricedRequestAt(
    modelId: string,
    providerId: string,
    db: Db = this.prisma,
  ): Promise<Date | null> {
    const { _max } = await db.usageRecord.aggregate({
      where: { modelId, providerId },
      _max: { occurredAt: true },
    });
    return _max.occurredAt;
  }

  /** Appends a price; a second price of the (model, provider) at the same instant is a unique violation. */
  insert(price: NewPrice, db: Db = this.prisma): Promise<Price> {
    return db.price.create({ data: price });
  }

  /** Every price of these models, all providers, newest effective date first. */
  listForModels(modelIds: string[], db: Db = this.prisma): Promise<Price[]> {
    return db.price.findMany({
      where: { modelId: { in: modelIds } },
      orderBy: { effectiveFrom: 'desc' },
    });
  }
}
