import { Injectable } from '@nestjs/common';
import { type Price, PriceRepository } from '@app/database';
import { type PriceRates, toMoney } from '@app/pricing';

export interface PriceRow {
  id: string;
  effectiveFrom: Date;
  rates: PriceRates;
}

// Prices are appended rarely; a miss reloads at once (see inEffect), so the cache only
// has to bound how long a newly effective price can go unseen.
const CACHE_TTL_MS = 10_000;

/**
 * The price table in memory, so a batch is priced without a query per event. The rule is
 * the one the gateway uses: the latest price effective at or before the event's time.
 */
@Injectable()
export class PriceTable {
  private readonly cache = new Map<string, { prices: PriceRow[]; expiresAt: number }>();

  constructor(private readonly prices: PriceRepository) {}

  async inEffect(modelId: string, at: Date): Promise<PriceRow | undefined> {
    const find = (rows: PriceRow[]) =>
      rows.find((row) => row.effectiveFrom.getTime() <= at.getTime());
    const cached = this.cache.get(modelId);
    if (cached && cached.expiresAt > Date.now()) {
      const hit = find(cached.prices);
      if (hit) return hit;
    }
    // A miss may be a price added since the cache was filled: look again before failing.
    return find(await this.reload(modelId));
  }

  private async reload(modelId: string): Promise<PriceRow[]> {
    const rows = (await this.prices.listForModel(modelId)).map(toRow);
    this.cache.set(modelId, { prices: rows, expiresAt: Date.now() + CACHE_TTL_MS });
    return rows;
  }
}

function toRow(price: Price): PriceRow {
  return {
    id: price.id,
    effectiveFrom: price.effectiveFrom,
    rates: {
      inputPerMillion: toMoney(price.inputPerMillion),
      outputPerMillion: toMoney(price.outputPerMillion),
      cachedInputPerMillion:
        price.cachedInputPerMillion === null ? null : toMoney(price.cachedInputPerMillion),
    },
  };
}
