import { DomainError, ErrorCode } from '@app/errors';
import type { UpstreamAnswer } from './upstream-dialect';

const SECRET_PATTERNS = [/\b(sk|kr)-[A-Za-z0-9_-]{8,}/, /bearer\s+\S+/i, /api[_-]?key/i];
const MAX_MESSAGE_LENGTH = 500;

/** The upstream's error message when it is safe to pass on: short and free of anything key-like. */
function safeUpstreamMessage(
  json: unknown,
  secrets: Array<string | undefined>,
): string | undefined {
  const error = (json as { error?: unknown } | undefined)?.error;
  const message =
    typeof error === 'string' ? error : (error as { message?: unknown } | undefined)?.message;
  if (typeof message !== 'string' || message.length === 0 || message.length > MAX_MESSAGE_LENGTH)
    return undefined;
  if (secrets.some((secret) => secret && message.includes(secret))) return undefined;
  if (SECRET_PATTERNS.some((pattern) => pattern.test(message))) return undefined;
  return message;
}

/**
 * An upstream error answer as the customer sees it: the upstream's own 4xx for request
 * problems (its message only when safe), 502 for its 5xx and for its refusal of our
 * credentials (the customer can do nothing about those).
 */
export function upstreamErrorToDomain(
  response: UpstreamAnswer,
  secrets: Array<string | undefined>,
): DomainError {
  const { status } = response;
  if (status === 401 || status === 403) {
    return new DomainError(
      ErrorCode.UpstreamError,
      "The upstream provider refused the gateway's credentials.",
    );
  }
  if (status === 429) {
    const retryAfter = Number(response.headers['retry-after']);
    return new DomainError(
      ErrorCode.RateLimited,
      'The upstream provider is rate limiting; retry later.',
      {
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1,
      },
    );
  }
  if (status >= 400 && status < 500) {
    const message =
      safeUpstreamMessage(response.json, secrets) ??
      `The upstream provider refused the request (${status}).`;
    return new DomainError(
      status === 404 ? ErrorCode.ModelNotFound : ErrorCode.InvalidRequest,
      message,
      {
        httpStatus: status,
      },
    );
  }
  if (status === 503 || status === 529) {
    // Overloaded, not broken: clients (the Anthropic SDK, Claude Code) back off and retry.
    return new DomainError(
      ErrorCode.ServiceUnavailable,
      'The upstream provider is overloaded; retry shortly.',
      {
        retryAfterSeconds: 5,
      },
    );
  }
  return new DomainError(ErrorCode.UpstreamError, `The upstream provider failed (${status}).`);
}
