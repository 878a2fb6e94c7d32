/** Token counts of one request, as the upstream reported them or as estimated. */
export interface MeteredUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  estimated: boolean;
}

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** The usage of an OpenAI chat completion (or final stream chunk), when it reports one. */
export function readReportedUsage(body: unknown): MeteredUsage | undefined {
  const usage = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!usage || !isCount(usage.prompt_tokens) || !isCount(usage.completion_tokens))
    return undefined;
  const details = usage.prompt_tokens_details as { cached_tokens?: unknown } | undefined;
  const cached = isCount(details?.cached_tokens)
    ? Math.min(details.cached_tokens, usage.prompt_tokens)
    : 0;
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: cached,
    estimated: false,
  };
}

// About four characters a token for English text: the usual rule of thumb. Only used
// when the upstream reports nothing, and the record says it was estimated.
const CHARACTERS_PER_TOKEN = 4;

/** Estimates tokens from the characters of JSON values (request messages, answer content). */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}
