import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'magistral-medium-latest';
const PUBLISHED = readFileSync(
  join(__dirname, `../libs/catalogue/src/__fixtures__/${MODEL}.md`),
  'utf8',
);

/**
 * A price the operator adds shows on the public pages and in /v1/models on the next
 * request, and the next inference request is charged at it; earlier ones keep theirs.
 */
describe('a price change, end to end', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;

  const page = async (path: string) => (await fetch(`${system.gateway.url}${path}`)).text();
  const listed = async () =>
    ((await (await fetch(`${system.gateway.url}/v1/models`)).json()) as any).data.find(
      (model: any) => model.id === MODEL,
    );

  beforeAll(async () => {
    system = await startSystem({ env: { PUBLIC_BASE_URL: 'https://keeprouter.com' } });
    admin = adminClient(system.gateway.url);
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
  });
  afterAll(async () => {
    await system.stop();
  });

  it('a scheduled price shows nowhere before it takes effect', async () => {
    const scheduled = await admin.call('POST', `/admin/models/${MODEL}/prices`, {
      input_per_million: '9',
      output_per_million: '9',
      effective_from: '2099-01-01T00:00:00Z',
    });
    expect(scheduled.status).toBe(201);
    expect(await page(`/models/${MODEL}.md`)).toBe(PUBLISHED);
    expect((await listed()).pricing.input_per_million).toBe('2');
  });

  it('charges the old price before the change and the new one right after it', async () => {
    const customer = await fundedCustomer(system);
    const ask = () =>
      customer.openai.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Hello' }],
      });

    const before = await ask();
    expect((before.usage as any).cost).toBe('0.0045');
    await customer.priced(1);

    const change = await admin.call('POST', `/admin/models/${MODEL}/prices`, {
      input_per_million: '2.50',
      output_per_million: '7.25',
    });
    expect(change.status).toBe(201);
    expect(change.body).toMatchObject({
      object: 'price',
      model_id: MODEL,
      input_per_million: '2.5',
      output_per_million: '7.25',
      cached_input_per_million: null,
      created_by: 'admin',
    });
    const effectiveFrom: string = change.body.effective_from;
    expect(Math.abs(Date.parse(effectiveFrom) - Date.now())).toBeLessThan(5_000);

    // The gateway's own caches were cleared: the answer already shows the new cost.
    const after = await ask();
    expect((after.usage as any).cost).toBe('0.006125');
    const records = await customer.priced(2);
    const costs = Object.fromEntries(records.map((r: any) => [r.id, r.cost.toString()]));
    expect(costs[before.id]).toBe('0.0045');
    expect(costs[after.id]).toBe('0.006125');
    expect(records.find((r: any) => r.id === after.id)!.priceId).toBe(change.body.id);

    const generation = await customer.get(`/v1/generations/${after.id}`);
    expect(generation).toMatchObject({
      cost: '0.006125',
      price: { id: change.body.id, input_per_million: '2.5', output_per_million: '7.25' },
    });
    expect(await customer.balance()).toBe('9.989375');
  });

  it('changes the model page: summary, spec table, FAQ, example cost and date', async () => {
    const markdown = await page(`/models/${MODEL}.md`);
    const today = new Date().toISOString().slice(0, 10);
    expect(markdown).toContain(
      'On KeepRouter, Magistral Medium costs $2.50 per 1M input tokens and $7.25 per 1M ' +
        'output tokens, billed at cost with no markup and no monthly fee (e.g. a 1,000-token ' +
        'prompt with a 500-token reply costs about $0.006125).',
    );
    expect(markdown).toContain('| Input price | $2.50 per 1M tokens |\n');
    expect(markdown).toContain('| Output price | $7.25 per 1M tokens |\n');
    expect(markdown).toContain(
      'Magistral Medium is $2.50 per 1M input tokens and $7.25 per 1M output tokens, billed ' +
        'at cost with no markup and no monthly fee.',
    );
    expect(markdown).toContain(
      'On KeepRouter, a 1,000-token prompt with a 500-token reply costs about $0.006125',
    );
    expect(markdown).not.toContain('$0.0045');
    expect(markdown).not.toContain('$5 per 1M');
    expect(markdown.endsWith(`_Prices as of ${today}._\n`)).toBe(true);
    // Only the figures changed: the rest of the page is the published one.
    const figures = (text: string) =>
      text
        .replace(/\$[\d.]+/g, '$X')
        .replace(/\d{4}-\d{2}-\d{2}/, 'DATE')
        .split('\n');
    expect(figures(markdown)).toEqual(figures(PUBLISHED));
  });

  it('changes the catalogue, its HTML twin, the related models of other pages and /v1/models', async () => {
    expect(await page('/models.md')).toContain(
      '| [Magistral Medium](https://keeprouter.com/models/magistral-medium-latest.md) | `magistral-medium-latest` | $2.50 | $7.25 | $0.006125 |',
    );
    expect(await page(`/models/${MODEL}`)).toContain('$2.50 per 1M input tokens');
    expect(await page('/models/ministral-14b-latest.md')).toContain(
      '[Magistral Medium](https://keeprouter.com/models/magistral-medium-latest.md) — $2.50 per 1M input tokens and $7.25 per 1M output tokens',
    );
    expect((await listed()).pricing).toMatchObject({
      input_per_million: '2.5',
      output_per_million: '7.25',
      cached_input_per_million: null,
    });
  });
});
