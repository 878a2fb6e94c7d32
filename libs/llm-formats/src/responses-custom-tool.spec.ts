import {
  openAiToResponsesResponse,
  OpenAiToResponsesStream,
  responsesToOpenAiRequest,
  validateResponsesRequest,
  type OpenAiChatResponse,
} from '@app/llm-formats';
import { finishChunk, toolChunk, usageChunk } from './openai-chunk.fixtures';
import { accumulate } from './responses-event.fixtures';

const PATCH = '*** Begin Patch\n*** Add File: hello.txt\n+Hello "world"\n*** End Patch\n';
const APPLY_PATCH = {
  type: 'custom',
  name: 'apply_patch',
  description: 'Use the `apply_patch` tool to edit files.',
  format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch hunk+ end_patch' },
};
const options = { responseId: 'gen_1', createdAt: 1_700_000_000, estimatedInputTokens: 9 };
const upstream = { upstreamModel: 'up', supportsReasoning: false };

/** Codex CLI's custom tools (free-text input) over a Chat Completions upstream. */
describe('custom tools', () => {
  const request = validateResponsesRequest({
    model: 'm',
    input: 'Add hello.txt',
    tools: [APPLY_PATCH, { type: 'web_search' }],
    tool_choice: { type: 'custom', name: 'apply_patch' },
  });

  it('are offered upstream as a function of one string argument, grammar in the description', () => {
    const chat = responsesToOpenAiRequest(request, upstream);
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'apply_patch',
          description:
            'Use the `apply_patch` tool to edit files.\n\nThe input must follow this lark grammar:\nstart: begin_patch hunk+ end_patch',
          parameters: {
            type: 'object',
            properties: { input: { type: 'string', description: expect.any(String) } },
            required: ['input'],
            additionalProperties: false,
          },
        },
      },
    ]);
    expect(chat.tool_choice).toEqual({ type: 'function', function: { name: 'apply_patch' } });
  });

  it('come back as custom_tool_call items with the free-text input', () => {
    const answer: OpenAiChatResponse = {
      id: 'x',
      object: 'chat.completion',
      created: 1,
      model: 'up',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_9',
                type: 'function',
                function: { name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
              },
            ],
          },
        },
      ],
    };
    const response = openAiToResponsesResponse(answer, request, options);
    expect(response.output).toEqual([
      {
        type: 'custom_tool_call',
        id: 'ctc_gen_1_0',
        call_id: 'call_9',
        name: 'apply_patch',
        input: PATCH,
        status: 'completed',
      },
    ]);
  });

  it('keep what the model wrote when it did not wrap the input in JSON', () => {
    const answer = {
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c', type: 'function', function: { name: 'apply_patch', arguments: PATCH } },
            ],
          },
        },
      ],
    } as unknown as OpenAiChatResponse;
    expect(openAiToResponsesResponse(answer, request, options).output[0]).toMatchObject({
      type: 'custom_tool_call',
      input: PATCH,
    });
  });

  it('stream as custom_tool_call_input events with the whole input', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const args = JSON.stringify({ input: PATCH });
    const events = [
      toolChunk({
        index: 0,
        id: 'call_9',
        type: 'function',
        function: { name: 'apply_patch', arguments: args.slice(0, 10) },
      }),
      toolChunk({ index: 0, function: { arguments: args.slice(10) } }),
      finishChunk('tool_calls'),
      usageChunk(12, 8, 0),
    ].flatMap((chunk) => stream.push(chunk));
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.custom_tool_call_input.delta',
      'response.custom_tool_call_input.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[4]).toMatchObject({ input: PATCH, item_id: 'ctc_gen_1_0' });
    expect(accumulate(events).output).toEqual([
      {
        type: 'custom_tool_call',
        id: 'ctc_gen_1_0',
        call_id: 'call_9',
        name: 'apply_patch',
        input: PATCH,
        status: 'completed',
      },
    ]);
  });

  it('go back upstream as a function call and a tool message', () => {
    const next = validateResponsesRequest({
      model: 'm',
      tools: [APPLY_PATCH],
      input: [
        { role: 'user', content: 'Add hello.txt' },
        { type: 'custom_tool_call', call_id: 'call_9', name: 'apply_patch', input: PATCH },
        { type: 'custom_tool_call_output', call_id: 'call_9', output: 'Done!' },
      ],
    });
    expect(responsesToOpenAiRequest(next, upstream).messages).toEqual([
      { role: 'user', content: 'Add hello.txt' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_9',
            type: 'function',
            function: { name: 'apply_patch', arguments: JSON.stringify({ input: PATCH }) },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_9', content: 'Done!' },
    ]);
  });

  it('refuse an output with no call before it, and a custom tool without a name', () => {
    expect(() =>
      validateResponsesRequest({
        model: 'm',
        input: [{ type: 'custom_tool_call_output', call_id: 'nope', output: 'x' }],
      }),
    ).toThrow(/custom_tool_call/);
    expect(() =>
      validateResponsesRequest({ model: 'm', input: 'x', tools: [{ type: 'custom' }] }),
    ).toThrow(/tools\.0\.name/);
  });
});
