import {
  chatInputTokenBound,
  countTokensEstimate,
  estimateTokensOfCharacters,
  estimateTokensOfJson,
  estimateUsage,
  MAX_IMAGE_TOKENS,
  messagesInputTokenBound,
  type AnthropicMessagesRequest,
} from '@app/llm-formats';

const request = (fields: Partial<AnthropicMessagesRequest>): AnthropicMessagesRequest => ({
  model: 'claude',
  max_tokens: 10,
  messages: [],
  ...fields,
});

describe('countTokensEstimate', () => {
  it('counts a quarter of the characters of the messages JSON, rounded up', () => {
    const messages: AnthropicMessagesRequest['messages'] = [{ role: 'user', content: 'Hello' }];
    const characters = JSON.stringify(messages).length; // 35
    expect(countTokensEstimate(request({ messages }))).toBe(Math.ceil(characters / 4));
  });

  it('adds the system prompt text and the tools JSON', () => {
    const messages: AnthropicMessagesRequest['messages'] = [{ role: 'user', content: 'Hi' }];
    const tools = [{ name: 'weather', input_schema: { type: 'object' } }];
    const base = JSON.stringify(messages).length;
    expect(countTokensEstimate(request({ messages, system: 'x'.repeat(40) }))).toBe(
      Math.ceil((base + 40) / 4),
    );
    expect(
      countTokensEstimate(
        request({
          messages,
          system: [
            { type: 'text', text: 'abc' },
            { type: 'text', text: 'de' },
          ],
        }),
      ),
    ).toBe(Math.ceil((base + 'abc\n\nde'.length) / 4));
    expect(countTokensEstimate(request({ messages, tools }))).toBe(
      Math.ceil((base + JSON.stringify(tools).length) / 4),
    );
  });

  it('counts images as a flat amount instead of their base64 length', () => {
    const withImage = countTokensEstimate(
      request({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'image',
                source: { type: 'base64', media_type: 'image/png', data: 'A'.repeat(400000) },
              },
            ],
          },
        ],
      }),
    );
    expect(withImage).toBeGreaterThanOrEqual(1600);
    expect(withImage).toBeLessThan(1700);
  });

  it('grows with the conversation and is 1 for an almost empty one', () => {
    expect(countTokensEstimate(request({ messages: [] }))).toBe(1); // "[]"
    const short = countTokensEstimate(request({ messages: [{ role: 'user', content: 'a' }] }));
    const long = countTokensEstimate(
      request({ messages: [{ role: 'user', content: 'a'.repeat(1000) }] }),
    );
    expect(long - short).toBe(250);
  });
});

describe('the estimate rule', () => {
  it('counts about four characters a token, rounding up', () => {
    expect(estimateTokensOfCharacters(4)).toBe(1);
    expect(estimateTokensOfCharacters(5)).toBe(2);
    expect(estimateTokensOfCharacters(0)).toBe(0);
    expect(estimateTokensOfJson('abcde')).toBe(2);
    expect(estimateTokensOfJson(undefined)).toBe(1); // '""'
    expect(estimateTokensOfJson([{ a: 1 }])).toBe(Math.ceil('[{"a":1}]'.length / 4));
  });

  it('marks an estimated usage as such and never guesses cached tokens', () => {
    expect(estimateUsage(7, 9)).toEqual({
      inputTokens: 7,
      outputTokens: 3,
      cachedInputTokens: 0,
      estimated: true,
    });
  });
});

describe('real image blocks only', () => {
  it('counts an object with "type":"image" inside a tool input as the text it is', () => {
    const big = 'A'.repeat(500_000);
    const messages = [
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 't1', name: 'save', input: { type: 'image', data: big } },
        ],
      },
    ] as unknown as AnthropicMessagesRequest['messages'];
    expect(countTokensEstimate(request({ messages }))).toBeGreaterThan(500_000 / 4);
    expect(messagesInputTokenBound({ model: 'm', messages })).toBeGreaterThan(500_000);
  });
});

describe('input token bounds: at least what a provider bills for the body sent', () => {
  const chat = (fields: object) => ({
    model: 'm',
    messages: [{ role: 'user', content: 'Hi' }],
    ...fields,
  });

  it('counts one token per UTF-8 byte of the whole body, response_format included', () => {
    const schema = { type: 'object', description: 'x'.repeat(10_000) };
    const body = chat({ response_format: { type: 'json_schema', json_schema: { schema } } });
    expect(chatInputTokenBound(body)).toBe(Buffer.byteLength(JSON.stringify(body)));
    expect(chatInputTokenBound(body)).toBeGreaterThan(10_000);
  });

  it('counts CJK text by its bytes: three per character, above any tokenizer', () => {
    const text = '東京の天気は晴れです'.repeat(1000); // 10,000 characters
    const body = chat({ messages: [{ role: 'user', content: text }] });
    expect(chatInputTokenBound(body)).toBeGreaterThanOrEqual(30_000);
    // The estimate (a quarter of the characters) would hold 2,500.
    expect(estimateTokensOfJson(text)).toBe(2_500);
  });

  it('holds every real image at the documented maximum, whatever its URL or data size', () => {
    const image = { type: 'image_url', image_url: { url: 'https://x.io/a.png' } };
    const body = chat({ messages: [{ role: 'user', content: [image, image, image] }] });
    expect(chatInputTokenBound(body)).toBeGreaterThan(3 * MAX_IMAGE_TOKENS);
    const photo = {
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${'Q'.repeat(1e6)}` },
    };
    const withPhoto = chat({ messages: [{ role: 'user', content: [photo] }] });
    expect(chatInputTokenBound(withPhoto)).toBeLessThan(MAX_IMAGE_TOKENS + 200);
    const block = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'Q' } };
    const messages = [
      {
        role: 'user',
        content: [block, { type: 'tool_result', tool_use_id: 't', content: [block] }],
      },
    ];
    expect(messagesInputTokenBound({ model: 'm', messages })).toBeGreaterThan(2 * MAX_IMAGE_TOKENS);
  });
});
