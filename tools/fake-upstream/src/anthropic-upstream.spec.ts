import Anthropic, { APIError } from '@anthropic-ai/sdk';
import {
  DEFAULT_REPLY_TEXT,
  startFakeAnthropicUpstream,
  type FakeAnthropicUpstream,
} from './index';

const MODEL = 'claude-fake-1';
const WEATHER_TOOL = {
  name: 'get_weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
};

/** The fake Anthropic-dialect upstream, driven by the official Anthropic SDK. */
describe('fake Anthropic upstream', () => {
  let upstream: FakeAnthropicUpstream;
  let client: Anthropic;

  beforeAll(async () => {
    upstream = await startFakeAnthropicUpstream();
    // The SDK appends /v1/messages to its base URL.
    client = new Anthropic({
      apiKey: 'sk-ant-fake',
      baseURL: upstream.url.replace(/\/v1$/, ''),
      maxRetries: 0,
      timeout: 5_000,
    });
  });
  afterEach(() => upstream.reset());
  afterAll(() => upstream.close());

  const ask = {
    model: MODEL,
    max_tokens: 64,
    messages: [{ role: 'user' as const, content: 'Hi' }],
  };

  it('answers a message with derived usage, and records the request with its key', async () => {
    const message = await client.messages.create(ask);
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: MODEL,
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: DEFAULT_REPLY_TEXT }],
      usage: { output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 },
    });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const { headers } = upstream.requests[0];
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(/sk-ant-fake$/);
    expect(upstream.requests[0].body).toMatchObject({ model: MODEL, max_tokens: 64 });
  });

  it('streams the full event sequence, thinking first, with cache reads and writes in usage', async () => {
    upstream.enqueue({
      kind: 'reply',
      text: 'Two words.',
      thinking: 'Let me think.',
      usage: {
        inputTokens: 7,
        outputTokens: 9,
        cacheReadInputTokens: 100,
        cacheCreationInputTokens: 20,
      },
    });
    const stream = client.messages.stream(ask);
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.at(-2)).toBe('message_delta');
    expect(types.at(-1)).toBe('message_stop');
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Let me think.', signature: 'sig-fake-0123456789' },
      { type: 'text', text: 'Two words.' },
    ]);
    expect(message.usage).toMatchObject({
      input_tokens: 7,
      output_tokens: 9,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 20,
    });
  });

  it('calls the offered tool, streaming and not', async () => {
    const withTools = { ...ask, tools: [WEATHER_TOOL] };
    upstream.enqueue({ kind: 'tool_use', input: { city: 'Paris' } });
    const message = await client.messages.create(withTools);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Paris' },
    });

    upstream.enqueue({ kind: 'tool_use', input: { city: 'Oslo' } });
    const streamed = await client.messages.stream(withTools).finalMessage();
    expect(streamed.content[0]).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { city: 'Oslo' },
    });
  });

  it('answers errors in Anthropic shape: 429, 529, 400 for a request without max_tokens', async () => {
    upstream.enqueue({ kind: 'error', status: 429 }, { kind: 'error', status: 529 });
    await expect(client.messages.create(ask)).rejects.toMatchObject({
      status: 429,
      error: { type: 'error', error: { type: 'rate_limit_error' } },
    });
    await expect(client.messages.create(ask)).rejects.toBeInstanceOf(APIError);
    const response = await fetch(`${upstream.url}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: ask.messages }),
    });
    expect(response.status).toBe(400);
    const noKey = await fetch(`${upstream.url}/messages`, {
      method: 'POST',
      body: JSON.stringify(ask),
    });
    expect(noKey.status).toBe(401);
  });

  it('cuts a stream after some deltas, without message_delta or message_stop', async () => {
    upstream.enqueue({ kind: 'broken_stream', deltasBeforeBreak: 1 });
    const response = await fetch(`${upstream.url}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ ...ask, stream: true }),
    });
    let text = '';
    try {
      text = await response.text();
    } catch {
      // The socket was destroyed mid-body: what arrived before is what counts.
    }
    expect(text).not.toContain('message_stop');
  });
});
