import { invalidRequest } from '@app/errors';
import {
  AnthropicRequestError,
  validateAnthropicCountTokensRequest,
  validateAnthropicRequest,
  type AnthropicCountTokensRequest,
  type AnthropicMessagesRequest,
} from '@app/llm-formats';
import { MAX_JSON_DEPTH } from '../proxy/chat-completion.request';

/**
 * Validates a `POST /v1/messages` body: a 400 naming the field (Anthropic's
 * `invalid_request_error`) before anything is held or sent upstream.
 */
export function parseMessagesRequest(body: unknown): AnthropicMessagesRequest {
  return validated(body, validateAnthropicRequest);
}

/** Validates a `POST /v1/messages/count_tokens` body: the same rules, `max_tokens` optional. */
export function parseCountTokensRequest(body: unknown): AnthropicCountTokensRequest {
  return validated(body, validateAnthropicCountTokensRequest);
}

function validated<T>(body: unknown, validate: (body: unknown) => T): T {
  // The token estimate serializes the whole body (tool schemas, tool inputs): nesting deep
  // enough to overflow the stack must be a 400, not a 500.
  assertDepth(body, MAX_JSON_DEPTH);
  try {
    return validate(body);
  } catch (error) {
    if (error instanceof AnthropicRequestError) throw invalidRequest(error.message, error.param);
    throw error;
  }
}

function assertDepth(value: unknown, remaining: number): void {
  if (typeof value !== 'object' || value === null) return;
  if (remaining === 0) {
    throw invalidRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  for (const child of Object.values(value)) assertDepth(child, remaining - 1);
}
