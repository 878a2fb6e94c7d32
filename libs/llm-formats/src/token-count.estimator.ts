import type { AnthropicMessagesRequest } from './anthropic.types';
import type { MeteredUsage } from './openai-usage.reader';

// A common rule of thumb for English text and JSON with BPE tokenizers. This is the one
// place the gateway's estimate rule is written: holds, `count_tokens`, `message_start`, and
// the usage billed (marked estimated) when an upstream reports none all go through it.
const CHARS_PER_TOKEN = 4;
/** About what Anthropic charges for a full-size image (1092×1092 px / 750). */
const TOKENS_PER_IMAGE = 1600;

/**
 * Roughly estimates the input tokens of a request, for `/v1/messages/count_tokens` and for
 * the `message_start` of a stream: a quarter of the characters of the system prompt and of
 * the JSON of the messages and tools, rounded up.
 *
 * Images are counted as a flat {@link TOKENS_PER_IMAGE} each rather than by the length of
 * their base64 data, which would overestimate a single photo by hundreds of thousands.
 *
 * @param req - The request; `max_tokens` and the other settings do not matter.
 */
export function countTokensEstimate(
  req: Pick<AnthropicMessagesRequest, 'system' | 'messages' | 'tools'>,
): number {
  let images = 0;
  const withoutImages = (_key: string, value: unknown): unknown => {
    if (typeof value === 'object' && value !== null && 'type' in value && value.type === 'image') {
      images++;
      return undefined;
    }
    return value;
  };
  const system =
    typeof req.system === 'string'
      ? req.system
      : (req.system ?? []).map((block) => block.text).join('\n\n');
  const characters =
    system.length +
    JSON.stringify(req.messages, withoutImages).length +
    (req.tools === undefined ? 0 : JSON.stringify(req.tools).length);
  return estimateTokensOfCharacters(characters) + images * TOKENS_PER_IMAGE;
}

/** Estimated tokens of so many characters of text: a quarter, rounded up. */
export function estimateTokensOfCharacters(characters: number): number {
  return Math.ceil(characters / CHARS_PER_TOKEN);
}

/** Characters of a JSON value: a string's own length, anything else's serialized length. */
export function countJsonCharacters(value: unknown): number {
  return (typeof value === 'string' ? value : JSON.stringify(value ?? '')).length;
}

/** Estimated tokens of a JSON value (request messages, tools, answer choices). */
export function estimateTokensOfJson(value: unknown): number {
  return estimateTokensOfCharacters(countJsonCharacters(value));
}

/**
 * The usage billed when the upstream reported none: the input as estimated before the
 * call, the output estimated from the characters that came back; marked as estimated.
 */
export function estimateUsage(inputTokens: number, outputCharacters: number): MeteredUsage {
  return {
    inputTokens,
    outputTokens: estimateTokensOfCharacters(outputCharacters),
    cachedInputTokens: 0,
    estimated: true,
  };
}
