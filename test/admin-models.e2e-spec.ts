import OpenAI from 'openai';
import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const NEW_MODEL = {
  id: 'acme-large-2.1',
  display_name: 'Acme Large',
  maker: 'Acme Labs',
  description: 'Acme Large — a test model served by the Mistral upstream.',
  modality: 'text',
  capabilities: ['streaming', 'tools', 'vision'],
  upstream_provider: 'mistral',
  upstream_model: 'mistral-large-2411',
  default_max_output_tokens: 2048,
};

/** The operator's catalogue: list, read, create, change and retire models. */
describe('admin models API', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;

  const auditOf = (targetId: string) =>
    system.prisma.auditLog.findMany({
      where: { targetType: 'model', targetId },
      orderBy: { id: 'asc' },
    });
  const listedIds = async () =>
    ((await (await fetch(`${system.gateway.url}/v1/models`)).json()) as any).data.map(
      (model: any) => model.id,
    );

  beforeAll(async () => {
    system = await startSystem();
    admin = adminClient(system.gateway.url);
  });
  afterAll(async () => {
    await system.stop();
  });

  it('refuses every route without the admin token', async () => {
    const stranger = adminClient(system.gateway.url, 'not-the-token');
    for (const [method, path, body] of [
      ['GET', '/admin/models'],
      ['GET', '/admin/models/magistral-medium-latest'],
      ['POST', '/admin/models', NEW_MODEL],
      ['PUT', '/admin/models/magistral-medium-latest', { status: 'retired' }],
      ['GET', '/admin/models/magistral-medium-latest/prices'],
      ['POST', '/admin/models/magistral-medium-latest/prices', { input_per_million: '0' }],
    ] as const) {
      const answer = await stranger.call(method, path, body);
      expect([method, path, answer.status]).toEqual([method, path, 401]);
    }
    expect(await system.prisma.auditLog.count()).toBe(0);
    expect(await system.prisma.model.count()).toBe(8);
  });

  it('lists every model with its catalogue fields and current price', async () => {
    const list = await admin.call('GET', '/admin/models');
    expect(list.status).toBe(200);
    expect(list.body.object).toBe('list');
    expect(list.body.data).toHaveLength(8);
    const magistral = list.body.data.find((m: any) => m.id === 'magistral-medium-latest');
    expect(magistral).toEqual({
      id: 'magistral-medium-latest',
      object: 'model',
      display_name: 'Magistral Medium',
      maker: 'Mistral AI',
      description: expect.stringMatching(/^Magistral — a reasoning-focused model/),
      modality: 'text',
      capabilities: ['streaming', 'tools'],
      endpoints: [
        {
          provider: 'mistral',
          upstream_model: 'magistral-medium-latest',
          current_price: expect.objectContaining({ id: 'price_seed_magistral-medium-latest' }),
        },
      ],
      upstream_provider: 'mistral',
      upstream_model: 'magistral-medium-latest',
      default_max_output_tokens: 4096,
      status: 'active',
      created_at: expect.any(String),
      updated_at: expect.any(String),
      current_price: {
        id: 'price_seed_magistral-medium-latest',
        object: 'price',
        model_id: 'magistral-medium-latest',
        provider: 'mistral',
        input_per_million: '2',
        output_per_million: '5',
        cache_write_input_per_million: null,
        cached_input_per_million: null,
        currency: 'usd',
        effective_from: '2026-07-05T00:00:00.000Z',
        created_by: 'seed',
        created_at: expect.any(String),
      },
    });
    const one = await admin.call('GET', '/admin/models/magistral-medium-latest');
    expect(one.status).toBe(200);
    expect(one.body).toEqual(magistral);
  });

  it('answers 404 for an unknown model on every route', async () => {
    for (const [method, path, body] of [
      ['GET', '/admin/models/no-such-model'],
      ['PUT', '/admin/models/no-such-model', { maker: 'Nobody' }],
      ['GET', '/admin/models/no-such-model/prices'],
      [
        'POST',
        '/admin/models/no-such-model/prices',
        { input_per_million: '1', output_per_million: '1' },
      ],
    ] as const) {
      const answer = await admin.call(method, path, body);
      expect([method, path, answer.status, answer.body.error.code]).toEqual([
        method,
        path,
        404,
        'not_found',
      ]);
    }
    expect(await system.prisma.auditLog.count()).toBe(0);
  });

  it('creates a model, prices it, and customers call it through the OpenAI SDK', async () => {
    const created = await admin.call('POST', '/admin/models', NEW_MODEL);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...NEW_MODEL,
      object: 'model',
      status: 'active',
      current_price: null,
    });

    const customer = await fundedCustomer(system);
    // Not priced yet: it cannot be sold, so it is not offered.
    expect(await listedIds()).not.toContain(NEW_MODEL.id);

    const price = await admin.call('POST', `/admin/models/${NEW_MODEL.id}/prices`, {
      input_per_million: '3',
      output_per_million: '9',
      cached_input_per_million: '0.3',
    });
    expect(price.status).toBe(201);
    expect(await listedIds()).toContain(NEW_MODEL.id);

    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500, cachedTokens: 400 },
    });
    const completion = await customer.openai.chat.completions.create({
      model: NEW_MODEL.id,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(completion.choices[0].message.content).toBeTruthy();
    // The upstream is asked for the upstream model, not for our catalogue id.
    expect((system.upstream.requests.at(-1)?.body as any).model).toBe('mistral-large-2411');
    system.upstream.reset();
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ modelId: NEW_MODEL.id, priceId: price.body.id });
    // 600 × 3 + 400 × 0.3 + 500 × 9, per million.
    expect(record.cost.toString()).toBe('0.00642');

    const retrieved = await customer.openai.models.retrieve(NEW_MODEL.id);
    expect(retrieved).toMatchObject({ id: NEW_MODEL.id, owned_by: 'acmelabs' });
    expect((retrieved as any).pricing.cached_input_per_million).toBe('0.3');

    const audit = await auditOf(NEW_MODEL.id);
    expect(audit.map((entry) => [entry.actor, entry.action])).toEqual([
      ['admin', 'model.create'],
      ['admin', 'price.create'],
    ]);
    expect(audit[0].before).toBeNull();
    expect(audit[0].after).toMatchObject({
      id: NEW_MODEL.id,
      upstream_model: 'mistral-large-2411',
    });
    expect(audit[1].before).toBeNull();
    expect(audit[1].after).toMatchObject({ id: price.body.id, input_per_million: '3' });
  });

  it('refuses a second model with the same id (409) and leaves the first as it was', async () => {
    const again = await admin.call('POST', '/admin/models', { ...NEW_MODEL, maker: 'Other' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', param: 'id' });
    const stored = await system.prisma.model.findUniqueOrThrow({ where: { id: NEW_MODEL.id } });
    expect(stored.maker).toBe('Acme Labs');
    expect((await auditOf(NEW_MODEL.id)).map((entry) => entry.action)).toEqual([
      'model.create',
      'price.create',
    ]);
  });

  it('updates the given fields only, and the pages follow', async () => {
    const updated = await admin.call('PUT', `/admin/models/${NEW_MODEL.id}`, {
      display_name: 'Acme Large 2.1',
      capabilities: ['streaming'],
      default_max_output_tokens: 1024,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      display_name: 'Acme Large 2.1',
      maker: 'Acme Labs',
      capabilities: ['streaming'],
      default_max_output_tokens: 1024,
      current_price: { input_per_million: '3', output_per_million: '9' },
    });
    const markdown = await (await fetch(`${system.gateway.url}/models/${NEW_MODEL.id}.md`)).text();
    expect(markdown.startsWith('# Acme Large 2.1 API — pricing & specs\n')).toBe(true);

    const [, , update] = await auditOf(NEW_MODEL.id);
    expect(update.action).toBe('model.update');
    expect(update.before).toMatchObject({
      display_name: 'Acme Large',
      capabilities: NEW_MODEL.capabilities,
    });
    expect(update.after).toMatchObject({
      display_name: 'Acme Large 2.1',
      capabilities: ['streaming'],
    });
  });

  it('retires a model: inference 404 at once, gone from the catalogue, history kept', async () => {
    const model = 'ministral-8b-latest';
    const customer = await fundedCustomer(system);
    const ask = () =>
      customer.openai.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Hello' }],
      });
    const past = await ask();
    await customer.priced(1);

    const retired = await admin.call('PUT', `/admin/models/${model}`, { status: 'retired' });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ id: model, status: 'retired' });

    // The gateway had the model cached from the request above: the write cleared it.
    await expect(ask()).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    expect(await listedIds()).not.toContain(model);
    for (const path of [`/models/${model}.md`, `/models/${model}`, `/v1/models/${model}`]) {
      expect((await fetch(`${system.gateway.url}${path}`)).status).toBe(404);
    }
    expect(await (await fetch(`${system.gateway.url}/models.md`)).text()).not.toContain(model);

    expect(await customer.get(`/v1/generations/${past.id}`)).toMatchObject({
      id: past.id,
      model,
      price: { input_per_million: '0.15' },
    });
    const adminView = await admin.call('GET', `/admin/models/${model}`);
    expect(adminView.body).toMatchObject({
      status: 'retired',
      current_price: { input_per_million: '0.15' },
    });
    expect((await admin.call('GET', '/admin/models')).body.data).toHaveLength(9);
    expect((await admin.call('GET', `/admin/models/${model}/prices`)).body.data).toHaveLength(1);
    const [audit] = await auditOf(model);
    expect(audit).toMatchObject({
      action: 'model.update',
      before: expect.objectContaining({ status: 'active' }),
      after: expect.objectContaining({ status: 'retired' }),
    });

    const reactivated = await admin.call('PUT', `/admin/models/${model}`, { status: 'active' });
    expect(reactivated.body.status).toBe('active');
    const again = await ask();
    expect(again.model).toBeDefined();
    expect(await listedIds()).toContain(model);
  });

  it('is what the official SDK lists', async () => {
    const customer = await fundedCustomer(system);
    const client = new OpenAI({
      apiKey: customer.key,
      baseURL: `${system.gateway.url}/v1`,
      maxRetries: 0,
    });
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(
      (await admin.call('GET', '/admin/models')).body.data
        .filter((m: any) => m.status === 'active' && m.current_price !== null)
        .map((m: any) => m.id)
        .sort(),
    );
  });
});
