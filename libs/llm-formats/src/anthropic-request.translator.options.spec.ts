import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions';
import {
  anthropicToOpenAiRequest,
  reasoningEffortForBudget,
  type AnthropicMessageParam,
  type AnthropicMessagesRequest,
  type OpenAiChatRequest,
} from '@app/llm-formats';

const options = { upstreamModel: 'mistral-large-latest', supportsReasoning: false };

const request = (fields: Partial<AnthropicMessagesRequest> = {}): AnthropicMessagesRequest => ({
  model: 'claude-sonnet-4-5',
  max_tokens: 512,
  messages: [{ role: 'user', content: 'Hello' }],
  ...fields,
});

const translate = (
  fields: Partial<AnthropicMessagesRequest> = {},
  opts: Partial<typeof options> = {},
): OpenAiChatRequest => anthropicToOpenAiRequest(request(fields), { ...options, ...opts });

const toolUseTurn: AnthropicMessageParam = {
  role: 'assistant',
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }],
};

describe('anthropicToOpenAiRequest: tools and settings', () => {
  it('produces a body the official OpenAI SDK types accept', () => {
    const body: ChatCompletionCreateParamsBase = translate({
      system: 'S',
      stream: true,
      tools: [{ name: 't', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 't' },
      thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'b' },
            { type: 'tool_use', id: 'toolu_1', name: 't', input: {} },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
  });

  describe('tools and tool_choice', () => {
    it('map tools to functions, with and without description', () => {
      const schema = { type: 'object', properties: { city: { type: 'string' } } };
      const out = translate({
        tools: [
          { name: 'weather', description: 'Current weather', input_schema: schema },
          { name: 'clock', input_schema: { type: 'object' } },
        ],
      });
      expect(out.tools).toEqual([
        {
          type: 'function',
          function: { name: 'weather', description: 'Current weather', parameters: schema },
        },
        { type: 'function', function: { name: 'clock', parameters: { type: 'object' } } },
      ]);
    });

    it('omit an empty tools array', () => {
      expect(translate({ tools: [] })).not.toHaveProperty('tools');
    });

    it.each([
      [{ type: 'auto' as const }, 'auto'],
      [{ type: 'any' as const }, 'required'],
      [{ type: 'none' as const }, 'none'],
      [
        { type: 'tool' as const, name: 'weather' },
        { type: 'function', function: { name: 'weather' } },
      ],
    ])('map tool_choice %j', (toolChoice, expected) => {
      const out = translate({ tool_choice: toolChoice });
      expect(out.tool_choice).toEqual(expected);
      expect(out).not.toHaveProperty('parallel_tool_calls');
    });

    it.each([
      [{ type: 'auto' as const, disable_parallel_tool_use: true }, false],
      [{ type: 'any' as const, disable_parallel_tool_use: true }, false],
      [{ type: 'tool' as const, name: 'x', disable_parallel_tool_use: true }, false],
      [{ type: 'auto' as const, disable_parallel_tool_use: false }, undefined],
    ])('map disable_parallel_tool_use of %j', (toolChoice, expected) => {
      expect(translate({ tool_choice: toolChoice }).parallel_tool_calls).toBe(expected);
    });
  });

  describe('settings', () => {
    it('copy max_tokens, temperature and top_p; map stop_sequences and metadata.user_id', () => {
      const out = translate({
        max_tokens: 99,
        temperature: 0.3,
        top_p: 0.8,
        top_k: 5,
        stop_sequences: ['END', '###'],
        metadata: { user_id: 'u-42' },
      });
      expect(out).toEqual({
        model: 'mistral-large-latest',
        messages: [{ role: 'user', content: 'Hello' }],
        max_tokens: 99,
        temperature: 0.3,
        top_p: 0.8,
        stop: ['END', '###'],
        user: 'u-42',
      });
    });

    it('keep temperature 0 and drop empty stop sequences and null user ids', () => {
      const out = translate({ temperature: 0, stop_sequences: [], metadata: { user_id: null } });
      expect(out.temperature).toBe(0);
      expect(out).not.toHaveProperty('stop');
      expect(out).not.toHaveProperty('user');
    });

    it('asks for usage in streams', () => {
      expect(translate({ stream: true })).toMatchObject({
        stream: true,
        stream_options: { include_usage: true },
      });
      expect(translate({ stream: false })).not.toHaveProperty('stream');
      expect(translate({ stream: false })).not.toHaveProperty('stream_options');
    });
  });

  describe('thinking', () => {
    it.each([
      [1024, 'low'],
      [4095, 'low'],
      [4096, 'medium'],
      [16383, 'medium'],
      [16384, 'high'],
      [64000, 'high'],
    ])('maps a budget of %i tokens to %s when the upstream reasons', (budget, effort) => {
      expect(reasoningEffortForBudget(budget)).toBe(effort);
      const out = translate(
        { max_tokens: 100000, thinking: { type: 'enabled', budget_tokens: budget } },
        { supportsReasoning: true },
      );
      expect(out.reasoning_effort).toBe(effort);
    });

    it('maps adaptive thinking to medium and disabled thinking to nothing', () => {
      const reasoning = { supportsReasoning: true };
      expect(translate({ thinking: { type: 'adaptive' } }, reasoning).reasoning_effort).toBe(
        'medium',
      );
      expect(translate({ thinking: { type: 'disabled' } }, reasoning)).not.toHaveProperty(
        'reasoning_effort',
      );
      expect(translate({}, reasoning)).not.toHaveProperty('reasoning_effort');
    });

    it('is dropped when the upstream does not reason', () => {
      const out = translate({ thinking: { type: 'enabled', budget_tokens: 20000 } });
      expect(out).not.toHaveProperty('reasoning_effort');
    });
  });

  it('does not mutate its input', () => {
    const req = request({
      system: [{ type: 'text', text: 'S' }],
      stop_sequences: ['x'],
      messages: [{ role: 'user', content: 'Weather?' }, toolUseTurn],
    });
    const copy = structuredClone(req);
    anthropicToOpenAiRequest(req, options);
    expect(req).toEqual(copy);
  });
});
