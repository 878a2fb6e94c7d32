import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { DashboardRequest, SignedIn as SignedInContext } from './dashboard-request';

/** The session and key that DashboardSessionGuard attached to the request. */
export const SignedIn = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SignedInContext => {
    const signedIn = context.switchToHttp().getRequest<DashboardRequest>().signedIn;
    if (!signedIn) throw new Error('SignedIn used on a route without DashboardSessionGuard');
    return signedIn;
  },
);
