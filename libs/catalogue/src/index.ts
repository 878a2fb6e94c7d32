export type {
  CatalogueEntry,
  CatalogueModel,
  CatalogueModelStatus,
  CataloguePrice,
  PageOptions,
} from './catalogue.types';
export { renderCatalogueHtml, renderCatalogueMarkdown } from './catalogue-page';
export { escapeHtml } from './html-escape';
export { makerSlug, modelListEntry } from './model-list-entry';
export type { ModelListEntry, ModelListPricing } from './model-list-entry';
export { renderModelPageHtml, renderModelPageMarkdown } from './model-page';
export {
  capabilityLabels,
  EXAMPLE_REQUEST,
  exampleRequestCost,
  priceFigures,
} from './page-figures';
export type { PriceFigures } from './page-figures';
export {
  ANTHROPIC_DEFAULT_LIMIT,
  ANTHROPIC_MAX_LIMIT,
  anthropicModelInfo,
  anthropicModelList,
} from './anthropic-model-list';
export type { AnthropicModelInfo, AnthropicModelList, AnthropicPage } from './anthropic-model-list';
