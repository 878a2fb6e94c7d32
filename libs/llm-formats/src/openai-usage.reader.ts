/** Token counts of one request, as the upstream reported them or as estimated. */
export interface MeteredUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Input tokens written to the provider's cache (Anthropic's cache writes), part of inputTokens. */
  cacheWriteInputTokens?: number;
  estimated: boolean;
}

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The usage of an OpenAI chat completion (or of its final stream chunk, or of an error
 * answer), when it reports one.
 *
 * @param body - Any parsed JSON; answers without a well-formed `usage` give `undefined`.
 */
export function readOpenAiUsage(body: unknown): MeteredUsage | undefined {
  const usage = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!usage || !isCount(usage.prompt_tokens) || !isCount(usage.completion_tokens))
    return undefined;
  const details = usage.prompt_tokens_details as
    { cached_tokens?: unknown; cache_write_tokens?: unknown } | undefined;
  const cached = isCount(details?.cached_tokens)
    ? Math.min(details.cached_tokens, usage.prompt_tokens)
    : 0;
  // Cache writes as OpenRouter reports them (and as the Anthropic dialect translates them).
  const written = isCount(details?.cache_write_tokens)
    ? Math.min(details.cache_write_tokens, usage.prompt_tokens - cached)
    : 0;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: cached,
    ...(written > 0 ? { cacheWriteInputTokens: written } : {}),
    estimated: false,
  };
}
