import type { CatalogueEntry, PageOptions } from './catalogue.types';
import { renderHtml } from './html.renderer';
import { renderMarkdown } from './markdown.renderer';
import { buildModelPage } from './model-page.content';

/**
 * Renders a model's "pricing & specs" page as markdown (served at `/models/<id>.md`).
 *
 * @param entry - The model and its current price.
 * @param related - Other catalogue entries; the active ones from the same maker are listed
 * by display name, so the whole catalogue may be passed.
 * @param options - `baseUrl` is used for the code samples and the absolute links.
 * @returns The page, ending with a single newline.
 */
export function renderModelPageMarkdown(
  entry: CatalogueEntry,
  related: readonly CatalogueEntry[],
  options: PageOptions,
): string {
  return renderMarkdown(buildModelPage(entry, related, options.baseUrl), options.baseUrl);
}

/**
 * Renders the same page as a self-contained HTML document for people (served at
 * `/models/<id>`); links between pages are site-relative.
 *
 * @param entry - The model and its current price.
 * @param related - As for {@link renderModelPageMarkdown}.
 * @param options - `baseUrl` is used for the code samples.
 */
export function renderModelPageHtml(
  entry: CatalogueEntry,
  related: readonly CatalogueEntry[],
  options: PageOptions,
): string {
  return renderHtml(buildModelPage(entry, related, options.baseUrl));
}
