import { APIError } from 'openai';
import type { ResponseInputItem, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';
// Magistral Medium, $2/M in, $5/M out: 1,000 in + 500 out = 0.0045.
const usage = { promptTokens: 1000, completionTokens: 500 };
const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

/** POST /v1/responses with the official OpenAI SDK: stateless, metered like the other surfaces. */
describe('POST /v1/responses with the OpenAI SDK', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  /** The one usage ledger entry of a priced request: its amount is minus the record's cost. */
  const ledgerAmount = async (usageRecordId: string) =>
    (
      await system.prisma.ledgerEntry.findUniqueOrThrow({ where: { usageRecordId } })
    ).amount.toString();

  it('answers a string input with output text and usage, and bills it exactly once', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'reply', text: 'Hi there.', usage });
    const response = await customer.openai.responses.create({
      model,
      input: 'Hello',
      instructions: 'Be brief.',
      max_output_tokens: 600,
    });

    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model,
      output_text: 'Hi there.',
      usage: { input_tokens: 1000, output_tokens: 500, total_tokens: 1500, cost: '0.0045' },
    });
    expect(response.id).toMatch(/^gen_/);
    expect(response.output).toEqual([
      expect.objectContaining({
        type: 'message',
        role: 'assistant',
        content: [expect.objectContaining({ type: 'output_text', text: 'Hi there.' })],
      }),
    ]);
    expect(system.upstream.requests[0].body).toMatchObject({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 600,
    });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      id: response.id,
      surface: 'responses',
      streamed: false,
      inputTokens: 1000n,
      outputTokens: 500n,
    });
    expect(record.cost.toString()).toBe('0.0045');
    expect(await ledgerAmount(record.id)).toBe('-0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('round-trips a function tool: call, function_call_output, final text; built-in tools left out', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.enqueue(
      { kind: 'tool_call', name: 'get_weather', arguments: '{"city":"Paris"}', usage },
      { kind: 'reply', text: 'Sunny in Paris.', usage },
    );
    const input: ResponseInputItem[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = await customer.openai.responses.create({
      model,
      input,
      tools: [weatherTool, { type: 'web_search' }],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    if (call?.type !== 'function_call') throw new Error('no function call');

    const second = await customer.openai.responses.create({
      model,
      input: [
        ...input,
        ...(first.output as ResponseInputItem[]),
        { type: 'function_call_output', call_id: call.call_id, output: '22°C, sunny' },
      ],
      tools: [weatherTool, { type: 'web_search' }],
    });
    expect(second.output_text).toBe('Sunny in Paris.');

    const [firstUpstream, secondUpstream] = system.upstream.requests.map(
      (request) =>
        request.body as { tools: Array<{ function: { name: string } }>; messages: unknown[] },
    );
    expect(firstUpstream.tools.map((tool) => tool.function.name)).toEqual(['get_weather']);
    expect(secondUpstream.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.call_id,
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: call.call_id, content: '22°C, sunny' },
    ]);
    const records = await customer.priced(2);
    expect(records.map((record) => record.cost.toString())).toEqual(['0.0045', '0.0045']);
    for (const record of records) expect(await ledgerAmount(record.id)).toBe('-0.0045');
    expect(await customer.balance()).toBe('9.991');
  });

  it('streams the full event sequence with responses.stream, usage and cost last', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'reply', text: 'One two three.', usage });
    const stream = customer.openai.responses.stream({ model, input: 'Count.' });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const final = await stream.finalResponse();

    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    expect(final.output_text).toBe('One two three.');
    expect(final.usage).toMatchObject({ input_tokens: 1000, output_tokens: 500, cost: '0.0045' });

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ id: final.id, surface: 'responses', streamed: true });
    expect(record.cost.toString()).toBe('0.0045');
    expect(await ledgerAmount(record.id)).toBe('-0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('streams a function call with stream: true: argument deltas, done, completed', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.enqueue({
      kind: 'tool_call',
      name: 'get_weather',
      arguments: '{"city":"Paris","days":3}',
      usage,
    });
    const stream = await customer.openai.responses.create({
      model,
      input: 'Weather?',
      tools: [weatherTool, { type: 'file_search', vector_store_ids: ['vs_1'] }],
      stream: true,
    });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    const deltas = events.flatMap((event) =>
      event.type === 'response.function_call_arguments.delta' ? [event.delta] : [],
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('{"city":"Paris","days":3}');
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris","days":3}' });
    const completed = events[events.length - 1];
    expect(completed.type).toBe('response.completed');
    if (completed.type !== 'response.completed') return;
    expect(completed.response.output[0]).toMatchObject({
      type: 'function_call',
      status: 'completed',
    });
    const [record] = await customer.priced(1);
    expect(record.cost.toString()).toBe('0.0045');
    expect(await ledgerAmount(record.id)).toBe('-0.0045');
  });

  it.each([
    ['previous_response_id', { previous_response_id: 'resp_123' }],
    ['store', { store: true }],
  ])(
    'refuses %s with an OpenAI 400 saying to send the whole input, at no cost',
    async (param, extra) => {
      const customer = await fundedCustomer(system);
      const call = customer.openai.responses.create({ model, input: 'Hello', ...extra });
      await expect(call).rejects.toBeInstanceOf(APIError);
      await expect(call).rejects.toMatchObject({
        status: 400,
        error: {
          type: 'invalid_request_error',
          param,
          message: expect.stringMatching(/whole conversation/),
        },
      });
      expect(system.upstream.requests).toHaveLength(0);
      expect(await customer.balance()).toBe('10');
    },
  );

  it('round-trips a custom tool (Codex apply_patch), whole and streamed, each call billed once', async () => {
    const customer = await fundedCustomer(system);
    const patch = '*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n';
    const applyPatch = {
      type: 'custom' as const,
      name: 'apply_patch',
      description: 'Edit files with a patch.',
      format: { type: 'grammar' as const, syntax: 'lark' as const, definition: 'start: /.+/' },
    };
    system.upstream.enqueue(
      {
        kind: 'tool_call',
        name: 'apply_patch',
        arguments: JSON.stringify({ input: patch }),
        usage,
      },
      {
        kind: 'tool_call',
        name: 'apply_patch',
        arguments: JSON.stringify({ input: patch }),
        usage,
      },
      { kind: 'reply', text: 'Patched.', usage },
    );
    const input: ResponseInputItem[] = [{ role: 'user', content: 'Add a.txt' }];
    const first = await customer.openai.responses.create({ model, input, tools: [applyPatch] });
    expect(first.output).toEqual([
      expect.objectContaining({ type: 'custom_tool_call', name: 'apply_patch', input: patch }),
    ]);
    const sentTools = (system.upstream.requests[0].body as { tools: unknown[] }).tools;
    expect(sentTools).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({
          name: 'apply_patch',
          parameters: expect.objectContaining({ required: ['input'] }),
        }),
      },
    ]);

    const stream = customer.openai.responses.stream({ model, input, tools: [applyPatch] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    const streamed = await stream.finalResponse();
    expect(types).toContain('response.custom_tool_call_input.done');
    expect(streamed.output).toEqual([
      expect.objectContaining({ type: 'custom_tool_call', input: patch }),
    ]);

    const call = first.output[0];
    if (call.type !== 'custom_tool_call') throw new Error('no custom tool call');
    const done = await customer.openai.responses.create({
      model,
      tools: [applyPatch],
      input: [
        ...input,
        { type: 'custom_tool_call', call_id: call.call_id, name: call.name, input: call.input },
        { type: 'custom_tool_call_output', call_id: call.call_id, output: 'Done!' },
      ],
    });
    expect(done.output_text).toBe('Patched.');
    expect((system.upstream.requests[2].body as { messages: unknown[] }).messages).toEqual([
      { role: 'user', content: 'Add a.txt' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: call.call_id,
            type: 'function',
            function: { name: 'apply_patch', arguments: JSON.stringify({ input: patch }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: call.call_id, content: 'Done!' },
    ]);
    const records = await customer.priced(3);
    expect(records.map((record) => record.cost.toFixed())).toEqual(['0.0045', '0.0045', '0.0045']);
  });

  it('answers an unknown model with a 404 and no upstream call', async () => {
    const customer = await fundedCustomer(system);
    const call = customer.openai.responses.create({ model: 'no-such-model', input: 'Hello' });
    await expect(call).rejects.toMatchObject({ status: 404 });
    expect(system.upstream.requests).toHaveLength(0);
  });
});
