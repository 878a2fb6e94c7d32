import type { Money } from '@app/pricing';

/** Whether a model is offered. Retired models stay in the catalogue for past usage records. */
export type CatalogueModelStatus = 'active' | 'retired';

/** A model as the public catalogue describes it. */
export interface CatalogueModel {
  /** Model id clients send, e.g. `magistral-medium-latest`. */
  id: string;
  /** Human name, e.g. `Magistral Medium`. */
  displayName: string;
  /** Who makes the model, e.g. `Mistral AI`. */
  maker: string;
  /** One sentence that reads after "<maker>'s ", ending with its own full stop. */
  description: string;
  /** Input/output modality code, e.g. `text`. */
  modality: string;
  /** Capability codes such as `streaming`, `tools`, `vision`, `reasoning`. */
  capabilities: readonly string[];
  /** Only active models are listed; a retired model's page may still be rendered. */
  status: CatalogueModelStatus;
  /**
   * When the model entered the catalogue, used as `created` in `GET /v1/models`. Optional
   * because the pages do not need it; the price date stands in when it is absent.
   */
  createdAt?: Date;
}

/** The price of a model in force now, in US dollars per million tokens. */
export interface CataloguePrice {
  /** Price of uncached input tokens. */
  inputPerMillion: Money;
  /** Price of output tokens. */
  outputPerMillion: Money;
  /** Price of cached input tokens, or `null` when caching is not priced separately. */
  cachedInputPerMillion: Money | null;
  /** When this price took effect. */
  effectiveFrom: Date;
}

/** A model together with its current price. */
export interface CatalogueEntry {
  model: CatalogueModel;
  /** The preferred (first) provider's price. */
  price: CataloguePrice;
  /**
   * Names of the providers that serve the model, in preference order ("served by" on its
   * page). Absent, or the maker alone: the page leaves the row out.
   */
  servedBy?: readonly string[];
}

/** Settings shared by every rendered page. */
export interface PageOptions {
  /** The gateway's public base URL, e.g. `https://keeprouter.com`, without trailing slash. */
  baseUrl: string;
}
