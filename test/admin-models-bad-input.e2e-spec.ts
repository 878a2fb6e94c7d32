import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

const VALID_MODEL = {
  id: 'acme-small',
  display_name: 'Acme Small',
  maker: 'Acme Labs',
  description: 'Acme Small — a test model.',
  modality: 'text',
  capabilities: ['streaming'],
  upstream_provider: 'mistral',
  upstream_model: 'ministral-3b-latest',
};
const VALID_PRICE = { input_per_million: '1', output_per_million: '2' };
const PRICES = '/admin/models/magistral-medium-latest/prices';
const MODEL = '/admin/models/magistral-medium-latest';

type Case = [name: string, method: string, path: string, body: unknown, param: string | null];

const createModel = (change: Record<string, unknown>): unknown => ({ ...VALID_MODEL, ...change });
const withoutField = (body: Record<string, unknown>, field: string) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== field));
const price = (change: Record<string, unknown>): unknown => ({ ...VALID_PRICE, ...change });

const CASES: Case[] = [
  // POST /admin/models
  ['missing id', 'POST', '/admin/models', withoutField(VALID_MODEL, 'id'), 'id'],
  ['numeric id', 'POST', '/admin/models', createModel({ id: 42 }), 'id'],
  ['upper-case id', 'POST', '/admin/models', createModel({ id: 'Acme-Small' }), 'id'],
  ['id with a slash', 'POST', '/admin/models', createModel({ id: 'acme/small' }), 'id'],
  ['id starting with a dot', 'POST', '/admin/models', createModel({ id: '.acme' }), 'id'],
  ['id ending in .md', 'POST', '/admin/models', createModel({ id: 'acme.md' }), 'id'],
  ['id of 129 characters', 'POST', '/admin/models', createModel({ id: 'a'.repeat(129) }), 'id'],
  [
    'numeric display_name',
    'POST',
    '/admin/models',
    createModel({ display_name: 7 }),
    'display_name',
  ],
  [
    'empty display_name',
    'POST',
    '/admin/models',
    createModel({ display_name: '' }),
    'display_name',
  ],
  [
    'two-line display_name',
    'POST',
    '/admin/models',
    createModel({ display_name: 'A\nB' }),
    'display_name',
  ],
  ['missing maker', 'POST', '/admin/models', withoutField(VALID_MODEL, 'maker'), 'maker'],
  [
    'description without a full stop',
    'POST',
    '/admin/models',
    createModel({ description: 'a model' }),
    'description',
  ],
  ['capitalised modality', 'POST', '/admin/models', createModel({ modality: 'Text' }), 'modality'],
  [
    'capabilities as a string',
    'POST',
    '/admin/models',
    createModel({ capabilities: 'streaming' }),
    'capabilities',
  ],
  [
    'numeric capability',
    'POST',
    '/admin/models',
    createModel({ capabilities: [1] }),
    'capabilities',
  ],
  [
    'repeated capability',
    'POST',
    '/admin/models',
    createModel({ capabilities: ['tools', 'tools'] }),
    'capabilities',
  ],
  [
    'another upstream provider',
    'POST',
    '/admin/models',
    createModel({ upstream_provider: 'openai' }),
    'upstream_provider',
  ],
  [
    'upstream_model with a space',
    'POST',
    '/admin/models',
    createModel({ upstream_model: 'a b' }),
    'upstream_model',
  ],
  [
    'max tokens as a string',
    'POST',
    '/admin/models',
    createModel({ default_max_output_tokens: '100' }),
    'default_max_output_tokens',
  ],
  [
    'fractional max tokens',
    'POST',
    '/admin/models',
    createModel({ default_max_output_tokens: 1.5 }),
    'default_max_output_tokens',
  ],
  [
    'zero max tokens',
    'POST',
    '/admin/models',
    createModel({ default_max_output_tokens: 0 }),
    'default_max_output_tokens',
  ],
  ['status on create', 'POST', '/admin/models', createModel({ status: 'retired' }), 'status'],
  ['unknown field on create', 'POST', '/admin/models', createModel({ price: '1' }), 'price'],
  ['malformed JSON on create', 'POST', '/admin/models', '{"id": "acme', null],
  // PUT /admin/models/:id
  ['empty update', 'PUT', MODEL, {}, null],
  ['null display_name', 'PUT', MODEL, { display_name: null }, 'display_name'],
  ['unknown status', 'PUT', MODEL, { status: 'deleted' }, 'status'],
  ['id in an update', 'PUT', MODEL, { id: 'renamed' }, 'id'],
  [
    'another upstream on update',
    'PUT',
    MODEL,
    { upstream_provider: 'anthropic' },
    'upstream_provider',
  ],
  ['numeric capabilities on update', 'PUT', MODEL, { capabilities: 3 }, 'capabilities'],
  ['unknown field on update', 'PUT', MODEL, { price: '3' }, 'price'],
  ['malformed id on update', 'PUT', '/admin/models/Magistral', { maker: 'X' }, 'id'],
  // GET /admin/models/:id and its prices
  ['malformed id', 'GET', '/admin/models/Magistral_', undefined, 'id'],
  ['id ending in .md', 'GET', '/admin/models/magistral.md', undefined, 'id'],
  ['malformed id of prices', 'GET', '/admin/models/a%20b/prices', undefined, 'id'],
  // POST /admin/models/:id/prices
  ['price as a JSON number', 'POST', PRICES, price({ input_per_million: 2 }), 'input_per_million'],
  [
    'missing output price',
    'POST',
    PRICES,
    withoutField(VALID_PRICE, 'output_per_million'),
    'output_per_million',
  ],
  ['negative price', 'POST', PRICES, price({ input_per_million: '-1' }), 'input_per_million'],
  [
    '13 decimals',
    'POST',
    PRICES,
    price({ output_per_million: '0.0000000000001' }),
    'output_per_million',
  ],
  ['exponent notation', 'POST', PRICES, price({ input_per_million: '1e-3' }), 'input_per_million'],
  ['empty price', 'POST', PRICES, price({ input_per_million: '' }), 'input_per_million'],
  ['null price', 'POST', PRICES, price({ input_per_million: null }), 'input_per_million'],
  [
    'cached price as a number',
    'POST',
    PRICES,
    price({ cached_input_per_million: 0.5 }),
    'cached_input_per_million',
  ],
  [
    'negative cached price',
    'POST',
    PRICES,
    price({ cached_input_per_million: '-0.1' }),
    'cached_input_per_million',
  ],
  ['date in words', 'POST', PRICES, price({ effective_from: 'tomorrow' }), 'effective_from'],
  [
    'date without a time',
    'POST',
    PRICES,
    price({ effective_from: '2099-07-05' }),
    'effective_from',
  ],
  [
    'date without a zone',
    'POST',
    PRICES,
    price({ effective_from: '2099-07-05T00:00:00' }),
    'effective_from',
  ],
  [
    'impossible date',
    'POST',
    PRICES,
    price({ effective_from: '2099-02-30T00:00:00Z' }),
    'effective_from',
  ],
  ['date as a number', 'POST', PRICES, price({ effective_from: 4102444800 }), 'effective_from'],
  ['unknown field on a price', 'POST', PRICES, price({ currency: 'usd' }), 'currency'],
  ['malformed model id of a price', 'POST', '/admin/models/-x/prices', VALID_PRICE, 'id'],
  ['malformed JSON on a price', 'POST', PRICES, '{"input_per_million": ', null],
];

