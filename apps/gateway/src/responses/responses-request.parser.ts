import { invalidRequest } from '@app/errors';
import {
  ResponsesRequestError,
  validateResponsesRequest,
  type ResponsesRequest,
} from '@app/llm-formats';
import { assertRequestDepth } from '../inference/inference-request';

/**
 * Validates a `POST /v1/responses` body: a 400 in OpenAI's shape naming the field, before
 * anything is held or sent upstream. Server-side state (`previous_response_id`,
 * `store: true`, ...) is refused here with a message that says to send the whole input.
 */
export function parseResponsesRequest(body: unknown): ResponsesRequest {
  assertRequestDepth(body);
  try {
    return validateResponsesRequest(body);
  } catch (error) {
    if (error instanceof ResponsesRequestError) throw invalidRequest(error.message, error.param);
    throw error;
  }
}
