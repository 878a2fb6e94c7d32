import type { NextFunction, Request, Response } from 'express';

/**
 * Only the gateway's own files may run or style a dashboard page: no inline script or
 * style (the chart data is JSON that dashboard.js reads), no framing, forms post only
 * back here.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Headers of every dashboard response, error pages included. Pages hold account data: never cached. */
export function dashboardHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('content-security-policy', DASHBOARD_CSP);
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'same-origin');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cache-control', 'no-store');
  next();
}
