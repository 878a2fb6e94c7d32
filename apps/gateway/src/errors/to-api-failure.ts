import { HttpException } from '@nestjs/common';
import { DomainError, ErrorCode, httpStatusOf } from '@app/errors';
import { InvalidMoneyError } from '@app/pricing';
import type { ApiFailure } from './error-body';

/** Body-parser's errors carry a `type` and a `status`. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

/**
 * Reduces anything thrown to an ApiFailure whose message is safe to show: domain errors
 * keep theirs, framework errors get a plain one and keep their status, and unknown errors
 * a generic 500 that names only the request id (their message could hold anything).
 */
export function toApiFailure(error: unknown, requestId: string): ApiFailure {
  if (error instanceof DomainError) {
    return {
      status: error.details.httpStatus ?? httpStatusOf(error.code),
      code: error.code,
      message: error.message,
      param: error.details.param,
    };
  }
  if (error instanceof InvalidMoneyError) {
    return {
      status: 400,
      code: ErrorCode.InvalidRequest,
      message: error.message,
      param: error.field,
    };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') {
      return {
        status: 400,
        code: ErrorCode.InvalidRequest,
        message: 'The request body is not valid JSON.',
      };
    }
    if (error.type === 'entity.too.large') {
      return {
        status: 413,
        code: ErrorCode.PayloadTooLarge,
        message: 'The request body is larger than the limit of 10 MiB.',
      };
    }
    if (error.status >= 400 && error.status < 500) {
      return {
        status: error.status,
        code: ErrorCode.InvalidRequest,
        message: 'The request body could not be read.',
      };
    }
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) {
      return { status, code: ErrorCode.NotFound, message: 'No such endpoint.' };
    }
    if (status < 500) {
      return { status, code: ErrorCode.InvalidRequest, message: error.message };
    }
    // A 5xx thrown on purpose (503: not ready, overloaded) keeps its status, so that a
    // load balancer or a client can tell it from a crash. Its own text is not shown: a
    // framework's 5xx can carry anything.
    return {
      status,
      code: status === 503 ? ErrorCode.ServiceUnavailable : 'internal_error',
      message:
        status === 503
          ? 'The service is temporarily unavailable; retry shortly.'
          : `Internal error. Quote request id ${requestId} when you report it.`,
    };
  }
  return {
    status: 500,
    code: 'internal_error',
    message: `Internal error. Quote request id ${requestId} when you report it.`,
  };
}
