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

  it("reads cache writes (OpenRouter's cache_write_tokens), never more than the uncached input", () => {
    const usage = (written: number) =>
      readOpenAiUsage({
        usage: {
          prompt_tokens: 130,
          completion_tokens: 9,
          prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: written },
        },
      });
    expect(usage(20)).toEqual({
      inputTokens: 130,
      outputTokens: 9,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 20,
      estimated: false,
    });
    expect(usage(500)?.cacheWriteInputTokens).toBe(30);
  });
});
