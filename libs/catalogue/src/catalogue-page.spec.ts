import { toMoney } from '@app/pricing';
import { renderCatalogueHtml, renderCatalogueMarkdown, type CatalogueEntry } from '@app/catalogue';
import { seedEntries } from './__fixtures__/seed-entries';

const OPTIONS = { baseUrl: 'https://keeprouter.com' };

describe('renderCatalogueMarkdown', () => {
  const page = renderCatalogueMarkdown(seedEntries(), OPTIONS);

  it('says the pricing terms up front', () => {
    expect(page.startsWith('# All models & pricing\n\n')).toBe(true);
    expect(page).toContain('billed at cost: no markup and no monthly fee');
  });

  it('lists all 8 seed models in name order with every figure', () => {
    const rows = page.split('\n').filter((line) => line.startsWith('| ['));
    expect(rows).toEqual([
      '| [Codestral](https://keeprouter.com/models/codestral-latest.md) | `codestral-latest` | $0.30 | $0.90 | $0.00075 |',
      '| [Devstral Medium](https://keeprouter.com/models/devstral-medium-latest.md) | `devstral-medium-latest` | $0.40 | $2 | $0.0014 |',
      '| [Magistral Medium](https://keeprouter.com/models/magistral-medium-latest.md) | `magistral-medium-latest` | $2 | $5 | $0.0045 |',
      '| [Magistral Small](https://keeprouter.com/models/magistral-small-latest.md) | `magistral-small-latest` | $0.50 | $1.50 | $0.00125 |',
      '| [Ministral 14B](https://keeprouter.com/models/ministral-14b-latest.md) | `ministral-14b-latest` | $0.20 | $0.20 | $0.0003 |',
      '| [Ministral 3B](https://keeprouter.com/models/ministral-3b-latest.md) | `ministral-3b-latest` | $0.10 | $0.10 | $0.00015 |',
      '| [Ministral 8B](https://keeprouter.com/models/ministral-8b-latest.md) | `ministral-8b-latest` | $0.15 | $0.15 | $0.000225 |',
      '| [Mistral Embed](https://keeprouter.com/models/mistral-embed.md) | `mistral-embed` | $0.10 | $0 | $0.0001 |',
    ]);
  });

  it('ends with the price date and one newline', () => {
    expect(page.endsWith('\n\n_Prices as of 2026-07-05._\n')).toBe(true);
  });

  it('groups by maker, leaves retired models out and dates by the newest listed price', () => {
    const [first, second, third, ...rest] = seedEntries();
    const acme: CatalogueEntry = {
      model: { ...first.model, id: 'acme-1', displayName: 'Acme One', maker: 'Acme' },
      price: {
        ...first.price,
        inputPerMillion: toMoney('1'),
        effectiveFrom: new Date('2026-07-20T23:59:00Z'),
      },
    };
    const retired: CatalogueEntry = {
      model: { ...second.model, status: 'retired' },
      price: { ...second.price, effectiveFrom: new Date('2027-01-01T00:00:00Z') },
    };
    const text = renderCatalogueMarkdown([first, retired, third, ...rest, acme], OPTIONS);
    expect(text.indexOf('## Acme')).toBeGreaterThan(0);
    expect(text.indexOf('## Acme')).toBeLessThan(text.indexOf('## Mistral AI'));
    expect(text).toContain(
      '| [Acme One](https://keeprouter.com/models/acme-1.md) | `acme-1` | $1 | $5 |',
    );
    expect(text).not.toContain(second.model.id);
    expect(text).toContain('_Prices as of 2026-07-20._');
  });

  it('says so when no model is available', () => {
    const text = renderCatalogueMarkdown([], OPTIONS);
    expect(text).toContain('No models are available right now.');
    expect(text).not.toContain('Prices as of');
  });
});

describe('renderCatalogueHtml', () => {
  it('renders the same table with links for people', () => {
    const html = renderCatalogueHtml(seedEntries(), OPTIONS);
    expect(html.startsWith('<!doctype html>\n')).toBe(true);
    expect(html).toContain('<title>All models &amp; pricing</title>');
    expect(html).toContain(
      '<tr><td><a href="/models/ministral-8b-latest">Ministral 8B</a></td>' +
        '<td><code>ministral-8b-latest</code></td><td>$0.15</td><td>$0.15</td><td>$0.000225</td></tr>',
    );
    expect(html.match(/<tr><td><a href="\/models\//g)).toHaveLength(8);
  });

  it('escapes catalogue text', () => {
    const [first] = seedEntries();
    const hostile: CatalogueEntry = {
      ...first,
      model: { ...first.model, displayName: '<script>alert("x")</script>', maker: 'A & B' },
    };
    const html = renderCatalogueHtml([hostile], OPTIONS);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>');
    expect(html).toContain('<h2>A &amp; B</h2>');
  });
});
