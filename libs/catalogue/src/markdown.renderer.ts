import type { Block, Inline, PageDocument } from './page-document';
import { normaliseBaseUrl } from './site-links';

/**
 * Renders a page as markdown: blocks separated by one blank line, ending with one newline,
 * links absolute (agents fetch pages out of context, so relative links would not resolve).
 *
 * Text is written as is: catalogue prose is plain text and the published pages use no
 * escapes. Only table cells escape `|` and newlines, which would otherwise break the row.
 */
export function renderMarkdown(page: PageDocument, baseUrl: string): string {
  const base = normaliseBaseUrl(baseUrl);
  return `${page.blocks.map((block) => renderBlock(block, base)).join('\n\n')}\n`;
}

function renderBlock(block: Block, base: string): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${block.text}`;
    case 'paragraph':
      return renderInlines(block.content, base);
    case 'table':
      return [
        tableRow(block.header),
        `|${'---|'.repeat(block.header.length)}`,
        ...block.rows.map((row) => tableRow(row.map((cell) => renderInlines(cell, base)))),
      ].join('\n');
    case 'code':
      return `\`\`\`${block.language}\n${block.text}\n\`\`\``;
    case 'list':
      return block.items.map((item) => `- ${renderInlines(item, base)}`).join('\n');
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
    return part;
  }
  switch (part.kind) {
    case 'code':
      return `\`${part.text}\``;
    case 'emphasis':
      return `_${part.text}_`;
    case 'link':
      // Brackets in the text would end the link text early.
      return `[${part.text.replace(/([[\]])/g, '\\$1')}](${base}${part.link.markdownPath})`;
  }
}
