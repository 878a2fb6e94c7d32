import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@app/errors';
import type { GatewayRequest } from '../gateway-request';
import { errorBodyFor } from './error-body';
import { toApiFailure } from './to-api-failure';

/** Every error of every route, answered in the shape of the surface it came through. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const response = http.getResponse<Response>();
    const failure = toApiFailure(error, request.requestId);
    if (failure.status >= 500 && !(error instanceof DomainError)) {
      this.logger.error(`request ${request.requestId} failed`, (error as Error)?.stack);
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
}
