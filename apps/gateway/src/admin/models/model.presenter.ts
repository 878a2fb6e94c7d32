import type {
  EndpointWithProvider,
  ModelWithEndpoints,
  ModelWithPrice,
  Price,
} from '@app/database';
import { formatMoney, toMoney } from '@app/pricing';

const money = (value: { toString(): string }): string => formatMoney(toMoney(value));

/** A price as the admin API shows it: rates as decimal strings, never JSON numbers. */
export function presentPrice(price: Price) {
  return {
    id: price.id,
    object: 'price',
    model_id: price.modelId,
    provider: price.providerId,
    input_per_million: money(price.inputPerMillion),
    output_per_million: money(price.outputPerMillion),
    cached_input_per_million:
      price.cachedInputPerMillion === null ? null : money(price.cachedInputPerMillion),
    cache_write_input_per_million:
      price.cacheWriteInputPerMillion === null ? null : money(price.cacheWriteInputPerMillion),
    currency: 'usd',
    effective_from: price.effectiveFrom.toISOString(),
    created_by: price.createdBy,
    created_at: price.createdAt.toISOString(),
  };
}

/** An endpoint: which provider serves the model, under which of its own model ids. */
function presentEndpoint(endpoint: EndpointWithProvider) {
  return { provider: endpoint.providerId, upstream_model: endpoint.upstreamModel };
}

/**
 * A model's catalogue fields: what an update changes, and what the audit log keeps.
 * `upstream_provider` / `upstream_model` are the first endpoint's, for older clients.
 */
export function presentModelFields(model: ModelWithEndpoints) {
  return {
    id: model.id,
    object: 'model',
    display_name: model.displayName,
    maker: model.maker,
    description: model.description,
    modality: model.modality,
    capabilities: [...model.capabilities],
    endpoints: model.endpoints.map(presentEndpoint),
    upstream_provider: model.endpoints[0]?.providerId ?? model.upstreamProvider,
    upstream_model: model.endpoints[0]?.upstreamModel ?? model.upstreamModel,
    default_max_output_tokens: model.defaultMaxOutputTokens,
    status: model.status,
    created_at: model.createdAt.toISOString(),
    updated_at: model.updatedAt.toISOString(),
  };
}

/**
 * A model with the price in effect now of each endpoint, and the first endpoint's as
 * `current_price`; `null` when it has none yet (that endpoint cannot serve).
 */
export function presentModel(row: ModelWithPrice) {
  const endpoints = row.endpoints.map(({ endpoint }) => endpoint);
  return {
    ...presentModelFields({ ...row.model, endpoints }),
    endpoints: row.endpoints.map(({ endpoint, price }) => ({
      ...presentEndpoint(endpoint),
      current_price: price === null ? null : presentPrice(price),
    })),
    current_price: row.price === null ? null : presentPrice(row.price),
  };
}
