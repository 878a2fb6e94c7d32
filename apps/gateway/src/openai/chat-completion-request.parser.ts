import { invalidRequest } from '@app/errors';
import { assertRequestDepth } from '../inference/inference-request';
import { isObject } from '../inference/json';

/** OpenAI's own limit on `n`; each choice is held at the full output cap. */
const MAX_CHOICES = 128;

/** The fields of an OpenAI chat completion request that the gateway itself reads. */
export interface ChatCompletionRequest {
  model: string;
  messages: Array<Record<string, unknown>>;
  stream: boolean;
  /** The client asked for the usage chunk (`stream_options.include_usage`). */
  clientWantsUsage: boolean;
  /** The smaller of `max_completion_tokens` and `max_tokens`, when either is set. */
  maxOutputTokens: number | undefined;
  /** `n`: how many choices the upstream generates, each up to the cap (1 when unset). */
  choices: number;
  /** The whole body, unknown fields included: passed to the upstream unchanged. */
  body: Record<string, unknown>;
}

/**
 * Validates only what the gateway needs before anything goes upstream; every other
 * OpenAI field is the upstream's to judge. Throws a 400 naming the field.
 */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  assertRequestDepth(body);
  const { model, messages, stream, stream_options: streamOptions } = body;
  if (model === undefined) throw invalidRequest('model is required.', 'model');
  if (typeof model !== 'string' || model.trim() === '') {
    throw invalidRequest('model must be a non-empty string.', 'model');
  }
  if (messages === undefined) throw invalidRequest('messages is required.', 'messages');
  if (!Array.isArray(messages)) throw invalidRequest('messages must be an array.', 'messages');
  if (messages.length === 0) throw invalidRequest('messages must not be empty.', 'messages');
  messages.forEach((message, index) => {
    if (!isObject(message)) {
      throw invalidRequest(`messages[${index}] must be an object.`, `messages[${index}]`);
    }
    if (typeof message.role !== 'string') {
      throw invalidRequest(`messages[${index}].role must be a string.`, `messages[${index}].role`);
    }
  });
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    throw invalidRequest('stream must be a boolean.', 'stream');
  }
  if (streamOptions !== undefined && streamOptions !== null && !isObject(streamOptions)) {
    throw invalidRequest('stream_options must be an object.', 'stream_options');
  }
  let maxOutputTokens: number | undefined;
  for (const field of ['max_completion_tokens', 'max_tokens']) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!(Number.isSafeInteger(value) && (value as number) > 0)) {
      throw invalidRequest(`${field} must be a positive integer.`, field);
    }
    maxOutputTokens = Math.min(maxOutputTokens ?? Infinity, value as number);
  }
  const n = body.n ?? 1;
  if (!(Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_CHOICES)) {
    throw invalidRequest(`n must be an integer from 1 to ${MAX_CHOICES}.`, 'n');
  }
  return {
    model,
    messages: messages as Array<Record<string, unknown>>,
    stream: stream === true,
    clientWantsUsage: isObject(streamOptions) && streamOptions.include_usage === true,
    maxOutputTokens,
    choices: n as number,
    body,
  };
}
