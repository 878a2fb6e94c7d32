import Anthropic from '@anthropic-ai/sdk';
import { countTokensEstimate } from '@app/llm-formats';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';
const hello = {
  model,
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};
// Magistral Medium, $2/M in, $5/M out: 1,000 in + 500 out = 0.0045.
const usage = { promptTokens: 1000, completionTokens: 500 };
const weatherTool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

/** The Anthropic Messages surface, called with the official Anthropic SDK. */
describe('POST /v1/messages with the Anthropic SDK', () => {
  let system: TestSystem;

  /** A funded customer with an Anthropic client; the SDK adds `/v1/messages` to the origin. */
  async function anthropicCustomer(auth: 'apiKey' | 'authToken' = 'apiKey') {
    const customer = await fundedCustomer(system);
    const anthropic = new Anthropic({
      [auth]: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    return { ...customer, anthropic };
  }

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('answers a message with its content, stop reason and usage, and bills it exactly', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'reply', text: 'Hi there.', usage });
    const message = await customer.anthropic.messages.create(hello);

    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'Hi there.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1000, output_tokens: 500 },
    });
    // Our request id, so that the generation (and its cost) can be looked up by it.
    expect(message.id).toMatch(/^gen_/);

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      id: message.id,
      surface: 'anthropic',
      streamed: false,
      inputTokens: 1000n,
      outputTokens: 500n,
      estimated: false,
    });
    expect(record.cost.toString()).toBe('0.0045');
    expect(await customer.balance()).toBe('9.9955');
    const generation = await customer.get(`/v1/generations/${message.id}`);
    expect(generation).toMatchObject({ surface: 'anthropic', cost: '0.0045' });
  });

  it('sends the upstream an OpenAI request: system prompt first, model and max_tokens translated', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'reply', text: 'Brief.', usage });
    await customer.anthropic.messages.create({
      ...hello,
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Answer in English.' },
      ],
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
    });
    expect(system.upstream.requests).toHaveLength(1);
    const { path, headers, body } = system.upstream.requests[0] as {
      path: string;
      headers: Record<string, string>;
      body: any;
    };
    expect(path).toBe('/v1/chat/completions');
    // The upstream sees the gateway's provider key, never the customer's.
    expect(headers.authorization).not.toContain(customer.key);
    expect(body).toEqual({
      model,
      max_tokens: 1024,
      stop: ['END'],
      user: 'user-42',
      messages: [
        { role: 'system', content: 'You are terse.\n\nAnswer in English.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    await customer.priced(1);
  });

  it('round-trips a tool call: tools out, tool_use back, tool_result out, text back', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({
      kind: 'tool_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      usage,
    });
    const ask = {
      ...hello,
      messages: [{ role: 'user' as const, content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: { type: 'auto' as const },
    };
    const first = await customer.anthropic.messages.create(ask);
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({
      type: 'tool_use',
      id: expect.any(String),
      name: 'get_weather',
      input: { city: 'Paris' },
    });
    if (toolUse?.type !== 'tool_use') throw new Error('no tool_use block');

    const firstUpstream = system.upstream.requests[0].body as any;
    expect(firstUpstream.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'The weather in a city',
          parameters: weatherTool.input_schema,
        },
      },
    ]);
    expect(firstUpstream.tool_choice).toBe('auto');

    system.upstream.setDefault({ kind: 'reply', text: 'Sunny, 21 °C.', usage });
    const second = await customer.anthropic.messages.create({
      ...ask,
      messages: [
        ...ask.messages,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse.id, content: '{"temp":21}' },
            { type: 'text', text: 'And tomorrow?' },
          ],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Sunny, 21 °C.' }]);

    const secondUpstream = system.upstream.requests[1].body as any;
    expect(secondUpstream.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: toolUse.id,
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: toolUse.id, content: '{"temp":21}' },
      { role: 'user', content: 'And tomorrow?' },
    ]);

    await customer.priced(2);
    expect(await customer.balance()).toBe('9.991');
  });

  it('accepts the key as Authorization: Bearer and any anthropic-version / anthropic-beta', async () => {
    const customer = await anthropicCustomer('authToken');
    system.upstream.setDefault({ kind: 'reply', text: 'ok', usage });
    const message = await customer.anthropic.messages.create(hello, {
      headers: {
        'anthropic-version': '2023-06-01',
        'anthropic-beta': 'prompt-caching-2024-07-31,some-future-beta',
      },
    });
    expect(message.content).toEqual([{ type: 'text', text: 'ok' }]);

    // And with no anthropic-version at all, x-api-key only.
    const raw = await fetch(`${system.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': customer.key, 'content-type': 'application/json' },
      body: JSON.stringify(hello),
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('x-request-id')).toMatch(/^gen_/);
    expect(((await raw.json()) as any).id).toBe(raw.headers.get('x-request-id'));
    await customer.priced(2);
    expect(await customer.balance()).toBe('9.991');
  });

  it('serves the beta Messages endpoint (?beta=true), which Claude Code calls', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'reply', text: 'beta ok', usage });
    const message = await customer.anthropic.beta.messages.create({
      ...hello,
      betas: ['interleaved-thinking-2025-05-14'],
    });
    expect(message).toMatchObject({
      content: [{ type: 'text', text: 'beta ok' }],
      stop_reason: 'end_turn',
    });
    expect(system.upstream.requests[0].body).not.toHaveProperty('betas');
    await customer.priced(1);
    expect(await customer.balance()).toBe('9.9955');
  });

  it('counts tokens for free: no hold, no upstream call, no usage event', async () => {
    const customer = await anthropicCustomer();
    const request = {
      model,
      system: 'You are terse.',
      messages: [{ role: 'user' as const, content: 'How many tokens is this?' }],
      tools: [weatherTool],
    };
    const counted = await customer.anthropic.messages.countTokens(request);
    expect(counted).toEqual({ input_tokens: countTokensEstimate(request) });
    expect(counted.input_tokens).toBeGreaterThan(0);

    expect(system.upstream.requests).toHaveLength(0);
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
    expect(await customer.get('/v1/account')).toMatchObject({
      balance: '10',
      available: '10',
      spent_total: '0',
    });
  });

  it('still needs an inference key and a known model to count tokens', async () => {
    const customer = await anthropicCustomer();
    const request = { model, messages: hello.messages };
    await expect(
      new Anthropic({
        apiKey: `kr-${'a'.repeat(48)}`,
        baseURL: system.gateway.url,
        maxRetries: 0,
      }).messages.countTokens(request),
    ).rejects.toMatchObject({ status: 401, type: 'authentication_error' });
    await expect(
      customer.anthropic.messages.countTokens({ ...request, model: 'no-such-model' }),
    ).rejects.toMatchObject({ status: 404, type: 'not_found_error' });
    expect(system.upstream.requests).toHaveLength(0);
  });

  it('costs exactly what the identical OpenAI-surface request costs', async () => {
    const customer = await anthropicCustomer();
    // No fixed usage: the fake upstream derives it from what it received, so equal costs
    // mean both surfaces sent the upstream the same conversation.
    system.upstream.setDefault({ kind: 'reply', text: 'one two three' });
    const viaAnthropic = await customer.anthropic.messages.create({
      ...hello,
      system: 'Be brief.',
    });
    const viaOpenAi = await customer.openai.chat.completions.create({
      model,
      max_tokens: 1024,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(system.upstream.requests[0].body).toEqual(system.upstream.requests[1].body);

    await customer.priced(2);
    const anthropicGeneration = await customer.get(`/v1/generations/${viaAnthropic.id}`);
    const openAiGeneration = await customer.get(`/v1/generations/${viaOpenAi.id}`);
    expect(anthropicGeneration).toMatchObject({ surface: 'anthropic', estimated: false });
    expect(openAiGeneration).toMatchObject({ surface: 'openai', estimated: false });
    expect(anthropicGeneration.input_tokens).toBe(openAiGeneration.input_tokens);
    expect(anthropicGeneration.output_tokens).toBe(openAiGeneration.output_tokens);
    expect(anthropicGeneration.cost).toBe(openAiGeneration.cost);
    // 4 prompt tokens (14 characters) × $2/M + 3 completion tokens × $5/M
    expect(anthropicGeneration.cost).toBe('0.000023');
    expect(viaAnthropic.usage).toMatchObject({ input_tokens: 4, output_tokens: 3 });
  });
});
