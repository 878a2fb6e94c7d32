import { insertAccountWithKey } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/**
 * Issue 13: the inference routes at their exact paths are served below Nest's router
 * (InferenceFastPath); any other spelling still reaches Nest. Both must answer, check keys
 * and bill identically.
 */
describe('the inference fast path', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system.stop();
  });

  const post = (path: string, key: string, body: unknown) =>
    fetch(`${system.gateway.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const hello = { model: 'magistral-medium-latest', messages: [{ role: 'user', content: 'Hi' }] };

  it('answers and bills the exact path (fast path) and the trailing-slash path (Nest) alike', async () => {
    const customer = await fundedCustomer(system, '10');
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const fast = await post('/v1/chat/completions', customer.key, hello);
    const routed = await post('/v1/chat/completions/', customer.key, hello);
    expect([fast.status, routed.status]).toEqual([200, 200]);
    const [fastBody, routedBody] = (await Promise.all([fast.json(), routed.json()])) as any[];
    expect(fastBody.id).toBe(fast.headers.get('x-request-id'));
    expect(routedBody.id).toBe(routed.headers.get('x-request-id'));
    expect(fastBody.usage.cost).toBe(routedBody.usage.cost);
    expect(fast.headers.get('x-max-output-tokens')).toBe(routed.headers.get('x-max-output-tokens'));
    const records = await customer.priced(2);
    expect(records.map((record) => record.cost.toString())).toEqual([
      records[0].cost.toString(),
      records[0].cost.toString(),
    ]);
  });

  it("refuses a management key in each surface's own error shape, before any upstream call", async () => {
    const management = await insertAccountWithKey(system.prisma, {
      balance: '5',
      scope: 'management',
    });
    const before = system.upstream.requests.length;
    const openai = await post('/v1/chat/completions', management.key, hello);
    expect(openai.status).toBe(403);
    expect(((await openai.json()) as any).error.code).toBe('permission_denied');
    const anthropic = await post('/v1/messages', management.key, {
      model: 'magistral-medium-latest',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(anthropic.status).toBe(403);
    const body = (await anthropic.json()) as any;
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('permission_error');
    expect(system.upstream.requests.length).toBe(before);
  });

  it('leaves other methods on an inference path to Nest (404, not served)', async () => {
    const customer = await fundedCustomer(system, '1');
    const response = await fetch(`${system.gateway.url}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${customer.key}` },
    });
    expect(response.status).toBe(404);
  });
});
