import { ErrorCode } from '@app/errors';

/** A failure reduced to what any surface needs to answer it. */
export interface ApiFailure {
  status: number;
  code: ErrorCode | 'internal_error';
  message: string;
  param?: string;
}

/** OpenAI's error `type` for each code (OpenAI puts 404s under invalid_request_error). */
function openAiType(failure: ApiFailure): string {
  switch (failure.code) {
    case ErrorCode.InvalidRequest:
    case ErrorCode.PayloadTooLarge:
    case ErrorCode.NotFound:
    case ErrorCode.ModelNotFound:
      return 'invalid_request_error';
    case ErrorCode.MissingApiKey:
    case ErrorCode.InvalidApiKey:
    case ErrorCode.InvalidAdminToken:
      return 'authentication_error';
    case ErrorCode.InsufficientBalance:
      return 'billing_error';
    case ErrorCode.PermissionDenied:
    case ErrorCode.KeyDisabled:
    case ErrorCode.AccountSuspended:
    case ErrorCode.KeySpendLimitReached:
      return 'permission_error';
    case ErrorCode.IdempotencyConflict:
      return 'idempotency_error';
    case ErrorCode.Conflict:
      return 'conflict_error';
    case ErrorCode.RateLimited:
      return 'rate_limit_error';
    case ErrorCode.UpstreamError:
      return 'upstream_error';
    case ErrorCode.UpstreamTimeout:
      return 'timeout_error';
    case ErrorCode.ServiceUnavailable:
      return 'service_unavailable_error';
    case 'internal_error':
      return 'server_error';
  }
}

/** `{"error": {"message", "type", "param", "code"}}`, as OpenAI answers. */
export function openAiErrorBody(failure: ApiFailure): object {
  return {
    error: {
      message: failure.message,
      type: openAiType(failure),
      param: failure.param ?? null,
      code: failure.code,
    },
  };
}

/** Anthropic's error types, chosen by status as Anthropic's API does. */
function anthropicType(status: number): string {
  if (status === 400 || status === 409 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 402) return 'billing_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status === 504) return 'timeout_error';
  return 'api_error';
}

/** `{"type": "error", "error": {"type", "message"}}`, as Anthropic answers. */
export function anthropicErrorBody(failure: ApiFailure): object {
  return {
    type: 'error',
    error: { type: anthropicType(failure.status), message: failure.message },
  };
}

/**
 * The Anthropic Messages surface answers in Anthropic's shape, and so does `/v1/models` to
 * an Anthropic client (one that sends `anthropic-version`, as the SDKs and Claude Code do:
 * the same rule that picks the list's shape); everything else answers in OpenAI's.
 */
export function errorBodyFor(
  request: { path: string; headers: Record<string, string | string[] | undefined> },
  failure: ApiFailure,
): object {
  const anthropic =
    request.path.startsWith('/v1/messages') ||
    (request.path.startsWith('/v1/models') && request.headers['anthropic-version'] !== undefined);
  return anthropic ? anthropicErrorBody(failure) : openAiErrorBody(failure);
}
