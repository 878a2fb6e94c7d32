import type { ChatCompletion } from 'openai/resources/chat/completions';
import {
  openAiToAnthropicResponse,
  parseToolArguments,
  readOpenAiContent,
  toAnthropicStopReason,
  toAnthropicUsage,
  type OpenAiChatResponse,
  type OpenAiResponseMessage,
} from '@app/llm-formats';

const options = { requestModel: 'claude-sonnet-4-5', messageId: 'msg_01' };

const response = (
  message: OpenAiResponseMessage,
  finishReason: string | null = 'stop',
  usage: OpenAiChatResponse['usage'] = { prompt_tokens: 10, completion_tokens: 5 },
): OpenAiChatResponse => ({
  id: 'chatcmpl-1',
  model: 'mistral-large-2411',
  choices: [{ index: 0, message, finish_reason: finishReason }],
  usage,
});

const translate = (...args: Parameters<typeof response>) =>
  openAiToAnthropicResponse(response(...args), options);

describe('openAiToAnthropicResponse', () => {
  it('translates a text answer, typed with the official OpenAI SDK', () => {
    const completion: ChatCompletion = {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-4o',
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'stop',
          message: { role: 'assistant', content: 'Hello!', refusal: null },
        },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    };
    expect(openAiToAnthropicResponse(completion, options)).toEqual({
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Hello!' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        output_tokens: 3,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it('concatenates the text of content parts', () => {
    const content = [
      { type: 'text', text: 'Hel' },
      { type: 'image_url' },
      { type: 'text', text: 'lo' },
    ];
    expect(translate({ content }).content).toEqual([{ type: 'text', text: 'Hello' }]);
  });

  it('omits empty content', () => {
    expect(translate({ content: '' }).content).toEqual([]);
    expect(translate({ content: null }).content).toEqual([]);
    expect(translate({}).content).toEqual([]);
  });

  it.each([
    ['reasoning_content', { reasoning_content: 'Because.' }],
    ['reasoning', { reasoning: 'Because.' }],
    ['both (same text, taken once)', { reasoning_content: 'Because.', reasoning: 'Because.' }],
    [
      'Mistral thinking parts',
      {
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'Because' }] },
          { type: 'thinking', thinking: '.' },
          { type: 'text', text: 'Answer' },
        ],
      },
    ],
  ])('puts reasoning from %s first, as a thinking block', (_label, fields) => {
    const message: OpenAiResponseMessage = { content: 'Answer', ...fields };
    expect(translate(message).content).toEqual([
      { type: 'thinking', thinking: 'Because.', signature: '' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  it('turns tool calls into tool_use blocks after the text', () => {
    const out = translate(
      {
        content: 'Let me check.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'clock', arguments: '' } },
        ],
      },
      'tool_calls',
    );
    expect(out.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_1', name: 'weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'clock', input: {} },
    ]);
    expect(out.stop_reason).toBe('tool_use');
  });

  it('gives tool calls without id a stable one and skips calls without function', () => {
    const out = translate(
      {
        tool_calls: [
          { type: 'custom' },
          { function: { name: 'a', arguments: '{}' } },
          { id: '', function: { name: 'b', arguments: '{}' } },
        ],
      },
      'tool_calls',
    );
    expect(out.content).toEqual([
      { type: 'tool_use', id: 'toolu_msg_01_0', name: 'a', input: {} },
      { type: 'tool_use', id: 'toolu_msg_01_1', name: 'b', input: {} },
    ]);
  });

  it('never throws on invalid tool arguments', () => {
    const out = translate({
      tool_calls: [{ id: 'c', function: { name: 'x', arguments: '{"city": "Par' } }],
    });
    expect(out.content).toEqual([{ type: 'tool_use', id: 'c', name: 'x', input: {} }]);
  });

  it('reports a refusal as text when there is no content', () => {
    const out = translate({ content: null, refusal: 'I cannot help.' }, 'content_filter');
    expect(out.content).toEqual([{ type: 'text', text: 'I cannot help.' }]);
    expect(out.stop_reason).toBe('refusal');
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['function_call', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
    ['something_new', 'end_turn'],
  ])('maps finish_reason %s to %s', (finishReason, stopReason) => {
    expect(translate({ content: 'x' }, finishReason).stop_reason).toBe(stopReason);
    expect(toAnthropicStopReason(finishReason)).toBe(stopReason);
  });

  it('reports tool_use when an upstream says stop after calling tools', () => {
    const toolCalls = [{ id: 'c', function: { name: 'x', arguments: '{}' } }];
    expect(translate({ tool_calls: toolCalls }, 'stop').stop_reason).toBe('tool_use');
    expect(translate({ tool_calls: toolCalls }, null).stop_reason).toBe('tool_use');
    expect(translate({ tool_calls: toolCalls }, 'length').stop_reason).toBe('max_tokens');
  });

  it('keeps end_turn when stop sequences were requested, as OpenAI does not say which matched', () => {
    expect(translate({ content: 'x' }, 'stop').stop_reason).toBe('end_turn');
  });

  it('moves cached tokens out of input_tokens', () => {
    const out = translate({ content: 'x' }, 'stop', {
      prompt_tokens: 1000,
      completion_tokens: 50,
      total_tokens: 1050,
      prompt_tokens_details: { cached_tokens: 800 },
    });
    expect(out.usage).toEqual({
      input_tokens: 200,
      output_tokens: 50,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 800,
    });
  });

  it('survives a response without choices or usage', () => {
    const out = openAiToAnthropicResponse({ choices: [] }, options);
    expect(out).toMatchObject({ content: [], stop_reason: 'end_turn' });
    expect(out.usage).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    const malformed = { choices: null } as unknown as OpenAiChatResponse;
    expect(openAiToAnthropicResponse(malformed, options).content).toEqual([]);
  });
});

describe('toAnthropicUsage', () => {
  it.each([
    [null, [0, 0, 0]],
    [{ prompt_tokens: 7, completion_tokens: 2 }, [7, 2, 0]],
    [{ prompt_tokens: 7, completion_tokens: 2, prompt_tokens_details: null }, [7, 2, 0]],
    [
      { prompt_tokens: 7, completion_tokens: 2, prompt_tokens_details: { cached_tokens: null } },
      [7, 2, 0],
    ],
    [
      { prompt_tokens: 7, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 7 } },
      [0, 2, 7],
    ],
    // An upstream reporting more cached than prompt tokens is clamped, never negative.
    [
      { prompt_tokens: 5, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 9 } },
      [0, 2, 5],
    ],
    [{ prompt_tokens: -3, completion_tokens: Number.NaN }, [0, 0, 0]],
  ])('maps %j', (usage, [input, output, cached]) => {
    expect(toAnthropicUsage(usage)).toEqual({
      input_tokens: input,
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: cached,
    });
  });
});

