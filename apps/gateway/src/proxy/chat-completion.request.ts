import { invalidRequest } from '@app/errors';

/** The fields of an OpenAI chat completion request that the gateway itself reads. */
export interface ChatCompletionRequest {
  model: string;
  messages: Array<Record<string, unknown>>;
  stream: boolean;
  /** The whole body, unknown fields included: passed to the upstream unchanged. */
  body: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates only what the gateway needs before anything goes upstream; every other
 * OpenAI field is the upstream's to judge. Throws a 400 naming the field.
 */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  const { model, messages, stream } = body;
  if (model === undefined) throw invalidRequest('model is required.', 'model');
  if (typeof model !== 'string' || model.trim() === '') {
    throw invalidRequest('model must be a non-empty string.', 'model');
  }
  if (messages === undefined) throw invalidRequest('messages is required.', 'messages');
  if (!Array.isArray(messages)) throw invalidRequest('messages must be an array.', 'messages');
  if (messages.length === 0) throw invalidRequest('messages must not be empty.', 'messages');
  messages.forEach((message, index) => {
    if (!isObject(message))
      throw invalidRequest(`messages[${index}] must be an object.`, `messages[${index}]`);
    if (typeof message.role !== 'string') {
      throw invalidRequest(`messages[${index}].role must be a string.`, `messages[${index}].role`);
    }
  });
  if (stream !== undefined && typeof stream !== 'boolean') {
    throw invalidRequest('stream must be a boolean.', 'stream');
  }
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = body[field];
    if (
      value !== undefined &&
      value !== null &&
      !(Number.isSafeInteger(value) && (value as number) > 0)
    ) {
      throw invalidRequest(`${field} must be a positive integer.`, field);
    }
  }
  return {
    model,
    messages: messages as Array<Record<string, unknown>>,
    stream: stream === true,
    body,
  };
}
