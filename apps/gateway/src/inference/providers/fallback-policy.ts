import { DomainError, ErrorCode } from '@app/errors';

/** Why an attempt at one endpoint failed, for the fallback rule and the metrics. */
export type AttemptFailure = 'connect' | 'timeout' | 'rate_limited' | 'server_error';

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * A failure before the first byte of an answer that another endpoint may well not have:
 * the connection refused or reset, no headers in time. Nothing came back, so nothing was
 * produced and trying elsewhere cannot serve the request twice. Undefined: not one of those.
 */
export function failureOfError(error: unknown): AttemptFailure | undefined {
  const code = (error as { code?: string }).code ?? '';
  const causeCode = ((error as { cause?: { code?: string } }).cause ?? {}).code ?? '';
  if (TIMEOUT_CODES.has(code)) return 'timeout';
  if (CONNECT_CODES.has(code) || CONNECT_CODES.has(causeCode)) return 'connect';
  return undefined;
}

/** 429 and 5xx: the endpoint cannot serve now; another may. Any other status is the request's own. */
export function failureOfStatus(status: number): AttemptFailure | undefined {
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return undefined;
}

/** What the customer sees when every endpoint failed: 504 if the last one timed out, else 502. */
export function allFailed(last: AttemptFailure | undefined): DomainError {
  if (last === 'timeout') {
    return new DomainError(
      ErrorCode.UpstreamTimeout,
      'The upstream provider did not answer in time.',
    );
  }
  return new DomainError(ErrorCode.UpstreamError, 'No upstream provider could serve the request.');
}
