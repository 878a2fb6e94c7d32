import { priceInEffect, type PriceRates } from '@app/pricing';

export interface PriceRow {
  id: string;
  providerId: string;
  effectiveFrom: Date;
  rates: PriceRates;
}

// A NUL cannot occur in either id: the pair maps to one key only.
export const priceKeyOf = (modelId: string, providerId: string) => `${modelId}\u0000${providerId}`;

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
    return priceInEffect(this.byModelAndProvider.get(priceKeyOf(modelId, providerId)) ?? [], at);
  }
}
