import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'codestral-latest';

/**
 * The append-only price table through the admin API: history, and the rules that keep a
 * new price from re-pricing what was already charged.
 */
describe('admin prices API', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;

  const addPrice = (body: Record<string, unknown>, model = MODEL) =>
    admin.call('POST', `/admin/models/${model}/prices`, body);
  const storedPrices = (model = MODEL) => system.prisma.price.count({ where: { modelId: model } });
  const priceAudits = (model = MODEL) =>
    system.prisma.auditLog.findMany({
      where: { targetType: 'model', targetId: model, action: 'price.create' },
      orderBy: { id: 'asc' },
    });

  beforeAll(async () => {
    system = await startSystem();
    admin = adminClient(system.gateway.url);
  });
  afterAll(async () => {
    await system.stop();
  });

  it('keeps the history newest first, with decimal strings and who made each price', async () => {
    const later = new Date(Date.now() + 86_400_000);
    const scheduled = await addPrice({
      input_per_million: '0.000000000001',
      output_per_million: '1234.5',
      cached_input_per_million: '0',
      effective_from: later.toISOString().replace('Z', '+00:00'),
    });
    expect(scheduled.status).toBe(201);
    const current = await addPrice({ input_per_million: '0.35', output_per_million: '1.00' });
    expect(current.status).toBe(201);

    const history = await admin.call('GET', `/admin/models/${MODEL}/prices`);
    expect(history.status).toBe(200);
    expect(history.body.object).toBe('list');
    expect(history.body.data).toEqual([
      {
        id: scheduled.body.id,
        object: 'price',
        model_id: MODEL,
        provider: 'mistral',
        input_per_million: '0.000000000001',
        output_per_million: '1234.5',
        cached_input_per_million: '0',
        cache_write_input_per_million: null,
        currency: 'usd',
        effective_from: later.toISOString(),
        created_by: 'admin',
        created_at: expect.any(String),
      },
      {
        id: current.body.id,
        object: 'price',
        model_id: MODEL,
        provider: 'mistral',
        input_per_million: '0.35',
        output_per_million: '1',
        cached_input_per_million: null,
        cache_write_input_per_million: null,
        currency: 'usd',
        effective_from: current.body.effective_from,
        created_by: 'admin',
        created_at: expect.any(String),
      },
      expect.objectContaining({
        id: 'price_seed_codestral-latest',
        input_per_million: '0.3',
        effective_from: '2026-07-05T00:00:00.000Z',
        created_by: 'seed',
      }),
    ]);
    expect(scheduled.body.id).toMatch(/^price_[0-9A-Za-z]{24}$/);

    // The model shows the price in effect now, not the scheduled one.
    const model = await admin.call('GET', `/admin/models/${MODEL}`);
    expect(model.body.current_price.id).toBe(current.body.id);

    // Each write is audited with the price it supersedes from its instant on.
    const audits = await priceAudits();
    expect(audits.map((entry) => [entry.actor, (entry.after as any).id])).toEqual([
      ['admin', scheduled.body.id],
      ['admin', current.body.id],
    ]);
    expect((audits[0].before as any).id).toBe('price_seed_codestral-latest');
    expect((audits[1].before as any).id).toBe('price_seed_codestral-latest');
  });

  it('refuses a price effective at or before an already priced request, storing nothing', async () => {
    const customer = await fundedCustomer(system);
    await customer.openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const [record] = await customer.priced(1);
    const occurredAt: Date = record.occurredAt;
    const pricesBefore = await storedPrices();
    const auditsBefore = (await priceAudits()).length;

    for (const instant of [new Date(occurredAt.getTime() - 1), occurredAt]) {
      const refused = await addPrice({
        input_per_million: '5',
        output_per_million: '5',
        effective_from: instant.toISOString(),
      });
      // In the past, so refused before the usage is even looked at (the 409 for an instant
      // at or before a priced request stays, for a gateway whose clock runs ahead).
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'invalid_request',
        param: 'effective_from',
      });
    }
    expect(await storedPrices()).toBe(pricesBefore);
    expect(await priceAudits()).toHaveLength(auditsBefore);

    // From now on is fine: that request keeps its price.
    const after = await addPrice({ input_per_million: '5', output_per_million: '5' });
    expect(after.status).toBe(201);
    const generation = await customer.get(`/v1/generations/${record.id}`);
    expect(generation.price.input_per_million).toBe('0.35');
  });

  it('refuses any effective_from earlier than now, even a few seconds (400)', async () => {
    const model = 'ministral-3b-latest';
    const before = await storedPrices(model);
    for (const agoMs of [61_000, 5_000, 1_000]) {
      const refused = await addPrice(
        {
          input_per_million: '1',
          output_per_million: '1',
          effective_from: new Date(Date.now() - agoMs).toISOString(),
        },
        model,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'invalid_request',
        param: 'effective_from',
      });
    }
    expect(await storedPrices(model)).toBe(before);

    // Now (the default) and later are taken as given.
    const later = new Date(Date.now() + 60_000).toISOString();
    const accepted = await addPrice(
      { input_per_million: '1', output_per_million: '1', effective_from: later },
      model,
    );
    expect(accepted.status).toBe(201);
    expect(accepted.body.effective_from).toBe(later);
  });

  it('refuses a second price at the same instant (409), however it is spelled', async () => {
    const model = 'ministral-14b-latest';
    const at = new Date(Date.now() + 3_600_000);
    at.setUTCMilliseconds(0);
    const first = await addPrice(
      { input_per_million: '1', output_per_million: '2', effective_from: at.toISOString() },
      model,
    );
    expect(first.status).toBe(201);
    const before = await storedPrices(model);
    const sameInstant = new Date(at.getTime() + 2 * 3_600_000)
      .toISOString()
      .replace('.000Z', '.000400+02:00');
    for (const effectiveFrom of [at.toISOString(), sameInstant]) {
      const duplicate = await addPrice(
        { input_per_million: '3', output_per_million: '4', effective_from: effectiveFrom },
        model,
      );
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({ code: 'conflict', param: 'effective_from' });
    }
    expect(await storedPrices(model)).toBe(before);
  });

  it('serialises concurrent writes: of ten prices at one instant, exactly one is stored', async () => {
    const model = 'ministral-8b-latest';
    const at = new Date(Date.now() + 7_200_000).toISOString();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addPrice({ input_per_million: `${i}`, output_per_million: '1', effective_from: at }, model),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(
      await system.prisma.price.count({ where: { modelId: model, effectiveFrom: new Date(at) } }),
    ).toBe(1);
  });

  it('prices a retired model too, so it can be priced before it is offered again', async () => {
    const model = 'devstral-medium-latest';
    expect((await admin.call('PUT', `/admin/models/${model}`, { status: 'retired' })).status).toBe(
      200,
    );
    const price = await addPrice({ input_per_million: '0.5', output_per_million: '2.5' }, model);
    expect(price.status).toBe(201);
    expect((await admin.call('GET', `/admin/models/${model}`)).body).toMatchObject({
      status: 'retired',
      current_price: { id: price.body.id },
    });
  });
});
