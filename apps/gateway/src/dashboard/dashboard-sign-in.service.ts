import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import { KeyAuthService } from '../auth/key-auth.service';
import { SignInRequired } from './dashboard.errors';
import { type DashboardSession, DashboardSessionStore } from './dashboard-session.store';

/** Signs in with a key (checked exactly as the API checks it) and out again. */
@Injectable()
export class DashboardSignInService {
  constructor(
    private readonly keyAuth: KeyAuthService,
    private readonly sessions: DashboardSessionStore,
  ) {}

  /** A new session for the key; any session the browser had is ended (no fixation). */
  async signIn(
    plaintext: string | undefined,
    previousSessionId?: string,
  ): Promise<DashboardSession> {
    let key;
    try {
      key = await this.keyAuth.authenticate(plaintext?.trim() || undefined);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new SignInRequired(
        error.code === ErrorCode.InvalidApiKey || error.code === ErrorCode.MissingApiKey
          ? 'That key was not accepted: it is unknown, revoked or mistyped.'
          : error.message,
      );
    }
    await this.sessions.destroy(previousSessionId);
    return this.sessions.create(key.keyId, key.accountId);
  }

  async signOut(sessionId: string): Promise<void> {
    await this.sessions.destroy(sessionId);
  }
}
