/**
 * What went wrong, independent of any API surface. Each surface's exception filter
 * maps a code to its HTTP status and to its own error shape (OpenAI or Anthropic).
 */
export enum ErrorCode {
  InvalidRequest = 'invalid_request',
  MissingApiKey = 'missing_api_key',
  InvalidApiKey = 'invalid_api_key',
  InvalidAdminToken = 'invalid_admin_token',
  InsufficientBalance = 'insufficient_balance',
  PermissionDenied = 'permission_denied',
  KeyDisabled = 'key_disabled',
  AccountSuspended = 'account_suspended',
  KeySpendLimitReached = 'key_spend_limit_reached',
  NotFound = 'not_found',
  ModelNotFound = 'model_not_found',
  IdempotencyConflict = 'idempotency_conflict',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  RateLimited = 'rate_limited',
  UpstreamError = 'upstream_error',
  UpstreamTimeout = 'upstream_timeout',
  ServiceUnavailable = 'service_unavailable',
}
