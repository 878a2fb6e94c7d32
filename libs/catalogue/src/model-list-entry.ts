import { formatMoney } from '@app/pricing';
import type { CatalogueEntry } from './catalogue.types';

/** Prices of a model in a `GET /v1/models` item; amounts are plain decimal strings. */
export interface ModelListPricing {
  /** e.g. `'2'`, `'0.2'`: decimal strings, never JSON numbers, so no float touches money. */
  input_per_million: string;
  output_per_million: string;
  cached_input_per_million: string | null;
  currency: 'usd';
  /** ISO 8601 instant the price took effect. */
  effective_from: string;
}

/** One item of the OpenAI-compatible `GET /v1/models` list, with KeepRouter's extra fields. */
export interface ModelListEntry {
  id: string;
  object: 'model';
  /** Unix seconds. */
  created: number;
  /** Maker slug, e.g. `mistralai`. */
  owned_by: string;
  name: string;
  description: string;
  capabilities: string[];
  pricing: ModelListPricing;
}

/**
 * Maps a catalogue entry to a `GET /v1/models` item.
 *
 * `created` is the model's `createdAt` when known, otherwise its price's `effectiveFrom`:
 * OpenAI clients expect a number there, and the price date is the best stand-in we have.
 */
export function modelListEntry(entry: CatalogueEntry): ModelListEntry {
  const { model, price } = entry;
  const created = model.createdAt ?? price.effectiveFrom;
  return {
    id: model.id,
    object: 'model',
    created: Math.floor(created.getTime() / 1000),
    owned_by: makerSlug(model.maker),
    name: model.displayName,
    description: model.description,
    capabilities: [...model.capabilities],
    pricing: {
      input_per_million: formatMoney(price.inputPerMillion),
      output_per_million: formatMoney(price.outputPerMillion),
      cached_input_per_million:
        price.cachedInputPerMillion === null ? null : formatMoney(price.cachedInputPerMillion),
      currency: 'usd',
      effective_from: price.effectiveFrom.toISOString(),
    },
  };
}

/**
 * Lower-case letters and digits of the maker's name, accents dropped:
 * `Mistral AI` becomes `mistralai`, as in OpenRouter-style `owned_by` values.
 */
export function makerSlug(maker: string): string {
  const slug = maker
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return slug === '' ? 'unknown' : slug;
}
