import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { GatewayRequest } from '../gateway-request';
import type { DashboardSession } from './dashboard-session.store';

/** A signed-in browser: its session and the key behind it, checked on this very request. */
export interface SignedIn {
  session: DashboardSession;
  key: AuthenticatedKey;
}

export interface DashboardRequest extends GatewayRequest {
  signedIn?: SignedIn;
  /** Form fields, parsed by express.urlencoded. */
  body: Record<string, unknown> | undefined;
}

/** A string form field, or undefined when absent or repeated. */
export function formField(request: DashboardRequest, name: string): string | undefined {
  const value = request.body?.[name];
  return typeof value === 'string' ? value : undefined;
}
