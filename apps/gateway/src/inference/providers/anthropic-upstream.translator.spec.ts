import {
  chatToMessagesRequest,
  messageToChatCompletion,
  readAnthropicUsage,
} from './anthropic-upstream.translator';
import { AnthropicUpstreamStreamTranslator } from './anthropic-upstream-stream.translator';

describe('OpenAI chat → Anthropic Messages (for an Anthropic-dialect upstream)', () => {
  it('moves system messages to system, merges turns, maps tools, tool calls and results', () => {
    const request = chatToMessagesRequest(
      {
        model: 'claude-x',
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'Weather in Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_1',
                type: 'function',
                function: { name: 'weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
          { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
        ],
        tools: [
          { type: 'function', function: { name: 'weather', parameters: { type: 'object' } } },
        ],
        tool_choice: 'required',
        stop: 'END',
        temperature: 0.2,
      },
      256,
    );
    expect(request).toEqual({
      model: 'claude-x',
      system: 'Be terse.',
      max_tokens: 256,
      temperature: 0.2,
      stop_sequences: ['END'],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } }],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: 'Sunny' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
      tools: [{ name: 'weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });
  });

  it('sends the held cap, never a larger cap of the body', () => {
    const request = chatToMessagesRequest(
      { model: 'm', messages: [{ role: 'user', content: 'x' }], max_tokens: 100_000 },
      256,
    );
    expect(request.max_tokens).toBe(256);
  });
});

describe('Anthropic usage as metered', () => {
  it('counts cache reads and writes as input, cache reads as cached input', () => {
    expect(
      readAnthropicUsage({
        usage: {
          input_tokens: 10,
          output_tokens: 5,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 20,
        },
      }),
    ).toEqual({
      inputTokens: 130,
      outputTokens: 5,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 20,
      estimated: false,
    });
    expect(readAnthropicUsage({ usage: { input_tokens: 1 } })).toBeUndefined();
  });
});

describe('Anthropic answers → OpenAI', () => {
  it('a whole message becomes a chat completion with tool calls and usage', () => {
    const completion = messageToChatCompletion({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Oslo' } },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 3, output_tokens: 4, cache_read_input_tokens: 2 },
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: {
            content: 'Let me look.',
            tool_calls: [
              { id: 'toolu_1', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: {
        prompt_tokens: 5,
        completion_tokens: 4,
        prompt_tokens_details: { cached_tokens: 2 },
      },
    });
  });

  it('stream events become chunks, the usage in a last chunk, message_stop the end', () => {
    const translator = new AnthropicUpstreamStreamTranslator();
    const items = [
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          model: 'claude-x',
          usage: { input_tokens: 7, cache_creation_input_tokens: 3, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"a":1}' },
      },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ].flatMap((event) => translator.accept(event));
    const chunks = items.flatMap((item) => (item.kind === 'chunk' ? [item.chunk as any] : []));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hi');
    expect(
      chunks.some((c) => c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments === '{"a":1}'),
    ).toBe(true);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls')).toBe(true);
    expect(chunks.at(-1).usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 9,
      total_tokens: 19,
      prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 3 },
    });
    expect(items.at(-1)).toEqual({ kind: 'done' });
  });
});