/** Every admin models endpoint refuses bad input with a 400 naming the field, and changes nothing. */
describe('admin models API: bad input', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;
  let snapshot: string;

  const state = async () =>
    JSON.stringify([
      await system.prisma.model.findMany({ orderBy: { id: 'asc' } }),
      await system.prisma.price.findMany({ orderBy: { id: 'asc' } }),
      await system.prisma.auditLog.count(),
    ]);

  beforeAll(async () => {
    system = await startSystem({ worker: false });
    admin = adminClient(system.gateway.url);
    snapshot = await state();
  });
  afterAll(async () => {
    await system.stop();
  });

  it.each(CASES)('%s: %s %s → 400', async (_name, method, path, body, param) => {
    const answer = await admin.call(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        message: expect.any(String),
        type: 'invalid_request_error',
        param,
        code: 'invalid_request',
      },
    });
    if (param !== null) expect(answer.body.error.message).toContain(param);
  });

  it('changed nothing', async () => {
    expect(await state()).toBe(snapshot);
  });

  it('the valid bodies the cases start from are accepted', async () => {
    expect((await admin.call('POST', '/admin/models', VALID_MODEL)).status).toBe(201);
    expect((await admin.call('POST', PRICES, VALID_PRICE)).status).toBe(201);
    expect((await admin.call('PUT', MODEL, { maker: 'Mistral AI' })).status).toBe(200);
  });
});
