import {
  anthropicToOpenAiRequest,
  AnthropicRequestError,
  validateAnthropicRequest,
} from '@app/llm-formats';

const options = { upstreamModel: 'magistral-medium-2509', supportsReasoning: true };

/** A body shaped like what current Claude Code sends to POST /v1/messages?beta=true. */
const claudeCodeBody = () => ({
  model: 'magistral-medium-latest',
  max_tokens: 32000,
  stream: true,
  system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'system', content: 'Available agents: general-purpose, Explore.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: '<system-reminder>ctx</system-reminder>' },
        { type: 'text', text: 'List the files.', cache_control: { type: 'ephemeral' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'I should run ls.', signature: 'sig' },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } },
      ],
    },
    {
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: 'a.txt',
          cache_control: { type: 'ephemeral' },
        },
        {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: 'notes' },
          title: 'N',
        },
        { type: 'text', text: '<system-reminder>todo list empty</system-reminder>' },
      ],
    },
    { role: 'system', content: [{ type: 'text', text: 'Late instruction.' }] },
  ],
  tools: [
    {
      name: 'Bash',
      description: 'Run a command',
      input_schema: { type: 'object', properties: { command: { type: 'string' } } },
      cache_control: { type: 'ephemeral' },
    },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
    { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' },
  ],
  tool_choice: { type: 'auto' },
  thinking: { type: 'enabled', budget_tokens: 31999 },
  metadata: { user_id: 'user_abc_account_def_session_ghi' },
  context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
  output_config: { effort: 'medium' },
  temperature: 1,
});

describe('what current Claude Code sends to /v1/messages', () => {
  it('is accepted', () => {
    expect(() => validateAnthropicRequest(claudeCodeBody())).not.toThrow();
  });

  it('turns system messages into system instructions where they stand', () => {
    const out = anthropicToOpenAiRequest(validateAnthropicRequest(claudeCodeBody()), options);
    expect(out.messages.map((message) => message.role)).toEqual([
      'system',
      'system',
      'user',
      'assistant',
      'tool',
      'user',
      'system',
    ]);
    expect(out.messages[1]).toEqual({
      role: 'system',
      content: 'Available agents: general-purpose, Explore.',
    });
    expect(out.messages[6]).toEqual({ role: 'system', content: 'Late instruction.' });
  });

  it('passes on client tools, thinking, the user id; drops server tools and their rounds', () => {
    const out = anthropicToOpenAiRequest(validateAnthropicRequest(claudeCodeBody()), options);
    expect(out.tools?.map((tool) => tool.function.name)).toEqual(['Bash']);
    expect(out.tool_choice).toBe('auto');
    expect(out.reasoning_effort).toBe('high');
    expect(out.user).toBe('user_abc_account_def_session_ghi');
    expect(out.messages[3]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [
        {
          id: 'toolu_1',
          type: 'function',
          function: { name: 'Bash', arguments: '{"command":"ls"}' },
        },
      ],
    });
    expect(out.messages[5]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'N\n\nnotes' },
        { type: 'text', text: '<system-reminder>todo list empty</system-reminder>' },
      ],
    });
    const json = JSON.stringify(out);
    for (const dropped of ['cache_control', 'context_management', 'web_search', 'srvtoolu']) {
      expect(json).not.toContain(dropped);
    }
  });

  it('maps output_config: effort without thinking, and a JSON schema format', () => {
    const body = {
      ...claudeCodeBody(),
      thinking: undefined,
      output_config: { effort: 'max', format: { type: 'json_schema', schema: { type: 'object' } } },
    };
    const out = anthropicToOpenAiRequest(validateAnthropicRequest(body), options);
    expect(out.reasoning_effort).toBe('high');
    expect(out.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'output', schema: { type: 'object' } },
    });
    const plain = anthropicToOpenAiRequest(validateAnthropicRequest(body), {
      ...options,
      supportsReasoning: false,
    });
    expect(plain.reasoning_effort).toBeUndefined();
  });

  it('falls back to required when tool_choice names a tool that was left out', () => {
    const body = { ...claudeCodeBody(), tool_choice: { type: 'tool', name: 'web_search' } };
    const out = anthropicToOpenAiRequest(validateAnthropicRequest(body), options);
    expect(out.tool_choice).toBe('required');
  });

  it.each([
    [
      { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'x' } }] },
      'messages.0.content.0.type',
    ],
    [
      { role: 'user', content: [{ type: 'document', source: { type: 'base64', data: 'x' } }] },
      'messages.0.content.0.source',
    ],
    [
      { role: 'user', content: [{ type: 'server_tool_use', id: 'x' }] },
      'messages.0.content.0.type',
    ],
  ])('still refuses %j naming %s', (message, param) => {
    const body = { model: 'm', max_tokens: 10, messages: [message] };
    expect(() => validateAnthropicRequest(body)).toThrow(AnthropicRequestError);
    try {
      validateAnthropicRequest(body);
    } catch (error) {
      expect((error as AnthropicRequestError).param).toBe(param);
    }
  });

  it.each([
    ['output_config', 'fast'],
    ['output_config', { effort: 3 }],
    ['output_config', { format: { type: 'json_schema' } }],
    ['output_format', { type: 'xml', schema: {} }],
    ['context_management', []],
  ])('refuses a malformed %s', (field, value) => {
    const body = {
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
      [field]: value,
    };
    expect(() => validateAnthropicRequest(body)).toThrow(AnthropicRequestError);
  });
});
