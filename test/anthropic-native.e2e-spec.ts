import Anthropic from '@anthropic-ai/sdk';
import { type FakeAnthropicUpstream, startFakeAnthropicUpstream } from '@app/fake-upstream';
import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'magistral-small-latest';
const KEY = 'sk-ant-upstream-secret-0123456789';
// 10 uncached + 100 cache reads + 20 cache writes in, 9 out.
const USAGE = {
  inputTokens: 10,
  outputTokens: 9,
  cacheReadInputTokens: 100,
  cacheCreationInputTokens: 20,
};
// $3 in, $0.30 cache reads, $3.75 cache writes, $15 out per million:
// (10 × 3 + 100 × 0.3 + 20 × 3.75 + 9 × 15) / 10^6 = 270 / 10^6.
const COST = '0.00027';
const SYSTEM = [
  { type: 'text' as const, text: 'You are a careful assistant.' },
  {
    type: 'text' as const,
    text: 'A long, stable prefix worth caching.',
    cache_control: { type: 'ephemeral' as const },
  },
];
const WEATHER = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
  cache_control: { type: 'ephemeral' as const },
};

/**
 * A model served by an Anthropic-dialect provider, asked through /v1/messages: the request
 * goes natively (cache_control, thinking and tool blocks intact), the answer and the stream
 * come back as the provider sent them, and the charge is at the provider's own counts with
 * cache reads and cache writes at their own rates, exactly once.
 */
