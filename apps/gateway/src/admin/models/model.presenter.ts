import type { Model, Price } from '@app/database';
import { formatMoney, toMoney } from '@app/pricing';

const money = (value: { toString(): string }): string => formatMoney(toMoney(value));

/** A price as the admin API shows it: rates as decimal strings, never JSON numbers. */
export function presentPrice(price: Price) {
  return {
    id: price.id,
    object: 'price',
    model_id: price.modelId,
    input_per_million: money(price.inputPerMillion),
    output_per_million: money(price.outputPerMillion),
    cached_input_per_million:
      price.cachedInputPerMillion === null ? null : money(price.cachedInputPerMillion),
    currency: 'usd',
    effective_from: price.effectiveFrom.toISOString(),
    created_by: price.createdBy,
    created_at: price.createdAt.toISOString(),
  };
}

/** A model's catalogue fields: what an update changes, and what the audit log keeps. */
export function presentModelFields(model: Model) {
  return {
    id: model.id,
    object: 'model',
    display_name: model.displayName,
    maker: model.maker,
    description: model.description,
    modality: model.modality,
    capabilities: [...model.capabilities],
    upstream_provider: model.upstreamProvider,
    upstream_model: model.upstreamModel,
    default_max_output_tokens: model.defaultMaxOutputTokens,
    status: model.status,
    created_at: model.createdAt.toISOString(),
    updated_at: model.updatedAt.toISOString(),
  };
}

/** A model with the price in effect now; `null` when it has none yet (it cannot be called). */
export function presentModel(model: Model, currentPrice: Price | null) {
  return {
    ...presentModelFields(model),
    current_price: currentPrice === null ? null : presentPrice(currentPrice),
  };
}
