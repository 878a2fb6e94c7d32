import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@app/errors';
import { toApiFailure } from '../errors/to-api-failure';
import type { GatewayRequest } from '../gateway-request';
import { CrossSiteRequestRefused, SignInRequired } from './dashboard.errors';
import { errorPage } from './views/error.view';
import { signInPage } from './views/sign-in.view';

/** Dashboard errors as pages: the sign-in form when there is no session, else the safe message. */
@Catch()
export class DashboardExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(DashboardExceptionFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<GatewayRequest>();
    const response = http.getResponse<Response>();
    if (response.headersSent) {
      response.end();
      return;
    }
    response.type('html');
    if (error instanceof SignInRequired) {
      response.status(401).send(signInPage(error.reason));
      return;
    }
    if (error instanceof CrossSiteRequestRefused) {
      response.status(403).send(errorPage(403, error.message));
      return;
    }
    const failure = toApiFailure(error, request.requestId);
    if (failure.status >= 500 && !(error instanceof DomainError)) {
      this.logger.error(`request ${request.requestId} failed`, (error as Error)?.stack);
    }
    response.status(failure.status).send(errorPage(failure.status, failure.message));
  }
}
