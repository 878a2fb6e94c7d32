import type { PageDocument } from './page-document';
import { code, link } from './page-document';
import { renderMarkdown } from './markdown.renderer';

/** Operator text (names, descriptions) can never become markup of its own on a page. */
describe('renderMarkdown escapes operator text', () => {
  const self = { markdownPath: '/models/x.md', htmlHref: '/models/x' };
  const page = (blocks: PageDocument['blocks']): string =>
    renderMarkdown({ title: 't', summary: 's', self, blocks }, 'https://keeprouter.com');

  it('keeps links, images, raw HTML and emphasis from an operator description inert', () => {
    const text = page([
      {
        kind: 'paragraph',
        content: [
          'Great [click](https://evil.example) ![x](https://evil.example/i.png) <script>alert(1)</script> **bold** _it_ &lt;',
        ],
      },
    ]);
    expect(text).not.toMatch(/(^|[^\\])\[click\]/);
    expect(text).not.toMatch(/(^|[^\\])<script>/);
    expect(text).not.toMatch(/(^|[^\\])\*\*bold/);
    expect(text).toContain('\\[click\\](https://evil.example)');
    expect(text).toContain('\\<script\\>');
    expect(text).toContain('\\&lt;');
  });

  it('keeps a description from opening new blocks (newlines, headings, lists, fences)', () => {
    const text = page([
      { kind: 'paragraph', content: ['# Free credits\n\n- [win](https://evil.example)\n```'] },
      { kind: 'heading', level: 2, text: 'Name\n# injected' },
    ]);
    expect(text.split('\n').filter((line) => line.startsWith('#'))).toEqual(['## Name # injected']);
    expect(text).not.toContain('\n- ');
    expect(text).not.toContain('\n```');
  });

  it('keeps inline code and code blocks closed whatever backticks they hold', () => {
    const text = page([
      { kind: 'paragraph', content: [code('a`b'), ' ', link('x] (y', self)] },
      { kind: 'code', language: 'bash', text: 'echo ```\n# not a heading' },
    ]);
    expect(text).toContain('``a`b``');
    expect(text).toContain('[x\\] (y](https://keeprouter.com/models/x.md)');
    expect(text).toContain('````bash\necho ```\n# not a heading\n````');
  });

  it('leaves ordinary catalogue prose exactly as written', () => {
    const prose =
      "Mistral AI's Magistral — a reasoning model; $2 per 1M tokens (e.g. 1,000 in & 500 out).";
    expect(page([{ kind: 'paragraph', content: [prose] }])).toBe(`${prose}\n`);
  });
});
