import { Injectable } from '@nestjs/common';
import { type Price, PriceRepository } from '@app/database';
import { priceInEffect, type PriceRates, ratesOf } from '@app/pricing';

/** A price as the gateway uses it: the rates and which row they came from. */
export interface PriceInEffect {
  id: string;
  effectiveFrom: Date;
  rates: PriceRates;
}

// Prices change rarely and are appended with an effective date, usually in the future;
// a short cache keeps the database off the hot path.
const CACHE_TTL_MS = 30_000;

/**
 * The price table as the gateway sees it, per (model, provider), for holds and for
 * `usage.cost` in answers. It
 * picks the price in effect at an instant exactly as the worker does (the latest price
 * effective at or before it), so the cost shown is the cost charged.
 */
@Injectable()
export class PriceCache {
  private readonly cache = new Map<string, { prices: Price[]; expiresAt: number }>();

  constructor(private readonly prices: PriceRepository) {}

  /** The price of the model at the provider in effect at `at`. */
  async inEffect(
    modelId: string,
    providerId: string,
    at: Date,
  ): Promise<PriceInEffect | undefined> {
    const prices = (await this.pricesOf(modelId)).filter((p) => p.providerId === providerId);
    const price = priceInEffect(prices, at);
    if (!price) return undefined;
    return {
      id: price.id,
      effectiveFrom: price.effectiveFrom,
      rates: ratesOf(price),
    };
  }

  /** Forgets a model's prices (or all), e.g. after an operator added one. */
  invalidate(modelId?: string): void {
    if (modelId === undefined) this.cache.clear();
    else this.cache.delete(modelId);
  }

  private async pricesOf(modelId: string): Promise<Price[]> {
    const cached = this.cache.get(modelId);
    if (cached && cached.expiresAt > Date.now()) return cached.prices;
    const prices = await this.prices.listForModel(modelId);
    this.cache.set(modelId, { prices, expiresAt: Date.now() + CACHE_TTL_MS });
    return prices;
  }
}
