import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import {
  DEFAULT_REPLY_TEXT,
  fakeUpstreamPort,
  parseDirectives,
  startFakeUpstream,
  type FakeUpstream,
} from './index';

const MODEL = 'mistral-small-latest';
const TOOLS: ChatCompletionTool[] = [
  { type: 'function', function: { name: 'Read', parameters: { type: 'object' } } },
  { type: 'function', function: { name: 'Bash', parameters: { type: 'object' } } },
];

/** Plays the fake like an agent: run every tool call, send the results, until it answers text. */
async function runAgent(
  client: OpenAI,
  prompt: string,
  stream: boolean,
): Promise<{ turns: number; calls: Array<[string, string]>; text: string }> {
  const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: prompt }];
  const calls: Array<[string, string]> = [];
  for (let turn = 1; turn <= 10; turn += 1) {
    const completion = stream
      ? await client.chat.completions
          .stream({ model: MODEL, messages, tools: TOOLS })
          .finalChatCompletion()
      : await client.chat.completions.create({ model: MODEL, messages, tools: TOOLS });
    const message = completion.choices[0].message;
    const toolCalls = (message.tool_calls ?? []).filter((call) => call.type === 'function');
    if (toolCalls.length === 0) return { turns: turn, calls, text: message.content ?? '' };
    messages.push({ role: 'assistant', content: message.content, tool_calls: toolCalls });
    for (const call of toolCalls) {
      calls.push([call.function.name, call.function.arguments]);
      messages.push({ role: 'tool', tool_call_id: call.id, content: 'ok' });
    }
  }
  throw new Error('the agent never finished');
}

describe('fake upstream as a model an agent can finish with', () => {
  let upstream: FakeUpstream;
  let client: OpenAI;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    client = new OpenAI({ apiKey: 'sk-fake', baseURL: upstream.url, maxRetries: 0 });
  });
  afterAll(() => upstream.close());
  beforeEach(() => upstream.reset());

  it.each([false, true])(
    'calls the first offered tool, then answers text after its result (stream %s)',
    async (stream) => {
      const run = await runAgent(client, 'Do something.', stream);
      expect(run).toEqual({ turns: 2, calls: [['Read', '{}']], text: DEFAULT_REPLY_TEXT });
    },
  );

  it('plays the tool calls a prompt asks for, one per turn, then its text', async () => {
    const prompt =
      'Go. [[fake:tool_call name=Bash args={"command":"ls -la"}]] ' +
      '[[fake:tool_call name=Read args={"file_path":"/tmp/x"}]] [[fake:text All done.]]';
    const run = await runAgent(client, prompt, false);
    expect(run).toEqual({
      turns: 3,
      calls: [
        ['Bash', '{"command":"ls -la"}'],
        ['Read', '{"file_path":"/tmp/x"}'],
      ],
      text: 'All done.',
    });
  });

  it('answers a text directive instead of calling an offered tool, with forced usage', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      tools: TOOLS,
      messages: [
        { role: 'user', content: '[[fake:text Hi there.]] [[fake:tokens in=120 out=7 cached=20]]' },
      ],
    });
    expect(completion.choices[0].message.content).toBe('Hi there.');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 120,
      completion_tokens: 7,
      prompt_tokens_details: { cached_tokens: 20 },
    });
  });

  it('calls a tool a directive asks for even when none is offered', async () => {
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: '[[fake:tool_call name=lookup args={"q":1}]]' }],
    });
    expect(completion.choices[0].message.tool_calls?.[0]).toMatchObject({
      function: { name: 'lookup', arguments: '{"q":1}' },
    });
  });

  it('answers the HTTP error a directive asks for', async () => {
    const call = client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: '[[fake:error status=503]]' }],
    });
    await expect(call).rejects.toMatchObject({ status: 503 });
  });

  it('leaves explicit scenarios in charge over directives', async () => {
    upstream.enqueue({ kind: 'reply', text: 'scenario' });
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: '[[fake:text directive]]' }],
    });
    expect(completion.choices[0].message.content).toBe('scenario');
  });

  it('embeds deterministically, as floats or base64, with usage', async () => {
    const first = await client.embeddings.create({
      model: 'mistral-embed',
      input: ['hello world!', 'x'],
      encoding_format: 'float',
    });
    // The SDK asks for base64 by default and decodes it.
    const second = await client.embeddings.create({
      model: 'mistral-embed',
      input: 'hello world!',
    });
    expect(first.data).toHaveLength(2);
    expect(first.data[0].embedding).toHaveLength(1024);
    expect(second.data[0].embedding).toEqual(first.data[0].embedding);
    expect(first.data[1].embedding).not.toEqual(first.data[0].embedding);
    expect(first.usage).toEqual({ prompt_tokens: 3 + 1, total_tokens: 4 });
    const norm = Math.hypot(...first.data[0].embedding);
    expect(norm).toBeCloseTo(1, 5);
    const forced = await client.embeddings.create({
      model: 'mistral-embed',
      input: '[[fake:tokens in=77 out=0]]',
    });
    expect(forced.usage.prompt_tokens).toBe(77);
  });

  it('reads its port from the argument or FAKE_UPSTREAM_PORT, 8090 by default', () => {
    expect(fakeUpstreamPort(undefined)).toBe(8090);
    expect(fakeUpstreamPort('')).toBe(8090);
    expect(fakeUpstreamPort('18090')).toBe(18090);
    expect(() => fakeUpstreamPort('http')).toThrow(/Invalid port/);
    expect(() => fakeUpstreamPort('70000')).toThrow(/Invalid port/);
  });

  it('ignores malformed directives', () => {
    expect(
      parseDirectives('[[fake:tool_call]] [[fake:tokens in=3]] [[fake:error status=200]]'),
    ).toBe(undefined);
  });
});
