import type { CatalogueEntry } from './catalogue.types';
import {
  code,
  emphasis,
  link,
  plainText,
  type Block,
  type Inline,
  type PageDocument,
} from './page-document';
import {
  capabilityLabels,
  compareByDisplayName,
  EXAMPLE_REQUEST_WORDS,
  hasCapability,
  modalityLabel,
  priceFigures,
  type PriceFigures,
} from './page-figures';
import {
  CATALOGUE_LINK,
  CLAUDE_CODE_GUIDE_LINK,
  LOGIN_LINK,
  modelLink,
  normaliseBaseUrl,
  OPENAI_SDK_GUIDE_LINK,
  QUICKSTART_LINK,
} from './site-links';

/**
 * Builds a model's "pricing & specs" page: summary, spec table, code samples, FAQ, guides,
 * related models and the price date, in the order of the published pages.
 *
 * @param entry - The model and its current price.
 * @param related - Candidates for "Related models"; only active models of the same maker
 * other than `entry` itself are kept, so callers may pass the whole catalogue.
 * @param baseUrl - The gateway's public base URL, used in the code samples.
 */
export function buildModelPage(
  entry: CatalogueEntry,
  related: readonly CatalogueEntry[],
  baseUrl: string,
): PageDocument {
  const { model } = entry;
  const name = model.displayName;
  const figures = priceFigures(entry.price);
  const summary = summaryParagraph(entry, figures);
  const title = `${name} API — pricing & specs`;
  return {
    title,
    summary: plainText(summary),
    self: modelLink(model.id),
    blocks: [
      { kind: 'heading', level: 1, text: title },
      { kind: 'paragraph', content: summary },
      specTable(entry, figures),
      ...codeSamples(model.id, normaliseBaseUrl(baseUrl)),
      ...faq(entry, figures),
      { kind: 'heading', level: 2, text: 'Guides' },
      {
        kind: 'list',
        items: [
          [link(`Call ${name} with the OpenAI SDK`, OPENAI_SDK_GUIDE_LINK)],
          [link(`Use ${name} in Claude Code`, CLAUDE_CODE_GUIDE_LINK)],
        ],
      },
      ...relatedModels(entry, related),
      { kind: 'heading', level: 2, text: 'More' },
      {
        kind: 'list',
        items: [
          [link('All models & pricing', CATALOGUE_LINK)],
          [link('Quickstart', QUICKSTART_LINK)],
          [link('Get an API key', LOGIN_LINK)],
        ],
      },
      // The page's own price date: the related models' prices are shown for orientation,
      // and their own pages carry their own dates.
      { kind: 'paragraph', content: [emphasis(`Prices as of ${figures.effectiveDate}.`)] },
    ],
  };
}

/** "$2 per 1M input tokens and $5 per 1M output tokens", shared by every sentence that quotes it. */
export function pricePhrase(figures: PriceFigures): string {
  return `${figures.input} per 1M input tokens and ${figures.output} per 1M output tokens`;
}

function summaryParagraph({ model }: CatalogueEntry, figures: PriceFigures): Inline[] {
  return [
    `${model.maker}'s ${model.description} On KeepRouter, ${model.displayName} costs ` +
      `${pricePhrase(figures)}, billed at cost with no markup and no monthly fee ` +
      `(e.g. ${EXAMPLE_REQUEST_WORDS} costs about ${figures.exampleRequest}). ` +
      'Call it through the OpenAI- or Anthropic-compatible API with the model id ',
    code(model.id),
    '.',
  ];
}

function specTable({ model, servedBy }: CatalogueEntry, figures: PriceFigures): Block {
  const capabilities = capabilityLabels(model.capabilities);
  const rows: Inline[][][] = [[['Maker'], [model.maker]]];
  // Prices shown are the first provider's; a request another one serves costs its price.
  // A model served by its maker alone says nothing new: the published pages omit the row.
  const byMakerAlone = servedBy?.length === 1 && servedBy[0] === model.maker;
  if (servedBy !== undefined && servedBy.length > 0 && !byMakerAlone) {
    rows.push([['Served by'], [servedBy.join(', ')]]);
  }
  rows.push(
    [['Modality'], [modalityLabel(model.modality)]],
    [['Input price'], [`${figures.input} per 1M tokens`]],
    [['Output price'], [`${figures.output} per 1M tokens`]],
  );
  if (figures.cachedInput !== null) {
    rows.push([['Cached input price'], [`${figures.cachedInput} per 1M tokens`]]);
  }
  rows.push(
    [['Capabilities'], [capabilities.length > 0 ? capabilities.join(', ') : 'None listed']],
    [['APIs'], ['OpenAI-compatible, Anthropic-compatible']],
    [['Model id'], [code(model.id)]],
  );
  return { kind: 'table', header: ['Spec', 'Value'], rows };
}

