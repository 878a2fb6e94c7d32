import {
  countTokensEstimate,
  estimateTokensOfCharacters,
  estimateTokensOfJson,
  estimateUsage,
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
