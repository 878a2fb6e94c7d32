import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMoney } from '@app/pricing';
import { renderModelPageHtml, renderModelPageMarkdown, type CatalogueEntry } from '@app/catalogue';
import { seedEntries, seedEntry } from './__fixtures__/seed-entries';

const OPTIONS = { baseUrl: 'https://keeprouter.com' };

function fixture(name: string): string {
  return readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
}

function withPrice(
  entry: CatalogueEntry,
  input: string,
  output: string,
  cachedInput: string | null = null,
): CatalogueEntry {
  return {
    model: entry.model,
    price: {
      ...entry.price,
      inputPerMillion: toMoney(input),
      outputPerMillion: toMoney(output),
      cachedInputPerMillion: cachedInput === null ? null : toMoney(cachedInput),
    },
  };
}

describe('renderModelPageMarkdown, published pages', () => {
  it.each(['magistral-medium-latest', 'ministral-14b-latest'])(
    '%s reproduces the published page byte for byte',
    (id) => {
      const page = renderModelPageMarkdown(seedEntry(id), seedEntries(), OPTIONS);
      expect(page).toBe(fixture(`${id}.md`));
    },
  );

  it('the fixtures are still the published reference pages, when those are at hand', () => {
    // The copies are what the test relies on; this only catches the two drifting apart.
    const referenceDir = '/work/shared/reference/model-pages';
    for (const id of ['magistral-medium-latest', 'ministral-14b-latest']) {
      let reference: string;
      try {
        reference = readFileSync(join(referenceDir, `${id}.md`), 'utf8');
      } catch {
        continue;
      }
      expect(fixture(`${id}.md`)).toBe(reference);
    }
  });

  it('does not depend on the order of the related entries', () => {
    const entries = seedEntries();
    const forwards = renderModelPageMarkdown(entries[0], entries, OPTIONS);
    const backwards = renderModelPageMarkdown(entries[0], [...entries].reverse(), OPTIONS);
    expect(backwards).toBe(forwards);
  });
});

describe('renderModelPageMarkdown, a changed price', () => {
  const entry = withPrice(seedEntry('magistral-medium-latest'), '2.50', '7.25');
  const page = renderModelPageMarkdown(entry, seedEntries(), OPTIONS);

  it('changes the summary', () => {
    expect(page).toContain(
      'On KeepRouter, Magistral Medium costs $2.50 per 1M input tokens and $7.25 per 1M ' +
        'output tokens, billed at cost with no markup and no monthly fee (e.g. a 1,000-token ' +
        'prompt with a 500-token reply costs about $0.006125).',
    );
  });

  it('changes the spec table', () => {
    expect(page).toContain('| Input price | $2.50 per 1M tokens |\n');
    expect(page).toContain('| Output price | $7.25 per 1M tokens |\n');
  });

  it('changes both price answers of the FAQ', () => {
    expect(page).toContain(
      'Magistral Medium is $2.50 per 1M input tokens and $7.25 per 1M output tokens, billed ' +
        'at cost with no markup and no monthly fee.',
    );
    expect(page).toContain(
      'On KeepRouter, a 1,000-token prompt with a 500-token reply costs about $0.006125 — ' +
        'billed at cost with no markup.',
    );
  });

  it('leaves no old figure behind', () => {
    expect(page).not.toContain('$0.0045');
    // Devstral Medium's "$2 per 1M output tokens" legitimately stays in the related list.
    expect(page).not.toMatch(/\$2 per 1M (input )?tokens|\$5 per 1M/);
  });

  it('shows the new price on the related pages of the other models', () => {
    const others = seedEntries().map((other) =>
      other.model.id === entry.model.id ? entry : other,
    );
    const codestral = renderModelPageMarkdown(seedEntry('codestral-latest'), others, OPTIONS);
    expect(codestral).toContain(
      '- [Magistral Medium](https://keeprouter.com/models/magistral-medium-latest.md) — $2.50 ' +
        'per 1M input tokens and $7.25 per 1M output tokens\n',
    );
  });

  it('dates the page by its own price', () => {
    const repriced: CatalogueEntry = {
      ...entry,
      price: { ...entry.price, effectiveFrom: new Date('2026-08-01T09:30:00Z') },
    };
    const text = renderModelPageMarkdown(repriced, seedEntries(), OPTIONS);
    expect(text.endsWith('\n\n_Prices as of 2026-08-01._\n')).toBe(true);
  });
});

