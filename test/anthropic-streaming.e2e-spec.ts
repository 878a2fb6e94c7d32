import Anthropic from '@anthropic-ai/sdk';
import {
  accumulateAnthropicEvents,
  checkAnthropicEventSequence,
  type AnthropicStreamEvent,
} from '@app/llm-formats';
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

/** Splits an SSE body into its events, checking that each `event:` names its data's type. */
function parseSse(text: string): AnthropicStreamEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const name = lines.find((line) => line.startsWith('event: '))?.slice(7);
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      const event = JSON.parse(data) as AnthropicStreamEvent;
      expect(event.type).toBe(name);
      return event;
    });
}

/** Streams through /v1/messages, as the Anthropic SDK and Claude Code do. */
describe('streamed /v1/messages', () => {
  let system: TestSystem;

  async function anthropicCustomer() {
    const customer = await fundedCustomer(system);
    const anthropic = new Anthropic({
      apiKey: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    const streamRaw = (body: object) =>
      fetch(`${system.gateway.url}/v1/messages`, {
        method: 'POST',
        headers: {
          'x-api-key': customer.key,
          'anthropic-version': '2023-06-01',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ...body, stream: true }),
      });
    return { ...customer, anthropic, streamRaw };
  }

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('streams with messages.stream(): finalMessage has the content, stop reason and usage, billed exactly', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'reply', text: 'one two three four', usage });
    const stream = customer.anthropic.messages.stream(hello);
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const message = await stream.finalMessage();

    expect(message).toMatchObject({
      role: 'assistant',
      model,
      content: [{ type: 'text', text: 'one two three four' }],
      stop_reason: 'end_turn',
      // message_start announces an estimate; message_delta corrects it with the upstream's count.
      usage: { input_tokens: 1000, output_tokens: 500 },
    });
    expect(message.id).toMatch(/^gen_/);
    // Word by word, as the upstream sent it: relayed as it came, not buffered.
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('one two three four');

    const upstream = system.upstream.requests[0].body as any;
    expect(upstream).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      id: message.id,
      surface: 'anthropic',
      streamed: true,
      inputTokens: 1000n,
      outputTokens: 500n,
      estimated: false,
    });
    expect(record.cost.toString()).toBe('0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('sends the full event sequence, in order, as text/event-stream', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'reply', text: 'Hi there, friend.', usage });
    const response = await customer.streamRaw(hello);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = parseSse(await response.text());

    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...Array<string>(3).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const delta = events.find((event) => event.type === 'message_delta');
    expect(delta).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: 500, input_tokens: 1000 },
    });
    const message = accumulateAnthropicEvents(events);
    expect(message.id).toBe(response.headers.get('x-request-id'));
    expect(message.content).toEqual([{ type: 'text', text: 'Hi there, friend.' }]);
    await customer.priced(1);
    expect(await customer.balance()).toBe('9.9955');
  });

  it('streams a tool call whose input the SDK reassembles', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({
      kind: 'tool_call',
      name: 'lookup',
      arguments: '{"query":"a long query that spans several fragments"}',
      usage,
    });
    const request = {
      ...hello,
      tools: [{ name: 'lookup', input_schema: { type: 'object' as const } }],
    };
    const message = await customer.anthropic.messages.stream(request).finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: expect.any(String),
        name: 'lookup',
        input: { query: 'a long query that spans several fragments' },
      },
    ]);

    const events = parseSse(await (await customer.streamRaw(request)).text());
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(
      events.filter(
        (event) => event.type === 'content_block_delta' && event.delta.type === 'input_json_delta',
      ).length,
    ).toBeGreaterThan(1);
    await customer.priced(2);
    expect(await customer.balance()).toBe('9.991');
  });

  it('bills what the upstream reports when the client abandons the stream midway', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({
      kind: 'slow_stream',
      chunkDelayMs: 30,
      chunks: 20,
      usage: { promptTokens: 100, completionTokens: 20 },
    });
    const controller = new AbortController();
    const stream = await customer.anthropic.messages.create(
      { ...hello, stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    for await (const _event of stream) {
      if (++seen === 4) {
        controller.abort();
        break;
      }
    }
    // Gone after a few of 20+ events; the gateway reads the rest and bills the reported usage.
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      inputTokens: 100n,
      outputTokens: 20n,
      estimated: false,
      streamed: true,
    });
    // 100 × $2/M + 20 × $5/M
    expect(record.cost.toString()).toBe('0.0003');
    expect(await customer.balance()).toBe('9.9997');
  });

  it('ends a broken upstream stream with an Anthropic error event and bills an estimate, marked as such', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'broken_stream', chunksBeforeBreak: 4 });
    const response = await customer.streamRaw(hello);
    expect(response.status).toBe(200);
    const events = parseSse(await response.text());
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events[0].type).toBe('message_start');
    expect(events.some((event) => event.type === 'content_block_delta')).toBe(true);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.any(String) },
    });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ estimated: true, streamed: true, surface: 'anthropic' });
    expect(record.outputTokens).toBeGreaterThan(0);
    const generation = await customer.get(`/v1/generations/${record.id}`);
    expect(generation).toMatchObject({ estimated: true, cost: record.cost.toString() });
  });

  it('makes the SDK throw an APIError on a broken stream', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'broken_stream', chunksBeforeBreak: 3 });
    await expect(customer.anthropic.messages.stream(hello).finalMessage()).rejects.toMatchObject({
      type: 'api_error',
    });
    await customer.priced(1);
  });

  it('answers an upstream error before the stream starts with a 502 api_error and charges nothing', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'error', status: 500 });
    const response = await customer.streamRaw(hello);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.any(String) },
    });
    await expect(customer.anthropic.messages.stream(hello).finalMessage()).rejects.toMatchObject({
      status: 502,
      type: 'api_error',
    });
    expect(await customer.get('/v1/account')).toMatchObject({ balance: '10', available: '10' });
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
  });

  it('answers an overloaded upstream (503) with overloaded_error and retry-after, which clients retry', async () => {
    const customer = await anthropicCustomer();
    system.upstream.setDefault({ kind: 'error', status: 529 });
    const response = await customer.streamRaw(hello);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: expect.any(String) },
    });
    expect(await customer.get('/v1/account')).toMatchObject({ balance: '10', available: '10' });
  });
});
