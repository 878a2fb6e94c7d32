import type { Block, Inline, PageDocument } from './page-document';
import { normaliseBaseUrl } from './site-links';

/**
 * Renders a page as markdown: blocks separated by one blank line, ending with one newline,
 * links absolute (agents fetch pages out of context, so relative links would not resolve).
 *
 * Text may be an operator's (display names, descriptions, makers): it is escaped so that
 * it can never become markup of its own (a link, an image, raw HTML, a heading, a new
 * block). Only the characters that could start markup are escaped, so the catalogue's
 * ordinary prose reads exactly as the published pages; table cells also escape `|`.
 */
export function renderMarkdown(page: PageDocument, baseUrl: string): string {
  const base = normaliseBaseUrl(baseUrl);
  return `${page.blocks.map((block) => renderBlock(block, base)).join('\n\n')}\n`;
}

function renderBlock(block: Block, base: string): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeText(block.text)}`;
    case 'paragraph':
      return escapeBlockStart(renderInlines(block.content, base));
    case 'table':
      return [
        tableRow(block.header),
        `|${'---|'.repeat(block.header.length)}`,
        ...block.rows.map((row) => tableRow(row.map((cell) => renderInlines(cell, base)))),
      ].join('\n');
    case 'code': {
      // A fence longer than any backtick run inside, so the text cannot close it.
      const fence = '`'.repeat(Math.max(3, longestRun(block.text, '`') + 1));
      return `${fence}${block.language}\n${block.text}\n${fence}`;
    }
    case 'list':
      return block.items
        .map((item) => `- ${escapeBlockStart(renderInlines(item, base))}`)
        .join('\n');
  }
}

function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

function renderInlines(content: readonly Inline[], base: string): string {
  return content.map((part) => renderInline(part, base)).join('');
}

function renderInline(part: Inline, base: string): string {
  if (typeof part === 'string') {
    return escapeText(part);
  }
  switch (part.kind) {
    case 'code': {
      const text = oneLine(part.text);
      const ticks = '`'.repeat(longestRun(text, '`') + 1);
      // CommonMark strips one space each side when the text starts or ends with a backtick.
      const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
      return `${ticks}${pad}${text}${pad}${ticks}`;
    }
    case 'emphasis':
      return `_${escapeText(part.text)}_`;
    case 'link':
      return `[${escapeText(part.text)}](${base}${part.link.markdownPath})`;
  }
}

/**
 * Escapes what could start inline markup (emphasis, code, links, images, raw HTML,
 * autolinks, entity references); newlines become spaces, so text never opens a new block.
 */
export function escapeText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]<>]/g, '\\$&')
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}

/** What would start a block (a heading, a quote, a list, a fence) at the start of a paragraph. */
function escapeBlockStart(line: string): string {
  return line.replace(/^(\s*)([#>+=~-]|\d+[.)])/, '$1\\$2');
}

function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
