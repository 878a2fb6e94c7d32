import { readOpenAiUsage } from '@app/llm-formats';

describe('readOpenAiUsage', () => {
  it('reads prompt, completion and cached tokens', () => {
    expect(
      readOpenAiUsage({
        usage: {
          prompt_tokens: 1000,
          completion_tokens: 500,
          prompt_tokens_details: { cached_tokens: 200 },
        },
      }),
    ).toEqual({ inputTokens: 1000, outputTokens: 500, cachedInputTokens: 200, estimated: false });
  });

  it.each([
    [{}],
    [null],
    [{ usage: { prompt_tokens: -1, completion_tokens: 2 } }],
    [{ usage: { prompt_tokens: 1.5, completion_tokens: 2 } }],
  ])('finds no usage in %j', (body) => {
    expect(readOpenAiUsage(body)).toBeUndefined();
  });

  it('never counts more cached tokens than prompt tokens', () => {
    expect(
      readOpenAiUsage({
        usage: {
          prompt_tokens: 10,
          completion_tokens: 1,
          prompt_tokens_details: { cached_tokens: 50 },
        },
      })?.cachedInputTokens,
    ).toBe(10);
  });
});