function codeSamples(id: string, base: string): Block[] {
  // JSON.stringify quotes the id the same way in shell JSON, Python and JavaScript.
  const quotedId = JSON.stringify(id);
  const apiUrl = `${base}/v1`;
  return [
    { kind: 'heading', level: 2, text: 'Call it via the OpenAI API (cURL)' },
    {
      kind: 'code',
      language: 'bash',
      text: [
        `curl ${apiUrl}/chat/completions \\`,
        '  -H "Authorization: Bearer $KEEPROUTER_KEY" -H "Content-Type: application/json" \\',
        `  -d '{"model":${quotedId},"messages":[{"role":"user","content":"Hello"}]}'`,
      ].join('\n'),
    },
    { kind: 'heading', level: 2, text: 'Python' },
    {
      kind: 'code',
      language: 'python',
      text: [
        'from openai import OpenAI',
        `client = OpenAI(base_url=${JSON.stringify(apiUrl)}, api_key="$KEEPROUTER_KEY")`,
        `r = client.chat.completions.create(model=${quotedId}, messages=[{"role":"user","content":"Hello"}])`,
      ].join('\n'),
    },
    { kind: 'heading', level: 2, text: 'JavaScript' },
    {
      kind: 'code',
      language: 'js',
      text: [
        'import OpenAI from "openai";',
        `const client = new OpenAI({ baseURL: ${JSON.stringify(apiUrl)}, apiKey: process.env.KEEPROUTER_KEY });`,
        `const r = await client.chat.completions.create({ model: ${quotedId}, messages: [{ role: "user", content: "Hello" }] });`,
      ].join('\n'),
    },
  ];
}

function faq({ model }: CatalogueEntry, figures: PriceFigures): Block[] {
  const name = model.displayName;
  const questions: Array<[question: string, answer: string]> = [
    [
      `How much does ${name} cost on KeepRouter?`,
      `${name} is ${pricePhrase(figures)}, billed at cost with no markup and no monthly fee.`,
    ],
    [
      `How much does a typical ${name} request cost?`,
      `On KeepRouter, ${EXAMPLE_REQUEST_WORDS} costs about ${figures.exampleRequest} — billed at cost with no markup.`,
    ],
    [
      `Who makes ${name}?`,
      `${name} is made by ${model.maker}. KeepRouter provides it through one OpenAI- and Anthropic-compatible API.`,
    ],
    [
      `How do I call ${name} via API?`,
      'Point your OpenAI- or Anthropic-compatible client at KeepRouter and set the model to ' +
        `${JSON.stringify(model.id)}. It works with the OpenAI SDK, the Anthropic SDK, and ` +
        'Claude Code — no provider-specific SDK needed.',
    ],
  ];
  // A "Yes." the model cannot back up would be a false claim: these answers only appear
  // when the catalogue lists the capability.
  if (hasCapability(model, 'streaming')) {
    questions.push([
      `Does ${name} support streaming?`,
      `Yes. KeepRouter streams ${name} responses over both the OpenAI and Anthropic APIs.`,
    ]);
  }
  if (hasCapability(model, 'tools')) {
    questions.push([
      `Does ${name} support tool (function) calling?`,
      `Yes. KeepRouter passes tool calls through to ${name} and translates them between the OpenAI and Anthropic formats.`,
    ]);
  }
  return [
    { kind: 'heading', level: 2, text: 'Frequently asked questions' },
    ...questions.flatMap(([question, answer]): Block[] => [
      { kind: 'heading', level: 3, text: question },
      { kind: 'paragraph', content: [answer] },
    ]),
  ];
}

function relatedModels(entry: CatalogueEntry, candidates: readonly CatalogueEntry[]): Block[] {
  const { model } = entry;
  const related = candidates
    .filter(
      (other) =>
        other.model.id !== model.id &&
        other.model.maker === model.maker &&
        other.model.status === 'active' &&
        // An embedding model is no alternative to a chat model, nor the other way round.
        hasCapability(other.model, 'embeddings') === hasCapability(model, 'embeddings'),
    )
    .sort(compareByDisplayName);
  if (related.length === 0) {
    return [];
  }
  return [
    { kind: 'heading', level: 2, text: `Related models from ${model.maker}` },
    {
      kind: 'list',
      items: related.map((other) => [
        link(other.model.displayName, modelLink(other.model.id)),
        ` — ${pricePhrase(priceFigures(other.price))}`,
      ]),
    },
  ];
}
