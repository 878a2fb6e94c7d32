import {
  anthropicToOpenAiRequest,
  TOOL_ERROR_PREFIX,
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

const messagesOf = (...messages: AnthropicMessageParam[]): OpenAiChatRequest['messages'] =>
  translate({ messages }).messages;

const toolUseTurn: AnthropicMessageParam = {
  role: 'assistant',
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } }],
};

describe('anthropicToOpenAiRequest: messages', () => {
  it('translates a minimal request with the upstream model', () => {
    expect(translate()).toEqual({
      model: 'mistral-large-latest',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 512,
    });
  });

  describe('system', () => {
    it('becomes a first system message', () => {
      expect(translate({ system: 'Be brief.' }).messages[0]).toEqual({
        role: 'system',
        content: 'Be brief.',
      });
    });

    it('joins text blocks with a blank line', () => {
      const system = [
        { type: 'text' as const, text: 'One' },
        { type: 'text' as const, text: 'Two' },
      ];
      expect(translate({ system }).messages[0]).toEqual({ role: 'system', content: 'One\n\nTwo' });
    });

    it('is omitted when empty', () => {
      expect(translate({ system: '' }).messages).toEqual([{ role: 'user', content: 'Hello' }]);
      expect(translate({ system: [] }).messages).toEqual([{ role: 'user', content: 'Hello' }]);
    });
  });

  describe('user messages', () => {
    it('keep string content', () => {
      expect(messagesOf({ role: 'user', content: 'Hi' })).toEqual([
        { role: 'user', content: 'Hi' },
      ]);
    });

    it('turn a single text block into string content', () => {
      expect(messagesOf({ role: 'user', content: [{ type: 'text', text: 'Hi' }] })).toEqual([
        { role: 'user', content: 'Hi' },
      ]);
    });

    it('turn several text blocks into text parts', () => {
      const messages = messagesOf({
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      });
      expect(messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ]);
    });

    it('turn base64 and url images into image_url parts, in order with the text', () => {
      const messages = messagesOf({
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          { type: 'text', text: 'What is this?' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      });
      expect(messages).toEqual([
        {
          role: 'user',
          content: [
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
          ],
        },
      ]);
    });

    it('keep a lone image as a parts array', () => {
      const messages = messagesOf({
        role: 'user',
        content: [{ type: 'image', source: { type: 'url', url: 'https://x/a.png' } }],
      });
      expect(messages).toEqual([
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/a.png' } }] },
      ]);
    });
  });

  describe('tool results', () => {
    const conversation = (
      ...content: AnthropicMessageParam['content'][]
    ): OpenAiChatRequest['messages'] =>
      messagesOf(
        { role: 'user', content: 'Weather?' },
        toolUseTurn,
        ...content.map((c) => ({ role: 'user' as const, content: c })),
      ).slice(2);

    it('become tool messages with string content', () => {
      expect(
        conversation([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' }]),
      ).toEqual([{ role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' }]);
    });

    it('join the text of text blocks and accept missing content', () => {
      expect(
        conversation([
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [
              { type: 'text', text: '18°C' },
              { type: 'text', text: 'sunny' },
            ],
          },
        ]),
      ).toEqual([{ role: 'tool', tool_call_id: 'toolu_1', content: '18°C\n\nsunny' }]);
      expect(conversation([{ type: 'tool_result', tool_use_id: 'toolu_1' }])).toEqual([
        { role: 'tool', tool_call_id: 'toolu_1', content: '' },
      ]);
    });

    it('prefix the content of errors', () => {
      expect(
        conversation([
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'timeout', is_error: true },
        ]),
      ).toEqual([
        { role: 'tool', tool_call_id: 'toolu_1', content: `${TOOL_ERROR_PREFIX}timeout` },
      ]);
      expect(TOOL_ERROR_PREFIX).toBe('Error: ');
    });

    it('come before the remaining user content of the same message', () => {
      const messages = messagesOf(
        { role: 'user', content: 'Two cities?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_1', name: 'weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here you go' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: 'rain' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: 'sun' },
          ],
        },
      );
      expect(messages.slice(2)).toEqual([
        { role: 'tool', tool_call_id: 'toolu_1', content: 'rain' },
        { role: 'tool', tool_call_id: 'toolu_2', content: 'sun' },
        { role: 'user', content: 'Here you go' },
      ]);
    });

    it('move their images to a user message after the tool messages', () => {
      expect(
        conversation([
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [
              { type: 'text', text: 'screenshot' },
              { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'QQ' } },
            ],
          },
        ]),
      ).toEqual([
        { role: 'tool', tool_call_id: 'toolu_1', content: 'screenshot' },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,QQ' } }],
        },
      ]);
    });
  });

  describe('assistant messages', () => {
    it('keep string content and several text blocks', () => {
      expect(messagesOf({ role: 'assistant', content: 'Sure' })).toEqual([
        { role: 'assistant', content: 'Sure' },
      ]);
      expect(
        messagesOf({
          role: 'assistant',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        }),
      ).toEqual([
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
      ]);
    });

    it('turn tool_use blocks into tool_calls with null content', () => {
      expect(messagesOf(toolUseTurn)).toEqual([
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'toolu_1',
              type: 'function',
              function: { name: 'weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
      ]);
    });

    it('keep text next to tool calls and drop thinking blocks', () => {
      const messages = messagesOf({
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Let me check', signature: 'sig' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'toolu_9', name: 'clock', input: {} },
        ],
      });
      expect(messages).toEqual([
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_9', type: 'function', function: { name: 'clock', arguments: '{}' } },
          ],
        },
      ]);
    });

    it('are omitted when nothing is left (empty prefill, thinking only)', () => {
      expect(
        messagesOf({ role: 'user', content: 'Hi' }, { role: 'assistant', content: '' }),
      ).toEqual([{ role: 'user', content: 'Hi' }]);
      expect(
        messagesOf(
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: [{ type: 'thinking', thinking: 'x', signature: '' }] },
        ),
      ).toEqual([{ role: 'user', content: 'Hi' }]);
    });

    it('keep a non-empty prefill as the last message', () => {
      expect(
        messagesOf({ role: 'user', content: 'JSON please' }, { role: 'assistant', content: '{' }),
      ).toEqual([
        { role: 'user', content: 'JSON please' },
        { role: 'assistant', content: '{' },
      ]);
    });
  });
});
