import { Injectable } from '@nestjs/common';
import type { ModelWithEndpoints } from '@app/database';
import { DomainError, ErrorCode, invalidRequest } from '@app/errors';
import { PriceCache, type PriceInEffect } from '../price.cache';
import { ProviderCache, type ResolvedProvider } from './provider.cache';
import { applyPreference, parseProviderPreference } from './provider-preference';
import type { UpstreamDialect } from './upstream-dialect';

/** One way to serve a call: a provider, its model id, its dialect, its price in effect. */
export interface UpstreamEndpoint {
  provider: ResolvedProvider;
  providerId: string;
  upstreamModel: string;
  dialect: UpstreamDialect;
  price: PriceInEffect;
}

/**
 * The endpoints an admitted call may use, in the order to try them: the model's endpoints
 * in preference order, reordered or narrowed by the request's own `provider` preference,
 * each with the price of its provider in effect at admission. An endpoint whose provider
 * has no price in effect is left out: it could only serve for free or at an unknown cost.
 */
@Injectable()
export class UpstreamRouterService {
  constructor(
    private readonly providers: ProviderCache,
    private readonly prices: PriceCache,
  ) {}

  async route(
    model: ModelWithEndpoints,
    providerField: unknown,
    at: Date,
  ): Promise<UpstreamEndpoint[]> {
    const providers = await this.providers.all();
    const preference = parseProviderPreference(providerField, (id) => providers.has(id));
    const candidates = applyPreference(model.endpoints, preference);
    if (candidates.length === 0) {
      throw invalidRequest(
        `None of the providers in provider.order serve '${model.id}'.`,
        'provider',
      );
    }
    const route: UpstreamEndpoint[] = [];
    for (const endpoint of candidates) {
      const provider = providers.get(endpoint.providerId);
      const price = await this.prices.inEffect(model.id, endpoint.providerId, at);
      if (!provider || !price) continue;
      route.push({
        provider,
        providerId: provider.id,
        upstreamModel: endpoint.upstreamModel,
        dialect: provider.dialect,
        price,
      });
    }
    if (route.length === 0) {
      // Serving it would either give it away or charge an unknown amount.
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        `The model '${model.id}' has no price in effect yet.`,
      );
    }
    return route;
  }
}
