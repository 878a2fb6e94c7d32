import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';
const hello = [{ role: 'user' as const, content: 'Hello' }];
/** The seeded models' default output cap. */
const DEFAULT_CAP = 4096;

async function chat(system: TestSystem, key: string, body: object): Promise<Response> {
  return fetch(`${system.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: hello, ...body }),
  });
}

describe('output caps: the cap sent upstream never exceeds the cap held', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('gives a request without a cap the model default cap, sends it upstream, holds it and shows it', async () => {
    // On $0.05 an uncapped upstream producing 100k tokens ($0.50) would overdraw the account.
    const customer = await fundedCustomer(system, '0.05');
    system.upstream.setDefault({
      kind: 'reply',
      text: 'long',
      usage: { promptTokens: 10, completionTokens: 100_000 },
    });
    const { data, response } = await customer.openai.chat.completions
      .create({ model, messages: hello })
      .withResponse();
    expect(data.choices[0].message.content).toBe('long');
    expect(response.headers.get('x-max-output-tokens')).toBe(String(DEFAULT_CAP));
    const sent = system.upstream.requests[0].body as Record<string, unknown>;
    expect(sent.max_tokens).toBe(DEFAULT_CAP);
    expect(sent).not.toHaveProperty('max_completion_tokens');

    const [record] = await customer.priced(1);
    expect(record.outputTokens).toBe(BigInt(DEFAULT_CAP));
    await customer.settled();
    expect(Number(await customer.balance())).toBeGreaterThanOrEqual(0);
  });

  it('sends Mistral the held cap in max_tokens when the client set max_completion_tokens', async () => {
    const customer = await fundedCustomer(system, '0.05');
    system.upstream.setDefault({
      kind: 'reply',
      text: 'long',
      usage: { promptTokens: 10, completionTokens: 100_000 },
    });
    const response = await chat(system, customer.key, {
      max_completion_tokens: 10,
      max_tokens: 100_000,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-max-output-tokens')).toBe('10');
    const sent = system.upstream.requests[0].body as Record<string, unknown>;
    expect(sent.max_tokens).toBe(10);
    expect(sent).not.toHaveProperty('max_completion_tokens');
    const [record] = await customer.priced(1);
    expect(record.outputTokens).toBe(10n);
  });

  it('holds the cap once per choice: n multiplies the hold', async () => {
    // 1000 output tokens at $5/M = $0.005 a choice; $0.012 covers two choices, not three.
    const customer = await fundedCustomer(system, '0.012');
    const three = await chat(system, customer.key, { max_tokens: 1000, n: 3 });
    expect(three.status).toBe(402);
    expect(system.upstream.requests).toHaveLength(0);
    const two = await chat(system, customer.key, { max_tokens: 1000, n: 2 });
    expect(two.status).toBe(200);
    expect((system.upstream.requests[0].body as { n: number }).n).toBe(2);
  });

  it.each([
    ['zero', 0],
    ['a string', '2'],
    ['above 128', 129],
  ])('refuses n as %s with a 400 naming it, before any upstream call', async (_name, n) => {
    const customer = await fundedCustomer(system);
    const response = await chat(system, customer.key, { n });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({ param: 'n' });
    expect(system.upstream.requests).toHaveLength(0);
  });

  it('shows the cap on streams and on the Anthropic and Responses surfaces', async () => {
    const customer = await fundedCustomer(system);
    const stream = await customer.openai.chat.completions
      .create({ model, messages: hello, stream: true, max_tokens: 77 })
      .withResponse();
    expect(stream.response.headers.get('x-max-output-tokens')).toBe('77');
    for await (const _chunk of stream.data) {
      // drained
    }
    expect((system.upstream.requests[0].body as { max_tokens: number }).max_tokens).toBe(77);

    const messages = await fetch(`${system.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': customer.key, 'content-type': 'application/json' },
      body: JSON.stringify({ model, max_tokens: 55, messages: hello }),
    });
    expect(messages.status).toBe(200);
    expect(messages.headers.get('x-max-output-tokens')).toBe('55');
    expect((system.upstream.requests[1].body as { max_tokens: number }).max_tokens).toBe(55);

    const responses = await customer.openai.responses
      .create({ model, input: 'Hello' })
      .withResponse();
    expect(responses.response.headers.get('x-max-output-tokens')).toBe(String(DEFAULT_CAP));
    expect((system.upstream.requests[2].body as { max_tokens: number }).max_tokens).toBe(
      DEFAULT_CAP,
    );
  });
});
