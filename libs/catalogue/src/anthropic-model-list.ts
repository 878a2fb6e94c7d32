import type { CatalogueEntry } from './catalogue.types';

/** One model as Anthropic's `GET /v1/models` describes it. */
export interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  /** RFC 3339 instant. */
  created_at: string;
}

/** Anthropic's paginated list shape. */
export interface AnthropicModelList {
  data: AnthropicModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Anthropic's page parameters, already validated. */
export interface AnthropicPage {
  limit: number;
  afterId?: string;
  beforeId?: string;
}

/** Anthropic's default and largest page sizes. */
export const ANTHROPIC_DEFAULT_LIMIT = 20;
export const ANTHROPIC_MAX_LIMIT = 1000;

/**
 * A catalogue entry in Anthropic's model shape. `created_at` is the model's `createdAt` when
 * known, else its price's `effectiveFrom`, as for the OpenAI list.
 */
export function anthropicModelInfo(entry: CatalogueEntry): AnthropicModelInfo {
  const { model, price } = entry;
  return {
    type: 'model',
    id: model.id,
    display_name: model.displayName,
    created_at: (model.createdAt ?? price.effectiveFrom).toISOString(),
  };
}

/**
 * One page of the catalogue in Anthropic's list shape, in catalogue order: up to `limit`
 * models after `afterId`, or the `limit` models just before `beforeId`. An id that is not in
 * the list starts from the beginning (after) or gives an empty page (before).
 */
export function anthropicModelList(
  entries: readonly CatalogueEntry[],
  page: AnthropicPage,
): AnthropicModelList {
  const all = entries.map(anthropicModelInfo);
  let start = 0;
  let end = all.length;
  if (page.beforeId !== undefined) {
    end = Math.max(
      0,
      all.findIndex((info) => info.id === page.beforeId),
    );
    start = Math.max(0, end - page.limit);
  } else {
    if (page.afterId !== undefined) {
      start = all.findIndex((info) => info.id === page.afterId) + 1;
    }
    end = Math.min(all.length, start + page.limit);
  }
  const data = all.slice(start, end);
  const hasMore = page.beforeId !== undefined ? start > 0 : end < all.length;
  return {
    data,
    has_more: hasMore,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
  };
}
