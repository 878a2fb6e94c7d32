import { escapeHtml } from './html-escape';
import type { Block, Inline, PageDocument } from './page-document';

/**
 * Kept inline so a page is one self-contained response: no asset route, no extra request,
 * nothing to cache-bust.
 */
const STYLE = [
  'body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff}',
  'main{max-width:52rem;margin:0 auto;padding:2rem 1.25rem 3rem}',
  'h1{font-size:1.9rem;line-height:1.25}h2{margin-top:2.2rem}h3{font-size:1.05rem;margin-bottom:.3rem}',
  'a{color:#0b57d0}',
  'table{border-collapse:collapse;width:100%;margin:1rem 0}',
  'th,td{text-align:left;padding:.45rem .7rem;border-bottom:1px solid #d8dee4;vertical-align:top}',
  'th{background:#f6f8fa}',
  'code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}',
  'pre{background:#f6f8fa;padding:.9rem 1rem;overflow-x:auto;border-radius:6px}',
].join('');

/**
 * Renders a page as a complete HTML document for people. Every piece of text and every
 * attribute value is escaped, because catalogue text is entered by operators.
 */
export function renderHtml(page: PageDocument): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<meta name="description" content="${escapeHtml(page.summary)}">`,
    // Tells agents that land on the HTML page where the markdown twin is.
    `<link rel="alternate" type="text/markdown" href="${escapeHtml(page.self.markdownPath)}">`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...page.blocks.map(renderBlock),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${renderInlines(block.content)}</p>`;
    case 'table':
      return [
        '<table>',
        `<thead><tr>${block.header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('')}</tr></thead>`,
        '<tbody>',
        ...block.rows.map(
          (row) => `<tr>${row.map((cell) => `<td>${renderInlines(cell)}</td>`).join('')}</tr>`,
        ),
        '</tbody>',
        '</table>',
      ].join('\n');
    case 'code':
      return `<pre><code class="language-${escapeHtml(block.language)}">${escapeHtml(block.text)}</code></pre>`;
    case 'list':
      return [
        '<ul>',
        ...block.items.map((item) => `<li>${renderInlines(item)}</li>`),
        '</ul>',
      ].join('\n');
  }
}

function renderInlines(content: readonly Inline[]): string {
  return content.map(renderInline).join('');
}

function renderInline(part: Inline): string {
  if (typeof part === 'string') {
    return escapeHtml(part);
  }
  switch (part.kind) {
    case 'code':
      return `<code>${escapeHtml(part.text)}</code>`;
    case 'emphasis':
      return `<em>${escapeHtml(part.text)}</em>`;
    case 'link':
      return `<a href="${escapeHtml(part.link.htmlHref)}">${escapeHtml(part.text)}</a>`;
  }
}
