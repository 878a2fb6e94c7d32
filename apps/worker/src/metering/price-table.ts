import { Injectable } from '@nestjs/common';
import { CatalogueRepository, type Db, type Price, PriceRepository } from '@app/database';
import { priceInEffect, type PriceRates, ratesOf } from '@app/pricing';

export interface PriceRow {
  id: string;
  providerId: string;
  effectiveFrom: Date;
  rates: PriceRates;
}

/** The prices of some models, per provider, as read at one moment, for pricing one batch. */
export class PriceSnapshot {
  constructor(
    private readonly byModelAndProvider: Map<string, PriceRow[]>,
    private readonly firstProviders: Map<string, string>,
  ) {}

  /**
   * The provider that served an event: the one it names, or (an event from a gateway that
   * predates routing) the model's first endpoint's.
   */
  providerOf(modelId: string, provider: string | undefined): string | undefined {
    return provider ?? this.firstProviders.get(modelId);
  }

  /** The latest price of the (model, provider) effective at or before `at`: the rule the gateway uses too. */
  inEffect(modelId: string, providerId: string, at: Date): PriceRow | undefined {
    return priceInEffect(this.byModelAndProvider.get(keyOf(modelId, providerId)) ?? [], at);
  }
}

/**
 * Reads the price table for a batch: one query for all its models. Not cached across
 * batches on purpose: a price appended a moment ago may already be in effect for the
 * events at hand, and a stale list would charge them the previous price.
 */
@Injectable()
export class PriceTable {
  constructor(
    private readonly prices: PriceRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async snapshot(modelIds: string[], db?: Db): Promise<PriceSnapshot> {
    const ids = [...new Set(modelIds)];
    const byKey = new Map<string, PriceRow[]>();
    for (const price of await this.prices.listForModels(ids, db)) {
      const key = keyOf(price.modelId, price.providerId);
      const rows = byKey.get(key) ?? [];
      rows.push(toRow(price));
      byKey.set(key, rows);
    }
    return new PriceSnapshot(byKey, await this.catalogue.firstProviders(ids, db));
  }
}

// A NUL cannot occur in either id: the pair maps to one key only.
const keyOf = (modelId: string, providerId: string) => `${modelId}\u0000${providerId}`;

function toRow(price: Price): PriceRow {
  return {
    id: price.id,
    providerId: price.providerId,
    effectiveFrom: price.effectiveFrom,
    rates: ratesOf(price),
  };
}
