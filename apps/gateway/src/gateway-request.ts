import type { Request } from 'express';
import type { AuthenticatedKey } from './auth/authenticated-key';

/** An express request as the gateway sees it: with its id and, once authenticated, its key. */
export interface GatewayRequest extends Request {
  requestId: string;
  apiKey?: AuthenticatedKey;
}
