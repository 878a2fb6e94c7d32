import type { CatalogueEntry } from './catalogue.types';
import { code, emphasis, link, type Block, type PageDocument } from './page-document';
import {
  compareByMakerThenName,
  EXAMPLE_REQUEST_SHORT,
  EXAMPLE_REQUEST_WORDS,
  isoDate,
  latestEffectiveFrom,
  priceFigures,
} from './page-figures';
import {
  CATALOGUE_LINK,
  LOGIN_LINK,
  modelLink,
  normaliseBaseUrl,
  QUICKSTART_LINK,
} from './site-links';

const TITLE = 'All models & pricing';
const EXAMPLE_HEADER = `Example request (${EXAMPLE_REQUEST_SHORT})`;

/**
 * Builds the "All models & pricing" page: one table per maker (makers and models in name
 * order) with each active model's prices and the cost of the example request.
 *
 * Retired models are left out: they can no longer be called. The price date is the latest
 * `effectiveFrom` among the listed models, i.e. the date of the newest figure on the page.
 *
 * @param entries - The catalogue with current prices, in any order.
 * @param baseUrl - The gateway's public base URL, quoted in the introduction.
 */
export function buildCataloguePage(
  entries: readonly CatalogueEntry[],
  baseUrl: string,
): PageDocument {
  const listed = entries.filter((entry) => entry.model.status === 'active');
  listed.sort(compareByMakerThenName);
  const intro =
    'Every model you can call through KeepRouter, with its price per 1M tokens. Usage is ' +
    'billed at cost: no markup and no monthly fee. The last column is what ' +
    `${EXAMPLE_REQUEST_WORDS} costs. Call any model through the OpenAI- or ` +
    'Anthropic-compatible API at ';
  const latest = latestEffectiveFrom(listed);
  const models: Block[] =
    listed.length > 0
      ? makerTables(listed)
      : [{ kind: 'paragraph', content: ['No models are available right now.'] }];
  // With nothing listed there is no price to date.
  const priceDate: Block[] =
    latest === null
      ? []
      : [{ kind: 'paragraph', content: [emphasis(`Prices as of ${isoDate(latest)}.`)] }];
  return {
    title: TITLE,
    summary: 'Every model on KeepRouter and its price per 1M tokens, billed at cost.',
    self: CATALOGUE_LINK,
    blocks: [
      { kind: 'heading', level: 1, text: TITLE },
      { kind: 'paragraph', content: [intro, code(`${normaliseBaseUrl(baseUrl)}/v1`), '.'] },
      ...models,
      { kind: 'heading', level: 2, text: 'More' },
      {
        kind: 'list',
        items: [[link('Quickstart', QUICKSTART_LINK)], [link('Get an API key', LOGIN_LINK)]],
      },
      ...priceDate,
    ],
  };
}

/** One heading and table per maker; `sorted` is already in maker-then-name order. */
function makerTables(sorted: readonly CatalogueEntry[]): Block[] {
  const byMaker = new Map<string, CatalogueEntry[]>();
  for (const entry of sorted) {
    byMaker.set(entry.model.maker, [...(byMaker.get(entry.model.maker) ?? []), entry]);
  }
  return [...byMaker].flatMap(([maker, models]): Block[] => [
    { kind: 'heading', level: 2, text: maker },
    {
      kind: 'table',
      header: ['Model', 'Model id', 'Input per 1M', 'Output per 1M', EXAMPLE_HEADER],
      rows: models.map(({ model, price }) => {
        const figures = priceFigures(price);
        return [
          [link(model.displayName, modelLink(model.id))],
          [code(model.id)],
          [figures.input],
          [figures.output],
          [figures.exampleRequest],
        ];
      }),
    },
  ]);
}
