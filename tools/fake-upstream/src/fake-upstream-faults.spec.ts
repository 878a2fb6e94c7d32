import OpenAI, { APIConnectionError } from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsNonStreaming,
} from 'openai/resources/chat/completions';
import { startFakeUpstream, type FakeUpstream } from './index';

// Scenarios that misbehave on purpose: delays, hangs, broken streams, and close() under them.

const MODEL = 'mistral-small-latest';
const MESSAGES: ChatCompletionCreateParamsNonStreaming['messages'] = [
  { role: 'user', content: 'Hello?' },
];

function clientFor(upstream: FakeUpstream, timeout = 5_000): OpenAI {
  return new OpenAI({ apiKey: 'sk-fake-test', baseURL: upstream.url, maxRetries: 0, timeout });
}

function contentOf(chunks: ChatCompletionChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

describe('fake upstream faults', () => {
  let upstream: FakeUpstream;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    client = clientFor(upstream);
  });
  afterAll(() => upstream.close());
  beforeEach(() => upstream.reset());

  it('delays a reply by delayMs', async () => {
    upstream.enqueue({ kind: 'reply', delayMs: 150 });
    const started = Date.now();

    await client.chat.completions.create({ model: MODEL, messages: MESSAGES });

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('spaces the chunks of a slow stream by chunkDelayMs', async () => {
    upstream.enqueue({ kind: 'slow_stream', chunkDelayMs: 40, chunks: 3 });
    // Measured from the request, not from the first arrival: a busy client can read the
    // first chunks late and together, but it cannot receive the last one before the
    // upstream has waited out every delay.
    const started = Date.now();

    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
    });
    const arrivals: number[] = [];
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) {
      arrivals.push(Date.now());
      chunks.push(chunk);
    }

    expect(contentOf(chunks)).toBe('Hello from the');
    expect(arrivals.length).toBeGreaterThan(1);
    expect(arrivals[arrivals.length - 1] - started).toBeGreaterThanOrEqual(4 * 40 - 10);
  });

  it('lets the client time out on a hanging request', async () => {
    upstream.enqueue({ kind: 'hang' });

    const call = clientFor(upstream, 200).chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
    });

    // Not APIConnectionTimeoutError under Jest: the SDK recognises the timeout by the abort's
    // DOMException, which comes from another realm than the sandbox and loses its name.
    await expect(call).rejects.toBeInstanceOf(APIConnectionError);
  });

  it('makes the SDK stream iteration throw when the stream breaks', async () => {
    upstream.enqueue({ kind: 'broken_stream', chunksBeforeBreak: 3 });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
      stream_options: { include_usage: true },
    });

    const received: ChatCompletionChunk[] = [];
    const iterate = async (): Promise<void> => {
      for await (const chunk of stream) received.push(chunk);
    };

    await expect(iterate()).rejects.toThrow();
    expect(received).toHaveLength(3);
    expect(received.every((chunk) => !chunk.usage)).toBe(true);
  });
});

describe('fake upstream close()', () => {
  it('terminates a hanging request, so the client gets an error', async () => {
    const upstream = await startFakeUpstream({ default: { kind: 'hang' } });
    const call = clientFor(upstream, 10_000).chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
    });
    const outcome = call.then(
      () => undefined,
      (error: unknown) => error,
    );
    while (upstream.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();

    await upstream.close();

    const error = await outcome;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops a slow stream mid-way, failing the client iteration', async () => {
    const upstream = await startFakeUpstream({
      default: { kind: 'slow_stream', chunkDelayMs: 1_000, chunks: 50 },
    });
    const stream = await clientFor(upstream).chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
    });
    const iterate = async (): Promise<void> => {
      for await (const chunk of stream) void chunk;
    };
    const outcome = iterate();

    await upstream.close();

    await expect(outcome).rejects.toThrow();
  });
});
