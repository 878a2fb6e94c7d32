import type { SiteLink } from './site-links';

/** A run of text inside a block: plain text, inline code, emphasis or a link. */
export type Inline =
  | string
  | { kind: 'code'; text: string }
  | { kind: 'emphasis'; text: string }
  | { kind: 'link'; text: string; link: SiteLink };

/** One block of a page, rendered as markdown or HTML by the renderers. */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'table'; header: string[]; rows: Inline[][][] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'list'; items: Inline[][] };

/**
 * A page before rendering. Pages are built once as this structure and rendered twice
 * (markdown for agents, HTML for people), so every figure is computed in one place.
 */
export interface PageDocument {
  /** Page title; also the first heading. */
  title: string;
  /** One-line summary for the HTML `<meta name="description">`. */
  summary: string;
  /** The markdown twin of this page, announced by the HTML version. */
  self: SiteLink;
  blocks: Block[];
}

/** Inline code. */
export function code(text: string): Inline {
  return { kind: 'code', text };
}

/** Emphasised text. */
export function emphasis(text: string): Inline {
  return { kind: 'emphasis', text };
}

/** A link to another page of the site. */
export function link(text: string, target: SiteLink): Inline {
  return { kind: 'link', text, link: target };
}

/** The text of inline content without markup, e.g. for a meta description. */
export function plainText(content: readonly Inline[]): string {
  return content.map((part) => (typeof part === 'string' ? part : part.text)).join('');
}
