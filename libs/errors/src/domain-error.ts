import { ErrorCode } from './error-code';

/** An expected failure with a code and a message that is safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: {
      param?: string;
      retryAfterSeconds?: number;
      /** Overrides the code's usual status, e.g. to pass on an upstream's own 4xx. */
      httpStatus?: number;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** 400: the request is malformed; `param` names the offending field when there is one. */
export const invalidRequest = (message: string, param?: string): DomainError =>
  new DomainError(ErrorCode.InvalidRequest, message, { param });

/** 404 for a resource of the given kind and id. */
export const notFound = (kind: string, id: string): DomainError =>
  new DomainError(ErrorCode.NotFound, `No ${kind} with id '${id}'.`);
