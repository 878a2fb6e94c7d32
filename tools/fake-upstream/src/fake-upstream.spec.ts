import OpenAI, { APIError } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import { DEFAULT_REPLY_TEXT, startFakeUpstream, type FakeUpstream } from './index';

const MODEL = 'mistral-small-latest';
const API_KEY = 'sk-fake-test';
// 48 characters of content: 12 derived prompt tokens.
const MESSAGES: ChatCompletionCreateParamsNonStreaming['messages'] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hello to the whole test suite!!' },
];
const WEATHER_TOOL: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
};

function clientFor(upstream: FakeUpstream, timeout = 5_000): OpenAI {
  return new OpenAI({ apiKey: API_KEY, baseURL: upstream.url, maxRetries: 0, timeout });
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function contentOf(chunks: ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

describe('fake upstream', () => {
  let upstream: FakeUpstream;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    client = clientFor(upstream);
  });
  afterAll(() => upstream.close());
  beforeEach(() => upstream.reset());

  it('serves its base URL with /v1 on a free port', () => {
    expect(upstream.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
  });

  it('answers a non-streaming request with the scenario text and usage', async () => {
    upstream.setDefault({
      kind: 'reply',
      text: 'Forty-two.',
      usage: { promptTokens: 30, completionTokens: 3, cachedTokens: 10 },
    });

    const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });

    expect(completion.id).toMatch(/^chatcmpl-/);
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe(MODEL);
    expect(completion.choices[0].message).toMatchObject({
      role: 'assistant',
      content: 'Forty-two.',
    });
    expect(completion.choices[0].finish_reason).toBe('stop');
    expect(completion.usage).toEqual({
      prompt_tokens: 30,
      completion_tokens: 3,
      total_tokens: 33,
      prompt_tokens_details: { cached_tokens: 10 },
    });
  });

  it('derives usage deterministically when the scenario gives none', async () => {
    const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });

    expect(completion.choices[0].message.content).toBe(DEFAULT_REPLY_TEXT);
    expect(completion.usage).toEqual({ prompt_tokens: 13, completion_tokens: 5, total_tokens: 18 });
  });

  it('streams word by word and ends with a usage chunk when include_usage is set', async () => {
    upstream.setDefault({
      kind: 'reply',
      text: 'One two  three\nfour ',
      usage: { promptTokens: 7, completionTokens: 4 },
    });

    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);

    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(contentOf(chunks)).toBe('One two  three\nfour ');
    expect(chunks.length).toBe(1 + 4 + 1 + 1);
    const finish = chunks[chunks.length - 2];
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({ prompt_tokens: 7, completion_tokens: 4, total_tokens: 11 });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.model === MODEL)).toBe(true);
  });

  it('streams without any usage when include_usage is not set', async () => {
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
    });
    const chunks = await collect(stream);

    expect(contentOf(chunks)).toBe(DEFAULT_REPLY_TEXT);
    expect(chunks.every((chunk) => chunk.usage === undefined)).toBe(true);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('stop');
  });

  it('answers a tool_call scenario without streaming', async () => {
    upstream.enqueue({ kind: 'tool_call', name: 'lookup', arguments: '{"city":"Paris"}' });

    const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });

    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'lookup', arguments: '{"city":"Paris"}' },
      },
    ]);
  });

  it('streams a tool call whose argument fragments reassemble', async () => {
    const args = '{"city":"Paris","unit":"celsius","days":3}';
    upstream.enqueue({ kind: 'tool_call', name: 'get_weather', arguments: args });

    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      tools: [WEATHER_TOOL],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);

    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe(args);
    expect(chunks[chunks.length - 2].choices[0].finish_reason).toBe('tool_calls');
    expect(chunks[chunks.length - 1].usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('calls the first offered tool on a default reply, unless tool_choice is none', async () => {
    const withTools = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      tools: [WEATHER_TOOL],
    });
    const toolsRefused = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      tools: [WEATHER_TOOL],
      tool_choice: 'none',
    });

    expect(withTools.choices[0].message.tool_calls?.[0]).toMatchObject({
      function: { name: 'get_weather', arguments: '{}' },
    });
    expect(withTools.choices[0].finish_reason).toBe('tool_calls');
    expect(toolsRefused.choices[0].message.content).toBe(DEFAULT_REPLY_TEXT);
  });

  it('surfaces an error scenario as an APIError with its status and body', async () => {
    upstream.enqueue({ kind: 'error', status: 503 });
    upstream.enqueue({ kind: 'error', status: 429, body: { error: { message: 'slow down' } } });

    const first = client.chat.completions.create({ model: MODEL, messages: MESSAGES });
    await expect(first).rejects.toBeInstanceOf(APIError);
    await expect(first).rejects.toMatchObject({
      status: 503,
      error: { message: 'upstream failure', type: 'server_error' },
    });
    await expect(
      client.chat.completions.create({ model: MODEL, messages: MESSAGES, stream: true }),
    ).rejects.toMatchObject({ status: 429, error: { message: 'slow down' } });
  });

  it('rejects a request without a bearer token with an OpenAI-shaped 401', async () => {
    const call = client.chat.completions.create(
      { model: MODEL, messages: MESSAGES },
      { headers: { Authorization: null } },
    );

    await expect(call).rejects.toMatchObject({
      status: 401,
      error: { type: 'invalid_request_error', code: 'invalid_api_key' },
    });
  });

  it('rejects bodies that are not JSON or lack model or messages with a 400', async () => {
    const post = (body: string): Promise<Response> =>
      fetch(`${upstream.url}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
        body,
      });

    const responses = await Promise.all([
      post('{not json'),
      post(JSON.stringify({ messages: [] })),
      post(JSON.stringify({ model: MODEL })),
    ]);

    expect(responses.map((response) => response.status)).toEqual([400, 400, 400]);
    const body = (await responses[2].json()) as { error: { message: string } };
    expect(body.error.message).toContain('messages');
  });

  it('records the method, path, Authorization header and body of every request', async () => {
    await client.chat.completions.create({ model: MODEL, messages: MESSAGES, temperature: 0.2 });

    expect(upstream.requests).toHaveLength(1);
    const [request] = upstream.requests;
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toEqual({ model: MODEL, messages: MESSAGES, temperature: 0.2 });
  });

  it('consumes enqueued scenarios once, in order, then falls back to the default', async () => {
    upstream.setDefault({ kind: 'reply', text: 'default' });
    upstream.enqueue({ kind: 'reply', text: 'first' }, { kind: 'reply', text: 'second' });

    const texts: Array<string | null> = [];
    for (let i = 0; i < 3; i += 1) {
      const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });
      texts.push(completion.choices[0].message.content);
    }

    expect(texts).toEqual(['first', 'second', 'default']);
  });

  it('reset() clears the log and queue and restores the default reply', async () => {
    upstream.setDefault({ kind: 'error', status: 500 });
    upstream.enqueue({ kind: 'hang' });
    await client.models.list();

    upstream.reset();
    const completion = await client.chat.completions.create({ model: MODEL, messages: MESSAGES });

    expect(completion.choices[0].message.content).toBe(DEFAULT_REPLY_TEXT);
    expect(upstream.requests).toHaveLength(1);
  });

  it('lists models and answers unknown paths with a 404', async () => {
    const models = await client.models.list();
    const unknown = await fetch(`${upstream.url}/files`, { method: 'POST', body: '{}' });

    expect(models.data.map((model) => model.id)).toContain(MODEL);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });
});
