import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

const FIXTURES = join(__dirname, '../libs/catalogue/src/__fixtures__');
const MARKDOWN = 'text/markdown; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

const SEED_PRICES: Record<string, [input: string, output: string]> = {
  'codestral-latest': ['0.3', '0.9'],
  'devstral-medium-latest': ['0.4', '2'],
  'magistral-medium-latest': ['2', '5'],
  'magistral-small-latest': ['0.5', '1.5'],
  'ministral-14b-latest': ['0.2', '0.2'],
  'ministral-3b-latest': ['0.1', '0.1'],
  'ministral-8b-latest': ['0.15', '0.15'],
  'mistral-embed': ['0.1', '0'],
};

/** The public catalogue, read from the seeded database on every request; no key needed. */
describe('public catalogue', () => {
  let system: TestSystem;
  let url: string;

  const get = (path: string) => fetch(`${url}${path}`);
  const text = async (path: string, contentType: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    return response.text();
  };
  const expectModelNotFound = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await response.json()) as any).error).toMatchObject({
      type: 'invalid_request_error',
      code: 'model_not_found',
    });
  };

  beforeAll(async () => {
    system = await startSystem({
      worker: false,
      env: { PUBLIC_BASE_URL: 'https://keeprouter.com' },
    });
    url = system.gateway.url;
  });
  afterAll(async () => {
    await system.stop();
  });

  describe('GET /v1/models', () => {
    it('lists the 8 seed models in the OpenAI shape, with prices as decimal strings', async () => {
      const response = await get('/v1/models');
      expect(response.status).toBe(200);
      const body = (await response.json()) as any;
      expect(body.object).toBe('list');
      expect(body.data.map((model: any) => model.id).sort()).toEqual(
        Object.keys(SEED_PRICES).sort(),
      );
      for (const model of body.data) {
        const [input, output] = SEED_PRICES[model.id];
        expect(model).toEqual({
          id: model.id,
          object: 'model',
          created: expect.any(Number),
          owned_by: 'mistralai',
          name: expect.any(String),
          description: expect.any(String),
          capabilities: model.id === 'mistral-embed' ? ['embeddings'] : ['streaming', 'tools'],
          pricing: {
            input_per_million: input,
            output_per_million: output,
            cached_input_per_million: null,
            currency: 'usd',
            effective_from: '2026-07-05T00:00:00.000Z',
          },
        });
      }
    });

    it('answers one model, and 404 model_not_found for an unknown one', async () => {
      const response = await get('/v1/models/magistral-medium-latest');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        id: 'magistral-medium-latest',
        object: 'model',
        name: 'Magistral Medium',
        pricing: { input_per_million: '2', output_per_million: '5' },
      });
      await expectModelNotFound('/v1/models/no-such-model');
    });

    it('needs no key, and ignores a bad one', async () => {
      const response = await fetch(`${url}/v1/models`, {
        headers: { authorization: 'Bearer kr-not-a-real-key' },
      });
      expect(response.status).toBe(200);
    });
  });

  describe('markdown pages', () => {
    it.each(['magistral-medium-latest', 'ministral-14b-latest'])(
      '/models/%s.md is the published page, byte for byte',
      async (id) => {
        const page = await text(`/models/${id}.md`, MARKDOWN);
        expect(page).toBe(readFileSync(join(FIXTURES, `${id}.md`), 'utf8'));
      },
    );

    it('/models.md lists every model with its prices and page link', async () => {
      const page = await text('/models.md', MARKDOWN);
      expect(page.startsWith('# All models & pricing\n')).toBe(true);
      const rows = page.split('\n').filter((line) => line.startsWith('| ['));
      expect(rows).toHaveLength(8);
      expect(rows).toContain(
        '| [Magistral Medium](https://keeprouter.com/models/magistral-medium-latest.md) | `magistral-medium-latest` | $2 | $5 | $0.0045 |',
      );
      for (const id of Object.keys(SEED_PRICES)) {
        expect(page).toContain(`(https://keeprouter.com/models/${id}.md)`);
      }
      expect(page.endsWith('_Prices as of 2026-07-05._\n')).toBe(true);
    });

    it('answers 404 in the OpenAI error shape for an unknown model', async () => {
      await expectModelNotFound('/models/no-such-model.md');
      await expectModelNotFound('/models/.md');
    });
  });

  describe('HTML pages', () => {
    it('/models/:id renders the model page for people, with its markdown twin linked', async () => {
      const page = await text('/models/magistral-medium-latest', HTML);
      expect(page.startsWith('<!doctype html>\n')).toBe(true);
      expect(page).toContain('<title>Magistral Medium API — pricing &amp; specs</title>');
      expect(page).toContain(
        '<link rel="alternate" type="text/markdown" href="/models/magistral-medium-latest.md">',
      );
      expect(page).toContain('$2 per 1M input tokens and $5 per 1M output tokens');
      expect(page).toContain('href="/models/ministral-14b-latest"');
      expect(page.endsWith('</html>\n')).toBe(true);
    });

    it('/models renders the catalogue with every model', async () => {
      const page = await text('/models', HTML);
      expect(page).toContain('<title>All models &amp; pricing</title>');
      for (const id of Object.keys(SEED_PRICES)) expect(page).toContain(`href="/models/${id}"`);
    });

    it('answers 404 for an unknown model', async () => {
      await expectModelNotFound('/models/no-such-model');
    });
  });

  describe('models the operator adds', () => {
    const admin = () => adminClient(url);
    const createModel = async (id: string, displayName: string) => {
      const created = await admin().call('POST', '/admin/models', {
        id,
        display_name: displayName,
        maker: 'Acme Labs',
        description: 'a test model.',
        modality: 'text',
        capabilities: ['streaming'],
        upstream_provider: 'mistral',
        upstream_model: 'ministral-3b-latest',
      });
      expect(created.status).toBe(201);
    };
    const addPrice = async (id: string, body: Record<string, string>) => {
      const price = await admin().call('POST', `/admin/models/${id}/prices`, body);
      expect(price.status).toBe(201);
      return price.body;
    };

    it('are offered only once a price is in effect', async () => {
      await createModel('acme-unpriced', 'Acme Unpriced');
      await addPrice('acme-unpriced', {
        input_per_million: '1',
        output_per_million: '1',
        effective_from: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const list = (await (await get('/v1/models')).json()) as any;
      expect(list.data.map((model: any) => model.id)).not.toContain('acme-unpriced');
      await expectModelNotFound('/models/acme-unpriced.md');
      await expectModelNotFound('/models/acme-unpriced');
      await expectModelNotFound('/v1/models/acme-unpriced');
    });

    it('with a dot in the id get both pages: .md is markdown, anything else is HTML', async () => {
      await createModel('acme-1.5', 'Acme 1.5');
      await addPrice('acme-1.5', { input_per_million: '0.25', output_per_million: '1' });

      const markdown = await text('/models/acme-1.5.md', MARKDOWN);
      expect(markdown.startsWith('# Acme 1.5 API — pricing & specs\n')).toBe(true);
      expect(markdown).toContain('costs $0.25 per 1M input tokens and $1 per 1M output tokens');
      // Same maker only: the seed models are not its relatives, nor is it theirs.
      expect(markdown).not.toContain('Related models');
      const html = await text('/models/acme-1.5', HTML);
      expect(html).toContain('<h1>Acme 1.5 API — pricing &amp; specs</h1>');

      expect(await text('/models.md', MARKDOWN)).toContain(
        '[Acme 1.5](https://keeprouter.com/models/acme-1.5.md)',
      );
      expect(await text('/models/magistral-medium-latest.md', MARKDOWN)).toBe(
        readFileSync(join(FIXTURES, 'magistral-medium-latest.md'), 'utf8'),
      );
      const one = (await (await get('/v1/models/acme-1.5')).json()) as any;
      expect(one).toMatchObject({ id: 'acme-1.5', owned_by: 'acmelabs', name: 'Acme 1.5' });
      expect(one.pricing).toMatchObject({ input_per_million: '0.25', output_per_million: '1' });
    });
  });
});
