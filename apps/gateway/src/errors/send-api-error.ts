import type { LoggerService } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@app/errors';
import type { GatewayRequest } from '../gateway-request';
import { errorBodyFor } from './error-body';
import { toApiFailure } from './to-api-failure';

/**
 * Answers an error in the shape of the surface the request came through (OpenAI's or
 * Anthropic's error body, with `retry-after` when the error has one); an unexpected error
 * is logged with its stack. A response already under way is ended as it stands.
 */
export function sendApiError(
  request: GatewayRequest,
  response: Response,
  error: unknown,
  logger: LoggerService,
): void {
  const failure = toApiFailure(error, request.requestId);
  if (failure.status >= 500 && !(error instanceof DomainError)) {
    logger.error(`request ${request.requestId} failed`, (error as Error)?.stack);
  }
  if (response.headersSent) {
    response.end();
    return;
  }
  if (error instanceof DomainError && error.details.retryAfterSeconds !== undefined) {
    response.setHeader('retry-after', String(error.details.retryAfterSeconds));
  }
  response.status(failure.status).json(errorBodyFor(request, failure));
}
