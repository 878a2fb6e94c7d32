import { Injectable } from '@nestjs/common';
import { type Db, type Price, PriceRepository } from '@app/database';
import { priceInEffect, type PriceRates, ratesOf } from '@app/pricing';

export interface PriceRow {
  id: string;
  effectiveFrom: Date;
  rates: PriceRates;
}

/** The prices of some models as read at one moment, for pricing one batch. */
export class PriceSnapshot {
  constructor(private readonly byModel: Map<string, PriceRow[]>) {}

  /** The latest price effective at or before `at`: the rule the gateway uses too. */
  inEffect(modelId: string, at: Date): PriceRow | undefined {
    return priceInEffect(this.byModel.get(modelId) ?? [], at);
  }
}

/**
 * Reads the price table for a batch: one query for all its models. Not cached across
 * batches on purpose: a price appended a moment ago may already be in effect for the
 * events at hand, and a stale list would charge them the previous price.
 */
@Injectable()
export class PriceTable {
  constructor(private readonly prices: PriceRepository) {}

  async snapshot(modelIds: string[], db?: Db): Promise<PriceSnapshot> {
    const byModel = new Map<string, PriceRow[]>();
    for (const price of await this.prices.listForModels([...new Set(modelIds)], db)) {
      const rows = byModel.get(price.modelId) ?? [];
      rows.push(toRow(price));
      byModel.set(price.modelId, rows);
    }
    return new PriceSnapshot(byModel);
  }
}

function toRow(price: Price): PriceRow {
  return {
    id: price.id,
    effectiveFrom: price.effectiveFrom,
    rates: ratesOf(price),
  };
}
