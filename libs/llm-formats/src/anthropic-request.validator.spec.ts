import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages';
import { AnthropicRequestError, validateAnthropicRequest } from '@app/llm-formats';

const base = (): Record<string, unknown> => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello' }],
});

/** A conversation in which the assistant called tool `toolu_1`. */
const withToolUse = (result: Record<string, unknown>): Record<string, unknown> => ({
  ...base(),
  messages: [
    { role: 'user', content: 'Weather?' },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }],
    },
    { role: 'user', content: [result] },
  ],
});

function rejection(body: unknown): AnthropicRequestError {
  try {
    validateAnthropicRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AnthropicRequestError);
    return error as AnthropicRequestError;
  }
  throw new Error('expected the body to be rejected');
}

describe('validateAnthropicRequest', () => {
  it('accepts a minimal request and returns the same object', () => {
    const body = base();
    expect(validateAnthropicRequest(body)).toBe(body);
  });

  it('accepts a complete request typed with the official SDK, unknown fields included', () => {
    const body: MessageCreateParamsNonStreaming = {
      model: 'claude-sonnet-4-5',
      max_tokens: 2048,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'xyz' },
            { type: 'text', text: 'Calling' },
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              is_error: false,
              content: [{ type: 'text', text: 'sunny' }],
            },
          ],
        },
        { role: 'assistant', content: '' },
      ],
      stop_sequences: ['END'],
      tools: [{ name: 'weather', description: 'Weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      metadata: { user_id: 'user-1' },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      stream: false,
    };
    expect(validateAnthropicRequest(body)).toBe(body);
    // This SDK version no longer declares the sampling fields; they are still accepted.
    const sampled = { ...body, temperature: 0.5, top_p: 0.9, top_k: 40 };
    expect(validateAnthropicRequest(sampled)).toBe(sampled);
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', []],
    ['a number', 3],
  ])('rejects a body that is %s', (_label, body) => {
    const error = rejection(body);
    expect(error.param).toBe('body');
    expect(error.message).toMatch(/JSON object/);
  });

  it.each([
    ['missing', undefined],
    ['a number', 42],
    ['empty', ''],
  ])('rejects a model that is %s', (_label, model) => {
    expect(rejection({ ...base(), model }).param).toBe('model');
  });

  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -5],
    ['fractional', 10.5],
    ['a string', '100'],
    ['unsafe', 2 ** 60],
  ])('rejects max_tokens that is %s', (_label, maxTokens) => {
    const error = rejection({ ...base(), max_tokens: maxTokens });
    expect(error.param).toBe('max_tokens');
    expect(error.message).toMatch(/positive integer/);
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['an object', { role: 'user' }],
    ['a string', 'hello'],
  ])('rejects messages that are %s', (_label, messages) => {
    expect(rejection({ ...base(), messages }).param).toBe('messages');
  });

  it.each([
    ['not an object', 'hi', 'messages.0'],
    ['role tool', { role: 'tool', content: 'x' }, 'messages.0.role'],
    ['no role', { content: 'x' }, 'messages.0.role'],
    ['content a number', { role: 'user', content: 3 }, 'messages.0.content'],
    ['content null', { role: 'user', content: null }, 'messages.0.content'],
    ['content empty', { role: 'user', content: '' }, 'messages.0.content'],
    ['content an empty array', { role: 'user', content: [] }, 'messages.0.content'],
    ['a block without type', { role: 'user', content: [{ text: 'x' }] }, 'messages.0.content.0'],
    ['a block that is a string', { role: 'user', content: ['x'] }, 'messages.0.content.0'],
    [
      'an unknown block type',
      { role: 'user', content: [{ type: 'video', source: {} }] },
      'messages.0.content.0.type',
    ],
    [
      'a text block without text',
      { role: 'user', content: [{ type: 'text' }] },
      'messages.0.content.0.text',
    ],
    [
      'an image with an unknown source',
      { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] },
      'messages.0.content.0.source',
    ],
    [
      'a base64 image without data',
      { role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'x' } }] },
      'messages.0.content.0.source.data',
    ],
    [
      'a url image without url',
      { role: 'user', content: [{ type: 'image', source: { type: 'url' } }] },
      'messages.0.content.0.source.url',
    ],
    [
      'a tool_use in a user message',
      { role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] },
      'messages.0.content.0.type',
    ],
    [
      'a thinking block in a user message',
      { role: 'user', content: [{ type: 'thinking', thinking: 'x', signature: '' }] },
      'messages.0.content.0.type',
    ],
  ])('rejects a message with %s', (_label, message, param) => {
    const error = rejection({ ...base(), messages: [message] });
    expect(error.param).toBe(param);
    expect(error.message).toContain(param);
  });

  it.each([
    ['an image', { type: 'image', source: { type: 'url', url: 'https://x' } }, 'type'],
    ['a tool_result', { type: 'tool_result', tool_use_id: 'x' }, 'type'],
    ['a tool_use without id', { type: 'tool_use', name: 'b', input: {} }, 'id'],
    ['a tool_use without name', { type: 'tool_use', id: 'a', input: {} }, 'name'],
    ['a tool_use with array input', { type: 'tool_use', id: 'a', name: 'b', input: [] }, 'input'],
    ['a thinking block without text', { type: 'thinking', signature: '' }, 'thinking'],
    ['a redacted_thinking block without data', { type: 'redacted_thinking' }, 'data'],
  ])('rejects an assistant message with %s', (_label, block, field) => {
    const body = {
      ...base(),
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [block] },
      ],
    };
    expect(rejection(body).param).toBe(`messages.1.content.0.${field}`);
  });

  it('allows only the final assistant message to be empty', () => {
    const finalEmpty = {
      ...base(),
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: [] },
      ],
    };
    expect(() => validateAnthropicRequest(finalEmpty)).not.toThrow();
    const middleEmpty = {
      ...base(),
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'again' },
      ],
    };
    expect(rejection(middleEmpty).param).toBe('messages.1.content');
  });

  describe('tool results', () => {
    it('accepts a result answering an earlier tool_use', () => {
      const body = withToolUse({ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' });
      expect(() => validateAnthropicRequest(body)).not.toThrow();
    });

    it('rejects a result whose tool_use_id matches no earlier tool_use', () => {
      const error = rejection(withToolUse({ type: 'tool_result', tool_use_id: 'toolu_2' }));
      expect(error.param).toBe('messages.2.content.0.tool_use_id');
      expect(error.message).toMatch(/toolu_2.*does not match/);
    });

    it('rejects a result that precedes its tool_use', () => {
      const body = {
        ...base(),
        messages: [
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: {} }],
          },
        ],
      };
      expect(rejection(body).param).toBe('messages.0.content.0.tool_use_id');
    });

    it.each([
      ['a missing tool_use_id', { type: 'tool_result' }, 'tool_use_id'],
      ['a non-boolean is_error', { tool_use_id: 'toolu_1', is_error: 'yes' }, 'is_error'],
      ['numeric content', { tool_use_id: 'toolu_1', content: 3 }, 'content'],
      [
        'a tool_use inside',
        { tool_use_id: 'toolu_1', content: [{ type: 'tool_use' }] },
        'content.0',
      ],
      [
        'a text block without text',
        { tool_use_id: 'toolu_1', content: [{ type: 'text' }] },
        'content.0.text',
      ],
    ])('rejects a result with %s', (_label, fields, field) => {
      const body = withToolUse({ type: 'tool_result', ...fields });
      expect(rejection(body).param).toBe(`messages.2.content.0.${field}`);
    });
  });
});
