import type { CatalogueEntry, PageOptions } from './catalogue.types';
import { buildCataloguePage } from './catalogue-page.content';
import { renderHtml } from './html.renderer';
import { renderMarkdown } from './markdown.renderer';

/**
 * Renders the "All models & pricing" page as markdown (served at `/models.md`): every
 * active model grouped by maker, with prices per 1M tokens and an example request cost.
 *
 * @param entries - The catalogue with current prices, in any order; retired models are skipped.
 * @param options - `baseUrl` is used for the absolute links.
 * @returns The page, ending with a single newline.
 */
export function renderCatalogueMarkdown(
  entries: readonly CatalogueEntry[],
  options: PageOptions,
): string {
  return renderMarkdown(buildCataloguePage(entries, options.baseUrl), options.baseUrl);
}

/**
 * Renders the same page as a self-contained HTML document for people (served at `/models`).
 *
 * @param entries - As for {@link renderCatalogueMarkdown}.
 * @param options - `baseUrl` is quoted in the introduction.
 */
export function renderCatalogueHtml(
  entries: readonly CatalogueEntry[],
  options: PageOptions,
): string {
  return renderHtml(buildCataloguePage(entries, options.baseUrl));
}
