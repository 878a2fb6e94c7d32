import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { GatewayRequest } from '../gateway-request';
import type { AuthenticatedKey } from './authenticated-key';

/** The AuthenticatedKey that ApiKeyGuard attached to the request. */
export const CurrentKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedKey => {
    const key = context.switchToHttp().getRequest<GatewayRequest>().apiKey;
    if (!key) throw new Error('CurrentKey used on a route without ApiKeyGuard');
    return key;
  },
);

/** The id of the request (also the usage event id of a metered request). */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<GatewayRequest>().requestId,
);
