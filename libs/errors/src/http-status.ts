import { ErrorCode } from './error-code';

/** The HTTP status of each error code (API.md, "Errors"). */
export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.InvalidRequest:
      return 400;
    case ErrorCode.MissingApiKey:
    case ErrorCode.InvalidApiKey:
    case ErrorCode.InvalidAdminToken:
      return 401;
    case ErrorCode.InsufficientBalance:
      return 402;
    case ErrorCode.PermissionDenied:
    case ErrorCode.KeyDisabled:
    case ErrorCode.AccountSuspended:
    case ErrorCode.KeySpendLimitReached:
      return 403;
    case ErrorCode.NotFound:
    case ErrorCode.ModelNotFound:
      return 404;
    case ErrorCode.IdempotencyConflict:
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.RateLimited:
      return 429;
    case ErrorCode.UpstreamError:
      return 502;
    case ErrorCode.ServiceUnavailable:
      return 503;
    case ErrorCode.UpstreamTimeout:
      return 504;
  }
}
