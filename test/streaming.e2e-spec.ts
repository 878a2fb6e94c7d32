import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const hello = {
  model: 'magistral-medium-latest',
  messages: [{ role: 'user' as const, content: 'Hello' }],
};
const usage = { promptTokens: 1000, completionTokens: 500 };

describe('streaming and tools through the OpenAI surface', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('streams chunk by chunk, shows usage with its cost when asked, and bills it exactly', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'reply', text: 'one two three four', usage });
    const stream = await customer.openai.chat.completions.create({
      ...hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('one two three four');
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0].id).toMatch(/^gen_/);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({
      prompt_tokens: 1000,
      completion_tokens: 500,
      cost: '0.0045',
    });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ id: chunks[0].id, streamed: true, estimated: false });
    expect(record.cost.toString()).toBe('0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('asks the upstream for usage but does not show it to a client that did not ask', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'reply', text: 'hi', usage });
    const stream = await customer.openai.chat.completions.create({ ...hello, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
    expect(chunks.every((c) => c.choices.length > 0)).toBe(true);
    expect((system.upstream.requests[0].body as any).stream_options).toEqual({
      include_usage: true,
    });
    await customer.priced(1);
    expect(await customer.balance()).toBe('9.9955');
  });

  it('passes tools, tool_choice and other OpenAI fields through unchanged and returns tool calls', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'tool_call',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
      usage,
    });
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'get_weather',
          description: 'Weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      },
    ];
    const request = {
      ...hello,
      tools,
      tool_choice: 'auto' as const,
      parallel_tool_calls: false,
      response_format: { type: 'text' as const },
      seed: 7,
      some_future_field: { nested: true },
    };
    const completion = await customer.openai.chat.completions.create(request);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(completion.choices[0].message.tool_calls![0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    expect((completion.usage as any).cost).toBe('0.0045');
    const forwarded = system.upstream.requests[0].body as any;
    // Unchanged but for the model id and the output cap held (the model's default here).
    expect(forwarded).toEqual({ ...request, model: 'magistral-medium-latest', max_tokens: 4096 });

    // A tool message answering the call goes through as well.
    system.upstream.setDefault({ kind: 'reply', text: 'Sunny.', usage });
    const call = completion.choices[0].message.tool_calls![0];
    const followUp = await customer.openai.chat.completions.create({
      ...hello,
      tools,
      messages: [
        ...hello.messages,
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temp":21}' },
      ] as any,
    });
    expect(followUp.choices[0].message.content).toBe('Sunny.');
    await customer.priced(2);
    expect(await customer.balance()).toBe('9.991');
  });

  it('streams tool calls whose arguments the SDK reassembles', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'tool_call',
      name: 'lookup',
      arguments: '{"query":"a long query"}',
      usage,
    });
    const stream = customer.openai.chat.completions.stream({
      ...hello,
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0].message.tool_calls![0].function).toEqual({
      name: 'lookup',
      arguments: '{"query":"a long query"}',
    });
    await customer.priced(1);
    expect(await customer.balance()).toBe('9.9955');
  });

  it('bills what the upstream reports when the client abandons the stream midway', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'slow_stream',
      chunkDelayMs: 30,
      chunks: 20,
      usage: { promptTokens: 100, completionTokens: 20 },
    });
    const controller = new AbortController();
    const stream = await customer.openai.chat.completions.create(
      { ...hello, stream: true },
      { signal: controller.signal },
    );
    let seen = 0;
    for await (const _chunk of stream) {
      if (++seen === 3) {
        controller.abort();
        break;
      }
    }
    // Gone after 3 of 20+ chunks; the gateway reads the rest and bills the reported usage.
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ inputTokens: 100n, outputTokens: 20n, estimated: false });
    // 100 × $2/M + 20 × $5/M
    expect(record.cost.toString()).toBe('0.0003');
    expect(await customer.balance()).toBe('9.9997');
  });

  it('bills an estimate, marked as such, when the upstream stream breaks before reporting usage', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'broken_stream', chunksBeforeBreak: 4 });
    const stream = await customer.openai.chat.completions.create({ ...hello, stream: true });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // reading until the break
        }
      })(),
    ).rejects.toThrow();
    const [record] = await customer.priced(1);
    expect(record.estimated).toBe(true);
    expect(record.outputTokens).toBeGreaterThan(0);
    const generation = await customer.get(`/v1/generations/${record.id}`);
    expect(generation).toMatchObject({ estimated: true, streamed: true });
    expect(generation.cost).toBe(record.cost.toString());
  });
});