describe('the native Anthropic path', () => {
  let system: TestSystem;
  let claude: FakeAnthropicUpstream;

  beforeAll(async () => {
    claude = await startFakeAnthropicUpstream();
    system = await startSystem({ env: { CLAUDE_API_KEY: KEY } });
    const admin = adminClient(system.gateway.url);
    await admin.call('PUT', '/admin/providers/claude', {
      name: 'Claude Cloud',
      dialect: 'anthropic',
      base_url: claude.url,
      api_key_env: 'CLAUDE_API_KEY',
    });
    await admin.call('PUT', `/admin/models/${MODEL}`, {
      endpoints: [{ provider: 'claude', upstream_model: 'claude-fake-1' }],
    });
    const price = await admin.call('POST', `/admin/models/${MODEL}/prices`, {
      provider: 'claude',
      input_per_million: '3',
      cached_input_per_million: '0.30',
      cache_write_input_per_million: '3.75',
      output_per_million: '15',
    });
    expect(price.status).toBe(201);
    expect(price.body).toMatchObject({
      provider: 'claude',
      cached_input_per_million: '0.3',
      cache_write_input_per_million: '3.75',
    });
  });
  afterEach(() => claude.reset());
  afterAll(async () => {
    await system.stop();
    await claude.close();
  });

  const anthropicOf = (key: string) =>
    new Anthropic({ apiKey: key, baseURL: system.gateway.url, maxRetries: 0 });

  /** The one usage record of the customer, its one ledger entry, and the balance after. */
  async function expectChargedOnce(customer: Awaited<ReturnType<typeof fundedCustomer>>) {
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      providerId: 'claude',
      surface: 'anthropic',
      inputTokens: 130n,
      cachedInputTokens: 100n,
      cacheWriteInputTokens: 20n,
      outputTokens: 9n,
      estimated: false,
    });
    expect(record.cost.toFixed()).toBe(COST);
    const entries = await system.prisma.ledgerEntry.findMany({
      where: { accountId: customer.accountId, kind: 'usage' },
    });
    expect(entries.map((entry) => entry.amount.toFixed())).toEqual([`-${COST}`]);
    await customer.settled();
    expect(await customer.balance()).toBe('0.99973');
    const generation = await customer.get(`/v1/generations/${record.id}`);
    expect(generation).toMatchObject({
      provider: 'claude',
      cache_write_input_tokens: 20,
      cost: COST,
      price: { cache_write_input_per_million: '3.75' },
    });
    return record;
  }

  it('passes a request with tools, cache_control, thinking and a system turn natively', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'tool_use', input: { city: 'Oslo' }, usage: USAGE });
    const message = await anthropicOf(customer.key).beta.messages.create({
      model: MODEL,
      max_tokens: 2048,
      system: SYSTEM,
      tools: [WEATHER],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      betas: ['context-management-2025-06-27'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Oslo?', cache_control: { type: 'ephemeral' } },
          ],
        },
        // Current Claude Code sends system turns inside messages.
        { role: 'system', content: 'Sub-agents: none.' } as never,
      ],
    });

    expect(message.id).toMatch(/^gen_/);
    expect(message.model).toBe(MODEL);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } }),
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 10,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
      output_tokens: 9,
    });

    const [sent] = claude.requests;
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.headers['anthropic-beta']).toContain('context-management-2025-06-27');
    expect(sent.body).toEqual({
      model: 'claude-fake-1',
      max_tokens: 2048,
      system: [...SYSTEM, { type: 'text', text: 'Sub-agents: none.' }],
      tools: [WEATHER],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Oslo?', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    const record = await expectChargedOnce(customer);
    expect(record.id).toBe(message.id);
  });

  it('streams to the Anthropic SDK as the provider sent it, thinking signatures included', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({
      kind: 'reply',
      thinking: 'Think it through.',
      text: 'Hi there.',
      usage: USAGE,
    });
    const stream = anthropicOf(customer.key).messages.stream({
      model: MODEL,
      max_tokens: 2048,
      system: SYSTEM,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(message.id).toMatch(/^gen_/);
    expect(message.model).toBe(MODEL);
    expect(message.content).toEqual([
      {
        type: 'thinking',
        thinking: expect.stringContaining('Think'),
        signature: expect.any(String),
      },
      expect.objectContaining({ type: 'text', text: 'Hi there.' }),
    ]);
    expect((message.content[0] as { signature: string }).signature).not.toBe('');
    expect(message.usage).toMatchObject({
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
      output_tokens: 9,
    });
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(claude.requests[0].body).toMatchObject({ stream: true, system: SYSTEM });
    const record = await expectChargedOnce(customer);
    expect(record.streamed).toBe(true);
  });

  it('streams tool use natively', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'tool_use', input: { city: 'Paris' }, usage: USAGE });
    const message = await anthropicOf(customer.key)
      .messages.stream({
        model: MODEL,
        max_tokens: 256,
        tools: [WEATHER],
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } }),
    ]);
    expect(claude.requests[0].body).toMatchObject({ tools: [WEATHER] });
    await expectChargedOnce(customer);
  });

  it('ends a stream cut midway with an error event, billed once for what came', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'broken_stream', deltasBeforeBreak: 3, usage: USAGE });
    const response = await fetch(`${system.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': customer.key, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        max_tokens: 64,
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    });
    const text = await response.text();
    expect(text).toContain('event: message_start');
    expect(text).toContain('event: content_block_delta');
    expect(text).not.toContain('message_stop');
    expect(text.trimEnd().split('\n\n').at(-1)).toContain('event: error');
    expect(text).not.toContain(KEY);
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ providerId: 'claude', estimated: true });
    expect(record.outputTokens).toBeGreaterThan(0n);
    await customer.settled();
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(1);
  });

  it('serves the OpenAI SDK translated, cache writes charged at their own rate', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'reply', text: 'Bonjour.', usage: USAGE });
    const answer = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(answer.choices[0].message.content).toBe('Bonjour.');
    expect((answer.usage as unknown as { cost: string }).cost).toBe(COST);
    const record = await customer.priced(1);
    expect(record[0].surface).toBe('openai');
    expect(record[0].cacheWriteInputTokens).toBe(20n);
    expect(record[0].cost.toFixed()).toBe(COST);
  });

  it('streams the OpenAI SDK translated, charged the same', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'reply', text: 'Bonjour.', usage: USAGE });
    const stream = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let cost: string | undefined;
    for await (const chunk of stream)
      cost = (chunk.usage as { cost?: string } | null)?.cost ?? cost;
    expect(cost).toBe(COST);
    const [record] = await customer.priced(1);
    expect(record.cost.toFixed()).toBe(COST);
    expect(record.cacheWriteInputTokens).toBe(20n);
  });
});
