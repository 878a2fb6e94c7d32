import {
  responsesToOpenAiRequest,
  validateResponsesRequest,
  type ResponsesToOpenAiOptions,
} from '@app/llm-formats';

const options: ResponsesToOpenAiOptions = {
  upstreamModel: 'magistral-medium-2509',
  supportsReasoning: true,
};

const translate = (body: object, opts = options) =>
  responsesToOpenAiRequest(validateResponsesRequest({ model: 'm', ...body }), opts);

describe('responsesToOpenAiRequest', () => {
  it('turns a string input and instructions into a system and a user message', () => {
    expect(translate({ input: 'Hi', instructions: 'Be brief.', max_output_tokens: 50 })).toEqual({
      model: 'magistral-medium-2509',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 50,
    });
  });

  it('keeps system and developer items where they stand, and the turn order', () => {
    const out = translate({
      input: [
        { role: 'user', content: 'first' },
        { role: 'developer', content: [{ type: 'input_text', text: 'rule' }] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
        { role: 'system', content: 'late' },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'see' },
            { type: 'input_image', image_url: 'https://x/y.png', detail: 'low' },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'first' },
      { role: 'system', content: 'rule' },
      { role: 'assistant', content: 'ok' },
      { role: 'system', content: 'late' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'see' },
          { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } },
        ],
      },
    ]);
  });

  it('joins function calls to the assistant turn before them and answers them with tool messages', () => {
    const out = translate({
      input: [
        { role: 'user', content: 'weather?' },
        { type: 'reasoning', id: 'rs_1', summary: [] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Let me look.' }] },
        { type: 'function_call', call_id: 'a', name: 'get', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'b', name: 'get', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'a', output: 'sunny' },
        {
          type: 'function_call_output',
          call_id: 'b',
          output: [
            { type: 'input_text', text: 'rain' },
            { type: 'input_image', image_url: 'data:image/png;base64,AA==' },
          ],
        },
        { type: 'function_call', call_id: 'c', name: 'get', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c', output: 'n/a' },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'get', arguments: '{"city":"Paris"}' } },
          { id: 'b', type: 'function', function: { name: 'get', arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'a', content: 'sunny' },
      { role: 'tool', tool_call_id: 'b', content: 'rain' },
      {
        role: 'user',
        content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'get', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c', content: 'n/a' },
    ]);
  });

  it('offers only function tools upstream and drops built-in ones without refusing', () => {
    const out = translate({
      input: 'x',
      tools: [
        { type: 'web_search' },
        { type: 'function', name: 'shell', description: 'Run', parameters: null, strict: true },
        { type: 'local_shell' },
      ],
      tool_choice: { type: 'function', name: 'shell' },
      parallel_tool_calls: false,
    });
    expect(out.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'shell',
          description: 'Run',
          parameters: { type: 'object', properties: {} },
          strict: true,
        },
      },
    ]);
    expect(out.tool_choice).toEqual({ type: 'function', function: { name: 'shell' } });
    expect(out.parallel_tool_calls).toBe(false);
  });

  it('sends no tools and no tool_choice when only built-in tools were offered', () => {
    const out = translate({
      input: 'x',
      tools: [{ type: 'web_search_preview' }],
      tool_choice: { type: 'web_search_preview' },
    });
    expect(out.tools).toBeUndefined();
    expect(out.tool_choice).toBeUndefined();
  });

  it('falls back to auto when tool_choice names a built-in tool but functions remain', () => {
    const out = translate({
      input: 'x',
      tools: [{ type: 'function', name: 'f' }, { type: 'file_search' }],
      tool_choice: { type: 'file_search' },
    });
    expect(out.tool_choice).toBe('auto');
  });

  it('asks streams for usage, maps reasoning effort and structured output', () => {
    const out = translate({
      input: 'x',
      stream: true,
      temperature: 0.3,
      top_p: 0.9,
      user: 'u1',
      reasoning: { effort: 'xhigh' },
      text: {
        format: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true },
      },
    });
    expect(out).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      top_p: 0.9,
      user: 'u1',
      reasoning_effort: 'high',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'r', schema: { type: 'object' }, strict: true },
      },
    });
  });

  it('drops reasoning for upstream models that do not reason', () => {
    const out = translate(
      { input: 'x', reasoning: { effort: 'low' } },
      { ...options, supportsReasoning: false },
    );
    expect(out.reasoning_effort).toBeUndefined();
  });
});
