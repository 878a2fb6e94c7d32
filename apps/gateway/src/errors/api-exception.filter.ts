import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { GatewayRequest } from '../gateway-request';
import { sendApiError } from './send-api-error';

/** Every error of every route, answered in the shape of the surface it came through. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendApiError(
      http.getRequest<GatewayRequest>(),
      http.getResponse<Response>(),
      error,
      this.logger,
    );
  }
}
