import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '@app/errors';
import { KeyAuthService } from '../auth/key-auth.service';
import { readSessionCookie } from './dashboard-cookie';
import { CrossSiteRequestRefused, SignInRequired } from './dashboard.errors';
import { type DashboardRequest, formField, type SignedIn } from './dashboard-request';
import { DashboardSessionStore } from './dashboard-session.store';
import { isSameOriginPost } from './same-origin';

function sameToken(sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Lets a request through only with a live session whose key still passes as the key
 * itself would (not revoked, not disabled, account active), read fresh on every request;
 * a form post must also come from this origin and carry the session's token.
 */
@Injectable()
export class DashboardSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: DashboardSessionStore,
    private readonly keyAuth: KeyAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DashboardRequest>();
    if (request.method === 'POST' && !isSameOriginPost(request.headers)) {
      throw new CrossSiteRequestRefused();
    }
    const signedIn = await this.resolve(request);
    if (!signedIn) throw new SignInRequired();
    if (
      request.method === 'POST' &&
      !sameToken(formField(request, '_csrf'), signedIn.session.csrfToken)
    ) {
      throw new CrossSiteRequestRefused();
    }
    request.signedIn = signedIn;
    return true;
  }

  /** The request's session, if it has a live one; a session whose key fails is ended. */
  async resolve(request: DashboardRequest): Promise<SignedIn | undefined> {
    const session = await this.sessions.find(readSessionCookie(request.headers.cookie));
    if (!session) return undefined;
    try {
      const key = await this.keyAuth.authenticateKeyId(session.keyId);
      if (key.accountId !== session.accountId) throw new SignInRequired();
      return { session, key };
    } catch (error) {
      if (!(error instanceof DomainError) && !(error instanceof SignInRequired)) throw error;
      await this.sessions.destroy(session.id);
      return undefined;
    }
  }
}
