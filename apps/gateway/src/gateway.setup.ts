import { Logger, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ValidationError } from 'class-validator';
import express, { type NextFunction, type Request, type Response } from 'express';
import { newId } from '@app/database';
import { invalidRequest } from '@app/errors';
import { runWithRequestId } from '@app/logging';
import { MetricsService } from '@app/metrics';
import { accessLog } from './access-log/access-log.middleware';
import { errorBodyFor } from './errors/error-body';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { toApiFailure } from './errors/to-api-failure';
import { InferenceFastPath } from './fast-path/inference-fast-path';
import type { GatewayRequest } from './gateway-request';
import { requestMetrics } from './health/request-metrics.middleware';

export const BODY_LIMIT = '10mb';

/**
 * Everything around the routes, shared by main.ts and the tests so both run the same
 * gateway: request ids, the body parser and its errors, validation, the error filter.
 * The app must be created with `bodyParser: false`.
 */
export function configureGateway(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use((request: GatewayRequest, response: Response, next: NextFunction) => {
    // The request id doubles as the usage event id of a metered request.
    request.requestId = newId('gen');
    response.setHeader('x-request-id', request.requestId);
    // The Anthropic SDK reads this name (error.requestID, _request_id).
    response.setHeader('request-id', request.requestId);
    // Every log line written while serving this request carries its id.
    runWithRequestId(request.requestId, next);
  });
  app.use(accessLog(new Logger('AccessLog')));
  // The dashboard's HTML forms post urlencoded fields; everything else is JSON.
  app.use('/dashboard', express.urlencoded({ extended: false, limit: '64kb' }));
  app.use(express.json({ limit: BODY_LIMIT, type: () => true }));
  app.use(requestMetrics(app.get(MetricsService)));
  // Errors of the body parser happen before any route, so Nest's filters never see them.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const failure = toApiFailure(error, (request as GatewayRequest).requestId);
    response.status(failure.status).json(errorBodyFor(request, failure));
  });
  // The inference routes, past Nest's router (see InferenceFastPath); the rest goes on to it.
  app.use(new InferenceFastPath(app).middleware);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors: ValidationError[]) => {
        const first = errors[0];
        const message = first?.constraints
          ? Object.values(first.constraints)[0]
          : 'The request body is invalid.';
        return invalidRequest(`${message}.`.replace(/\.\.$/, '.'), first?.property);
      },
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
}