describe('renderModelPageMarkdown, formatting and optional parts', () => {
  it.each([
    ['2', '$2'],
    ['0.20', '$0.20'],
    ['1.5', '$1.50'],
    ['0.0045', '$0.0045'],
    ['0.0003', '$0.0003'],
  ])('an input price of %s reads %s', (amount, shown) => {
    const entry = withPrice(seedEntry('codestral-latest'), amount, '1');
    const page = renderModelPageMarkdown(entry, [], OPTIONS);
    expect(page).toContain(`| Input price | ${shown} per 1M tokens |\n`);
  });

  it('has no cached input row without a cached price', () => {
    const page = renderModelPageMarkdown(seedEntry('codestral-latest'), [], OPTIONS);
    expect(page).not.toContain('Cached input');
  });

  it('shows the cached input price right after the output price when there is one', () => {
    const entry = withPrice(seedEntry('codestral-latest'), '0.30', '0.90', '0.03');
    const page = renderModelPageMarkdown(entry, [], OPTIONS);
    expect(page).toContain(
      '| Output price | $0.90 per 1M tokens |\n| Cached input price | $0.03 per 1M tokens |\n',
    );
    // The example request has no cached tokens, so its cost is unchanged.
    expect(page).toContain('costs about $0.00075');
  });

  it('lists capabilities in a fixed order and drops the FAQ answers a model cannot back', () => {
    const base = seedEntry('codestral-latest');
    const entry: CatalogueEntry = {
      ...base,
      model: { ...base.model, capabilities: ['reasoning', 'vision', 'streaming'] },
    };
    const page = renderModelPageMarkdown(entry, [], OPTIONS);
    expect(page).toContain('| Capabilities | Streaming, Vision (image input), Reasoning |\n');
    expect(page).toContain('Does Codestral support streaming?');
    expect(page).not.toContain('tool (function) calling');
  });

  it('lists only active models of the same maker, and omits the section when none is left', () => {
    const [own, ...others] = seedEntries();
    const related = others.map((other, index): CatalogueEntry => ({
      ...other,
      model: { ...other.model, status: index % 2 === 0 ? 'retired' : 'active' },
    }));
    const page = renderModelPageMarkdown(own, related, OPTIONS);
    const listed = page.match(/^- \[.*\]\(https:\/\/keeprouter\.com\/models\/[^/]+\.md\) — /gm);
    expect(listed).toHaveLength(3);

    const foreign = others.map((other) => ({ ...other, model: { ...other.model, maker: 'Acme' } }));
    expect(renderModelPageMarkdown(own, foreign, OPTIONS)).not.toContain('Related models');
  });

  it('uses the configured base URL everywhere', () => {
    const page = renderModelPageMarkdown(seedEntry('codestral-latest'), seedEntries(), {
      baseUrl: 'http://localhost:3000/',
    });
    expect(page).toContain('curl http://localhost:3000/v1/chat/completions');
    expect(page).toContain('base_url="http://localhost:3000/v1"');
    expect(page).toContain('(http://localhost:3000/models/devstral-medium-latest.md)');
    expect(page).not.toContain('keeprouter.com/');
  });
});

describe('renderModelPageHtml', () => {
  const html = renderModelPageHtml(seedEntry('magistral-medium-latest'), seedEntries(), OPTIONS);

  it('is a self-contained page with the same figures', () => {
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain('<title>Magistral Medium API — pricing &amp; specs</title>');
    expect(html).toContain('<style>');
    expect(html).toContain('<tr><td>Input price</td><td>$2 per 1M tokens</td></tr>');
    expect(html).toContain('costs about $0.0045');
    expect(html).toContain('<pre><code class="language-bash">curl https://keeprouter.com/v1/');
    expect(html).toContain('<em>Prices as of 2026-07-05.</em>');
  });

  it('links people to the HTML pages', () => {
    expect(html).toContain('<a href="/models/codestral-latest">Codestral</a>');
    expect(html).toContain('<a href="/models">All models &amp; pricing</a>');
    expect(html).not.toContain('href="/models/codestral-latest.md"');
  });

  it('escapes catalogue text', () => {
    const base = seedEntry('codestral-latest');
    const hostile: CatalogueEntry = {
      ...base,
      model: {
        ...base.model,
        displayName: 'Evil & "Co"',
        description: 'model <script>alert(1)</script>.',
      },
    };
    const page = renderModelPageHtml(hostile, [], OPTIONS);
    expect(page).not.toContain('<script>');
    expect(page).toContain('model &lt;script&gt;alert(1)&lt;/script&gt;.');
    expect(page).toContain('<h1>Evil &amp; &quot;Co&quot; API — pricing &amp; specs</h1>');
    expect(page).toContain(
      '<meta name="description" content="Mistral AI&#39;s model &lt;script&gt;',
    );
  });
});

describe('renderModelPageMarkdown, served by', () => {
  const entry = seedEntry('ministral-14b-latest');
  const render = (servedBy?: readonly string[]) =>
    renderModelPageMarkdown({ ...entry, servedBy }, seedEntries(), OPTIONS);

  it('names the providers in preference order, after the maker', () => {
    const page = render(['Mistral AI', 'Together AI']);
    expect(page).toContain('| Maker | Mistral AI |\n| Served by | Mistral AI, Together AI |\n');
  });

  it('leaves the row out when the maker alone serves it, or nobody is named', () => {
    expect(render(['Mistral AI'])).toBe(fixture('ministral-14b-latest.md'));
    expect(render(undefined)).toBe(fixture('ministral-14b-latest.md'));
  });

  it('names a single provider that is not the maker', () => {
    expect(render(['Together AI'])).toContain('| Served by | Together AI |\n');
  });
});
