import Anthropic from '@anthropic-ai/sdk';
import { APIError } from 'openai';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'mistral-embed';
// mistral-embed: $0.10 per 1M input tokens. 1,234 tokens → 0.0001234.
const FORCE_TOKENS = '[[fake:tokens in=1234 out=0]]';

/** POST /v1/embeddings with the official OpenAI SDK: billed per input token, exactly once. */
describe('POST /v1/embeddings with the OpenAI SDK', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  const ledgerAmount = async (usageRecordId: string) =>
    (
      await system.prisma.ledgerEntry.findUniqueOrThrow({ where: { usageRecordId } })
    ).amount.toString();

  /** Floats of the SDK's answer vs the upstream's own float answer to the same text. */
  const upstreamVector = async (text: string): Promise<number[]> => {
    const response = await fetch(`${system.upstream.url}/embeddings`, {
      method: 'POST',
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, input: text }),
    });
    return ((await response.json()) as { data: Array<{ embedding: number[] }> }).data[0].embedding;
  };

  it('embeds with the SDK default (base64), charged at the upstream count, once', async () => {
    const customer = await fundedCustomer(system);
    const answer = await customer.openai.embeddings.create({
      model: MODEL,
      input: [`Hello ${FORCE_TOKENS}`, 'world'],
    });
    expect(answer.model).toBe(MODEL);
    expect(answer.data.map((item) => item.index)).toEqual([0, 1]);
    expect(answer.data[0].embedding).toHaveLength(1024);
    expect(answer.data[1].embedding).toEqual(await upstreamVector('world'));
    expect(answer.usage).toMatchObject({ prompt_tokens: 1234, total_tokens: 1234 });
    expect((answer.usage as unknown as { cost: string }).cost).toBe('0.0001234');

    // The SDK asked for base64; the gateway asked the upstream for floats and encoded them.
    const [sent] = system.upstream.requests.filter((r) => r.path === '/v1/embeddings');
    expect(sent.body).toEqual({ model: MODEL, input: [`Hello ${FORCE_TOKENS}`, 'world'] });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      id: (answer as unknown as { id: string }).id,
      surface: 'embeddings',
      modelId: MODEL,
      providerId: 'mistral',
      inputTokens: 1234n,
      outputTokens: 0n,
      estimated: false,
    });
    expect(record.cost.toString()).toBe('0.0001234');
    expect(await ledgerAmount(record.id)).toBe('-0.0001234');
    await customer.settled();
    expect(await customer.balance()).toBe('9.9998766');
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(1);
  });

  it('answers floats when asked, and takes token arrays', async () => {
    const customer = await fundedCustomer(system);
    const floats = await customer.openai.embeddings.create({
      model: MODEL,
      input: 'world',
      encoding_format: 'float',
    });
    expect(floats.data[0].embedding).toEqual(await upstreamVector('world'));
    const tokens = await customer.openai.embeddings.create({
      model: MODEL,
      input: [
        [1, 2, 3],
        [4, 5],
      ],
      encoding_format: 'float',
    });
    expect(tokens.data).toHaveLength(2);
    // The fake counts one token per id: 5 tokens at $0.10/M.
    expect(tokens.usage.prompt_tokens).toBe(5);
    const records = await customer.priced(2);
    expect(records.map((r) => r.cost.toFixed()).sort()).toEqual(['0.0000002', '0.0000005']);
  });

  it('refuses bad input with a 400 in OpenAI shape, with no upstream call and no charge', async () => {
    const customer = await fundedCustomer(system);
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ model: MODEL }, 'input'],
      [{ model: MODEL, input: '' }, 'input'],
      [{ model: MODEL, input: [] }, 'input'],
      [{ model: MODEL, input: ['ok', 3] }, 'input[1]'],
      [{ model: MODEL, input: [['a']] }, 'input[0]'],
      [{ model: MODEL, input: [1.5] }, 'input'],
      [{ model: MODEL, input: 'x', encoding_format: 'hex' }, 'encoding_format'],
      [{ model: MODEL, input: 'x', dimensions: 0 }, 'dimensions'],
      // mistral-embed's vectors have a fixed size.
      [{ model: MODEL, input: 'x', dimensions: 256 }, 'dimensions'],
      [{ input: 'x' }, 'model'],
      // A chat model makes no embeddings.
      [{ model: 'magistral-medium-latest', input: 'x' }, 'model'],
    ];
    for (const [body, param] of bad) {
      const response = await fetch(`${system.gateway.url}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
      expect(await response.json()).toEqual({
        error: {
          message: expect.any(String),
          type: 'invalid_request_error',
          param,
          code: expect.any(String),
        },
      });
    }
    await expect(
      customer.openai.embeddings.create({ model: 'nope', input: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(system.upstream.requests).toHaveLength(0);
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
    expect((await customer.get('/v1/account')).available).toBe('10');
  });

  it('refuses chat with the embedding model, on every chat surface', async () => {
    const customer = await fundedCustomer(system);
    const chat = customer.openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    await expect(chat).rejects.toBeInstanceOf(APIError);
    await expect(chat).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('/v1/embeddings'),
    });
    await expect(
      customer.openai.responses.create({ model: MODEL, input: 'Hello' }),
    ).rejects.toMatchObject({ status: 400 });
    const anthropic = new Anthropic({
      apiKey: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    await expect(
      anthropic.messages.create({
        model: MODEL,
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hello' }],
      }),
    ).rejects.toMatchObject({ status: 400, error: { type: 'error' } });
    expect(system.upstream.requests).toHaveLength(0);
  });

  it('holds one token per UTF-8 byte: a balance that cannot cover it gets a 402, no upstream call', async () => {
    // Holds are whole micro-dollars. 6 × "é" is 12 UTF-8 bytes: 12 tokens × $0.10/M = 1.2
    // micro-dollars, held as 2 > the balance of 1 (6 characters would have held 1).
    const poor = await fundedCustomer(system, '0.000001');
    await expect(
      poor.openai.embeddings.create({ model: MODEL, input: 'éééééé' }),
    ).rejects.toMatchObject({ status: 402 });
    expect(system.upstream.requests).toHaveLength(0);
    // 5 bytes hold 0.5 micro-dollar, held as 1: admitted.
    await poor.openai.embeddings.create({ model: MODEL, input: 'hello' });
    expect(system.upstream.requests).toHaveLength(1);
  });

  it('charges nothing when the upstream fails', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.enqueue({ kind: 'error', status: 503 });
    await expect(
      customer.openai.embeddings.create({ model: MODEL, input: 'x' }),
    ).rejects.toMatchObject({ status: 503 });
    expect(system.upstream.requests).toHaveLength(1);
    await customer.settled();
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
    expect(await customer.balance()).toBe('10');
  });
});
