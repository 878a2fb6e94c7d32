import type { AnthropicMessagesRequest } from './anthropic.types';
import type { MeteredUsage } from './openai-usage.reader';

// A common rule of thumb for English text and JSON with BPE tokenizers. This is the one
// place the gateway's estimate rule is written: holds, `count_tokens`, `message_start`, and
// the usage billed (marked estimated) when an upstream reports none all go through it.
const CHARS_PER_TOKEN = 4;
/** About what Anthropic charges for a full-size image (1092×1092 px / 750): the estimate. */
const TOKENS_PER_IMAGE = 1600;
/**
 * The most any provider we speak bills for one image, held for each: Mistral's documented
 * maximum, a 1024×1024 image in 16×16-pixel patches (64 × 64), plus a break token per row
 * and an end token. Anthropic's (about 1,600) and OpenAI's (at most 1,536 patches) are lower.
 */
export const MAX_IMAGE_TOKENS = 64 * 64 + 64 + 1;

/**
 * Roughly estimates the input tokens of a request, for `/v1/messages/count_tokens` and for
 * the `message_start` of a stream: a quarter of the characters of the system prompt and of
 * the JSON of the messages and tools, rounded up.
 *
 * Image blocks (in a message's or a tool result's content, where the API takes images) are
 * counted as a flat {@link TOKENS_PER_IMAGE} each rather than by the length of their base64
 * data, which would overestimate a single photo by hundreds of thousands; any other object
 * with `"type":"image"` (inside a tool input, say) is text and counted as such.
 *
 * @param req - The request; `max_tokens` and the other settings do not matter.
 */
export function countTokensEstimate(
  req: Pick<AnthropicMessagesRequest, 'system' | 'messages' | 'tools'>,
): number {
  const { value: messages, images } = withoutImageBlocks(req.messages, isMessagesImage);
  const system =
    typeof req.system === 'string'
      ? req.system
      : (req.system ?? []).map((block) => block.text).join('\n\n');
  const characters =
    system.length +
    JSON.stringify(messages).length +
    (req.tools === undefined ? 0 : JSON.stringify(req.tools).length);
  return estimateTokensOfCharacters(characters) + images * TOKENS_PER_IMAGE;
}

/**
 * The most input tokens a provider can bill for a chat request body in the core's
 * (OpenAI Chat Completions) form, as sent upstream: one token per UTF-8 byte of its JSON
 * (a byte-level tokenizer never makes more; tools, `response_format` schemas, CJK text and
 * tool inputs included), each real image part (`image_url` in a message's content) at
 * {@link MAX_IMAGE_TOKENS} rather than by its bytes. A bound from the body's size, not a guess.
 */
export function chatInputTokenBound(body: object): number {
  return inputTokenBound(body, isChatImage);
}

/**
 * The same bound for an Anthropic Messages body: real image blocks (in a message's content
 * or a `tool_result`'s) at {@link MAX_IMAGE_TOKENS}; any other object, whatever its `type`
 * (a tool input holding `"type":"image"` is text), by its bytes.
 */
export function messagesInputTokenBound(body: object): number {
  return inputTokenBound(body, isMessagesImage);
}

function inputTokenBound(body: object, isImage: (part: JsonObject) => boolean): number {
  const request = body as JsonObject;
  const { value: messages, images } = withoutImageBlocks(request.messages, isImage);
  const bytes = Buffer.byteLength(JSON.stringify({ ...request, messages }), 'utf8');
  return bytes + images * MAX_IMAGE_TOKENS;
}

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isChatImage(part: JsonObject): boolean {
  return part.type === 'image_url';
}

function isMessagesImage(part: JsonObject): boolean {
  return part.type === 'image';
}

/**
 * The messages with their real image blocks taken out, and how many there were: only
 * blocks where the API takes an image (a message's content, a tool result's content).
 */
function withoutImageBlocks(
  messages: unknown,
  isImage: (part: JsonObject) => boolean,
): { value: unknown; images: number } {
  let images = 0;
  const strip = (content: unknown): unknown => {
    if (!Array.isArray(content)) return content;
    return content.flatMap((part: unknown) => {
      if (!isJsonObject(part)) return [part];
      if (isImage(part)) {
        images++;
        return [];
      }
      if (part.type === 'tool_result') return [{ ...part, content: strip(part.content) }];
      return [part];
    });
  };
  const value = Array.isArray(messages)
    ? messages.map((message: unknown) =>
        isJsonObject(message) ? { ...message, content: strip(message.content) } : message,
      )
    : messages;
  return { value, images };
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
