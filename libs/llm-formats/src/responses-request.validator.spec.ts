import { ResponsesRequestError, validateResponsesRequest } from '@app/llm-formats';

const base = { model: 'magistral-medium-latest', input: 'Hello' };

function refusal(body: unknown): ResponsesRequestError {
  try {
    validateResponsesRequest(body);
  } catch (error) {
    if (error instanceof ResponsesRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('validateResponsesRequest', () => {
  it('accepts a string input and the fields Codex CLI and the SDKs send', () => {
    const body = {
      ...base,
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Use tools.' },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'opaque' },
        { type: 'function_call', call_id: 'c1', name: 'shell', arguments: '{"cmd":["ls"]}' },
        { type: 'function_call_output', call_id: 'c1', output: 'a.txt' },
        { role: 'assistant', content: [{ type: 'output_text', text: 'done' }] },
      ],
      tools: [
        { type: 'function', name: 'shell', parameters: { type: 'object' }, strict: false },
        { type: 'web_search' },
        { type: 'local_shell' },
        { type: 'file_search', vector_store_ids: ['vs_1'] },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: false,
      reasoning: { effort: 'medium', summary: 'auto' },
      include: ['reasoning.encrypted_content'],
      store: false,
      stream: true,
      prompt_cache_key: 'abc',
      text: { verbosity: 'low' },
    };
    expect(validateResponsesRequest(body)).toBe(body);
  });

  it.each([
    [{ ...base, previous_response_id: 'resp_1' }, 'previous_response_id', /whole conversation/],
    [{ ...base, store: true }, 'store', /whole conversation/],
    [{ ...base, conversation: 'conv_1' }, 'conversation', /whole conversation/],
    [{ ...base, prompt: { id: 'pmpt_1' } }, 'prompt', /instructions/],
    [{ ...base, background: true }, 'background', /directly/],
  ])('refuses server-side state with a message that says what to do: %j', (body, param, text) => {
    const error = refusal(body);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(text);
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 'm' }, 'input'],
    [{ ...base, input: [] }, 'input'],
    [{ ...base, input: [{ role: 'tool', content: 'x' }] }, 'input.0.role'],
    [{ ...base, input: [{ role: 'user', content: 3 }] }, 'input.0.content'],
    [
      { ...base, input: [{ role: 'user', content: [{ type: 'input_file' }] }] },
      'input.0.content.0.type',
    ],
    [
      { ...base, input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }] },
      'input.0.content.0.image_url',
    ],
    [
      { ...base, input: [{ type: 'function_call_output', call_id: 'nope', output: 'x' }] },
      'input.0.call_id',
    ],
    [{ ...base, input: [{ type: 'function_call', call_id: 'c', name: 'f' }] }, 'input.0.arguments'],
    [{ ...base, input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input.0.type'],
    [{ ...base, input: [{ type: 'computer_call_output', call_id: 'c' }] }, 'input.0.type'],
    [{ ...base, max_output_tokens: 0 }, 'max_output_tokens'],
    [{ ...base, max_output_tokens: 1.5 }, 'max_output_tokens'],
    [{ ...base, temperature: 3 }, 'temperature'],
    [{ ...base, top_p: -1 }, 'top_p'],
    [{ ...base, stream: 'yes' }, 'stream'],
    [{ ...base, tools: {} }, 'tools'],
    [{ ...base, tools: [{ type: 'function' }] }, 'tools.0.name'],
    [{ ...base, tools: [{ type: 'function', name: 'f', parameters: 'x' }] }, 'tools.0.parameters'],
    [{ ...base, tool_choice: 'sometimes' }, 'tool_choice'],
    [{ ...base, tool_choice: { type: 'function' } }, 'tool_choice.name'],
    [{ ...base, text: { format: { type: 'xml' } } }, 'text.format'],
    [{ ...base, text: { format: { type: 'json_schema', name: 'x' } } }, 'text.format.schema'],
    [{ ...base, instructions: 7 }, 'instructions'],
  ])('refuses %j naming %s', (body, param) => {
    expect(refusal(body).param).toBe(param);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal([base]).param).toBe('body');
  });
});
