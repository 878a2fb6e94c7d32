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
