import Anthropic from '@anthropic-ai/sdk';
import { type FakeAnthropicUpstream, startFakeAnthropicUpstream } from '@app/fake-upstream';
import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'magistral-small-latest';
const KEY = 'sk-ant-upstream-secret-0123456789';
const WEATHER = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
};
// 10 uncached + 100 cache reads + 20 cache writes in, 9 out: 130 input tokens of which 100
// cached. Price: 3 in, 0.3 cached in, 15 out per million.
const USAGE = {
  inputTokens: 10,
  outputTokens: 9,
  cacheReadInputTokens: 100,
  cacheCreationInputTokens: 20,
};
const COST = '0.000255'; // (30 × 3 + 100 × 0.3 + 9 × 15) / 10^6

/**
 * A model served by an Anthropic-dialect provider: chat completions are translated to
 * Messages and back; usage is the upstream's own, cache reads and writes included.
 */
describe('an Anthropic-dialect upstream', () => {
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
      cached_input_per_million: '0.3',
      output_per_million: '15',
    });
    expect(price.status).toBe(201);
  });
  afterEach(() => claude.reset());
  afterAll(async () => {
    await system.stop();
    await claude.close();
  });

  it('serves the OpenAI SDK, billed at the upstream counts with cache tokens', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'reply', text: 'Bonjour tout le monde.', usage: USAGE });
    const answer = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
    });
    expect(answer.choices[0].message.content).toBe('Bonjour tout le monde.');
    const sent = claude.requests[0];
    expect(sent.path).toBe('/v1/messages');
    expect(sent.headers['x-api-key']).toBe(KEY);
    expect(sent.body).toMatchObject({
      model: 'claude-fake-1',
      system: 'Be brief.',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    });
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      providerId: 'claude',
      inputTokens: 130n,
      cachedInputTokens: 100n,
      outputTokens: 9n,
      estimated: false,
    });
    expect(record.cost.toString()).toBe(COST);
    expect((answer.usage as any).cost).toBe(COST);
  });

  it('streams to the OpenAI SDK, tools included', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'tool_use', input: { city: 'Oslo' }, usage: USAGE });
    const stream = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Weather?' }],
      tools: [WEATHER],
      stream: true,
    });
    let args = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    expect(finish).toBe('tool_calls');
    expect(claude.requests[0].body).toMatchObject({
      stream: true,
      tools: [{ name: 'get_weather' }],
    });
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      providerId: 'claude',
      inputTokens: 130n,
      cachedInputTokens: 100n,
    });
    expect(record.cost.toString()).toBe(COST);
  });

  it('serves the Anthropic SDK, streaming', async () => {
    const customer = await fundedCustomer(system, '1');
    claude.enqueue({ kind: 'reply', text: 'Hi there.', usage: USAGE });
    const anthropic = new Anthropic({
      apiKey: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    const message = await anthropic.messages
      .stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] })
      .finalMessage();
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Hi there.' });
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ providerId: 'claude', surface: 'anthropic', inputTokens: 130n });
    expect(record.cost.toString()).toBe(COST);
  });
});