describe('parseToolArguments', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['  {"nested": {"b": [1, 2]}}  ', { nested: { b: [1, 2] } }],
    ['', {}],
    ['   ', {}],
    [null, {}],
    [undefined, {}],
    ['{"a":', {}],
    ['[1,2]', {}],
    ['"text"', {}],
    ['null', {}],
    ['42', {}],
  ])('parses %j', (args, input) => {
    expect(parseToolArguments(args)).toEqual(input);
  });
});

describe('readOpenAiContent', () => {
  it('ignores parts it does not know and thinking parts without text', () => {
    expect(
      readOpenAiContent({
        content: [
          { type: 'reference', text: 'no' },
          { type: 'thinking' },
          { type: 'thinking', thinking: [{ type: 'text' }, { type: 'text', text: 'r' }] },
          { type: 'text' },
          { type: 'text', text: 't' },
        ],
      }),
    ).toEqual({ text: 't', reasoning: 'r' });
  });

  it('prefers reasoning_content over reasoning and skips empty strings', () => {
    expect(readOpenAiContent({ reasoning_content: 'a', reasoning: 'b' }).reasoning).toBe('a');
    expect(readOpenAiContent({ reasoning_content: '', reasoning: 'b' }).reasoning).toBe('b');
    expect(readOpenAiContent({ reasoning_content: null, reasoning: null })).toEqual({
      text: '',
      reasoning: '',
    });
  });
});
