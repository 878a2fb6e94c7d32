import { costOf, formatUsd, type Money } from '@app/pricing';
import type { CatalogueEntry, CatalogueModel, CataloguePrice } from './catalogue.types';

/**
 * The request every page quotes as an example: a 1,000-token prompt with a 500-token reply.
 * One constant so that the wording and the figure can never disagree.
 */
export const EXAMPLE_REQUEST = { inputTokens: 1_000, outputTokens: 500 } as const;

/** The example request in words, e.g. "a 1,000-token prompt with a 500-token reply". */
export const EXAMPLE_REQUEST_WORDS =
  `a ${groupThousands(EXAMPLE_REQUEST.inputTokens)}-token prompt ` +
  `with a ${groupThousands(EXAMPLE_REQUEST.outputTokens)}-token reply`;

/** The example request in a table header, e.g. "1,000 in / 500 out". */
export const EXAMPLE_REQUEST_SHORT =
  `${groupThousands(EXAMPLE_REQUEST.inputTokens)} in / ` +
  `${groupThousands(EXAMPLE_REQUEST.outputTokens)} out`;

/**
 * Display labels of the capability codes, in the order pages list them. The order is fixed
 * here rather than taken from the data, so two models with the same capabilities read alike.
 */
const CAPABILITY_LABELS: ReadonlyArray<readonly [code: string, label: string]> = [
  ['streaming', 'Streaming'],
  ['tools', 'Tool / function calling'],
  ['vision', 'Vision (image input)'],
  ['reasoning', 'Reasoning'],
  ['embeddings', 'Embeddings (POST /v1/embeddings)'],
];

/** Every figure a page shows for one price, already formatted for display. */
export interface PriceFigures {
  /** e.g. `$2`, `$0.20`. */
  input: string;
  /** e.g. `$5`. */
  output: string;
  /** e.g. `$0.05`, or `null` when cached input is not priced separately. */
  cachedInput: string | null;
  /** Exact cost of {@link EXAMPLE_REQUEST}, e.g. `$0.0045`; never rounded. */
  exampleRequest: string;
  /** `YYYY-MM-DD` (UTC) of the price's effective date. */
  effectiveDate: string;
}

/**
 * Computes and formats every figure of a price. All pages take their figures from here, so
 * markdown, HTML and the catalogue table cannot drift apart.
 */
export function priceFigures(price: CataloguePrice): PriceFigures {
  return {
    input: formatUsd(price.inputPerMillion),
    output: formatUsd(price.outputPerMillion),
    cachedInput:
      price.cachedInputPerMillion === null ? null : formatUsd(price.cachedInputPerMillion),
    exampleRequest: formatUsd(exampleRequestCost(price)),
    effectiveDate: isoDate(price.effectiveFrom),
  };
}

/** Exact cost of {@link EXAMPLE_REQUEST} at a price (no cached tokens). */
export function exampleRequestCost(price: CataloguePrice): Money {
  return costOf(EXAMPLE_REQUEST, price);
}

/**
 * Capability labels in the fixed page order, e.g. `['Streaming', 'Tool / function calling']`.
 * Unknown codes follow, verbatim and sorted, so a new capability shows up before it gets a label.
 */
export function capabilityLabels(codes: readonly string[]): string[] {
  const present = new Set(codes);
  const known = CAPABILITY_LABELS.filter(([code]) => present.has(code)).map(([, label]) => label);
  const knownCodes = new Set(CAPABILITY_LABELS.map(([code]) => code));
  const unknown = [...present].filter((code) => !knownCodes.has(code)).sort(compareText);
  return [...known, ...unknown];
}

/** Whether a model has a capability code. */
export function hasCapability(model: CatalogueModel, code: string): boolean {
  return model.capabilities.includes(code);
}

/** Display form of a modality code: `text` reads `Text`. */
export function modalityLabel(modality: string): string {
  return modality.charAt(0).toUpperCase() + modality.slice(1);
}

/** `YYYY-MM-DD` in UTC: prices take effect at instants, and pages must not depend on the host zone. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The latest `effectiveFrom` among entries, or `null` when there are none. */
export function latestEffectiveFrom(entries: readonly CatalogueEntry[]): Date | null {
  let latest: Date | null = null;
  for (const { price } of entries) {
    if (latest === null || price.effectiveFrom.getTime() > latest.getTime()) {
      latest = price.effectiveFrom;
    }
  }
  return latest;
}

/**
 * Orders entries by display name, then id. Plain code-unit comparison, not `localeCompare`,
 * so the order does not depend on the host's ICU data; it puts "Ministral 14B" before
 * "Ministral 3B", as the published pages do.
 */
export function compareByDisplayName(a: CatalogueEntry, b: CatalogueEntry): number {
  return (
    compareText(a.model.displayName, b.model.displayName) || compareText(a.model.id, b.model.id)
  );
}

/** Orders entries by maker, then display name (the catalogue page's grouping). */
export function compareByMakerThenName(a: CatalogueEntry, b: CatalogueEntry): number {
  return compareText(a.model.maker, b.model.maker) || compareByDisplayName(a, b);
}

/** Deterministic string order (UTF-16 code units). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1000` reads `1,000`; written by hand so the output does not depend on ICU. */
function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
