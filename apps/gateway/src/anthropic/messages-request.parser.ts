import { invalidRequest } from '@app/errors';
import {
  AnthropicRequestError,
  validateAnthropicCountTokensRequest,
  validateAnthropicRequest,
  type AnthropicCountTokensRequest,
  type AnthropicMessagesRequest,
} from '@app/llm-formats';
import { assertRequestDepth } from '../inference/inference-request';

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
  assertRequestDepth(body);
  try {
    return validate(body);
  } catch (error) {
    if (error instanceof AnthropicRequestError) throw invalidRequest(error.message, error.param);
    throw error;
  }
}
