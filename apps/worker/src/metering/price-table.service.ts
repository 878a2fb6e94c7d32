import { Injectable } from '@nestjs/common';
import { CatalogueRepository, type Db, type Price, PriceRepository } from '@app/database';
import { ratesOf } from '@app/pricing';
import { PriceSnapshot, priceKeyOf, type PriceRow } from './price-snapshot';

/**
 * Reads the price table for a batch: one query for all its models. Not cached across
 * batches on purpose: a price appended a moment ago may already be in effect for the
 * events at hand, and a stale list would charge them the previous price.
 */
@Injectable()
export class PriceTableService {
  constructor(
    private readonly prices: PriceRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async snapshot(modelIds: string[], db?: Db): Promise<PriceSnapshot> {
    const ids = [...new Set(modelIds)];
    const byKey = new Map<string, PriceRow[]>();
    for (const price of await this.prices.listForModels(ids, db)) {
      const key = priceKeyOf(price.modelId, price.providerId);
      const rows = byKey.get(key) ?? [];
      rows.push(toRow(price));
      byKey.set(key, rows);
    }
    return new PriceSnapshot(byKey, await this.catalogue.firstProviders(ids, db));
  }
}

function toRow(price: Price): PriceRow {
  return {
    id: price.id,
    providerId: price.providerId,
    effectiveFrom: price.effectiveFrom,
    rates: ratesOf(price),
  };
}
