import {
  AnthropicRequestError,
  validateAnthropicCountTokensRequest,
  validateAnthropicRequest,
} from '@app/llm-formats';

const base = (): Record<string, unknown> => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  messages: [{ role: 'user', content: 'Hello' }],
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

describe('validateAnthropicRequest: optional fields', () => {
  it.each([
    ['system', 42, 'system'],
    ['system', [{ type: 'image' }], 'system.0'],
    ['system', ['text'], 'system.0'],
    ['temperature', '0.5', 'temperature'],
    ['temperature', 1.5, 'temperature'],
    ['temperature', -0.1, 'temperature'],
    ['top_p', 'high', 'top_p'],
    ['top_p', 2, 'top_p'],
    ['top_k', -1, 'top_k'],
    ['top_k', 1.5, 'top_k'],
    ['stop_sequences', 'END', 'stop_sequences'],
    ['stop_sequences', ['END', 3], 'stop_sequences'],
    ['stream', 'true', 'stream'],
    ['tools', { name: 'x' }, 'tools'],
    ['tools', ['x'], 'tools.0'],
    ['tools', [{ input_schema: {} }], 'tools.0.name'],
    ['tools', [{ name: 'x' }], 'tools.0.input_schema'],
    ['tools', [{ name: 'x', input_schema: {}, description: 3 }], 'tools.0.description'],
    ['tools', [{ type: 3, name: 'web_search' }], 'tools.0.type'],
    ['tool_choice', 'auto', 'tool_choice'],
    ['tool_choice', { type: 'required' }, 'tool_choice'],
    ['tool_choice', { type: 'tool' }, 'tool_choice.name'],
    [
      'tool_choice',
      { type: 'any', disable_parallel_tool_use: 1 },
      'tool_choice.disable_parallel_tool_use',
    ],
    ['metadata', 'user', 'metadata'],
    ['metadata', { user_id: 5 }, 'metadata.user_id'],
    ['thinking', true, 'thinking'],
    ['thinking', { type: 'on' }, 'thinking'],
    ['thinking', { type: 'enabled' }, 'thinking.budget_tokens'],
    ['thinking', { type: 'enabled', budget_tokens: 0 }, 'thinking.budget_tokens'],
  ])('rejects %s = %j', (field, value, param) => {
    const error = rejection({ ...base(), [field]: value });
    expect(error.param).toBe(param);
    expect(error.message).toContain(param);
  });

  it.each([
    ['system', 'Be brief.'],
    ['system', []],
    ['temperature', 0],
    ['temperature', 1],
    ['top_k', 0],
    ['stop_sequences', []],
    ['stream', true],
    ['tools', []],
    ['tools', [{ type: 'custom', name: 'x', input_schema: { type: 'object' } }]],
    ['tool_choice', { type: 'none' }],
    ['tool_choice', { type: 'any' }],
    ['tool_choice', { type: 'tool', name: 'x', disable_parallel_tool_use: false }],
    ['metadata', {}],
    ['metadata', { user_id: null }],
    ['thinking', { type: 'disabled' }],
    ['thinking', { type: 'adaptive' }],
  ])('accepts %s = %j', (field, value) => {
    expect(() => validateAnthropicRequest({ ...base(), [field]: value })).not.toThrow();
  });
});

describe('validateAnthropicCountTokensRequest', () => {
  it('accepts a body without max_tokens', () => {
    const { max_tokens: _ignored, ...body } = base();
    expect(validateAnthropicCountTokensRequest(body)).toBe(body);
    expect(() => validateAnthropicRequest(body)).toThrow(AnthropicRequestError);
  });

  it('still checks max_tokens when present, and everything else', () => {
    expect(() => validateAnthropicCountTokensRequest({ ...base(), max_tokens: 0 })).toThrow(
      AnthropicRequestError,
    );
    expect(() => validateAnthropicCountTokensRequest({ ...base(), messages: [] })).toThrow(
      AnthropicRequestError,
    );
  });
});

describe('AnthropicRequestError', () => {
  it('is an Error with a name, a param and a message', () => {
    const error = new AnthropicRequestError('model', 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'AnthropicRequestError', param: 'model', message: 'bad' });
  });
});
