import {
  clearedSessionCookie,
  readSessionCookie,
  SESSION_COOKIE,
  sessionCookie,
} from './dashboard-cookie';
import { SESSION_TTL_SECONDS } from './dashboard-session.store';

describe('the dashboard session cookie', () => {
  it('is HttpOnly, SameSite=Strict, scoped to /dashboard, and expires with the session', () => {
    expect(sessionCookie('abc', false)).toBe(
      `${SESSION_COOKIE}=abc; Path=/dashboard; Max-Age=${SESSION_TTL_SECONDS}; HttpOnly; SameSite=Strict`,
    );
    expect(sessionCookie('abc', true)).toMatch(/; Secure$/);
    expect(clearedSessionCookie(false)).toMatch(/^kr_dashboard=; Path=\/dashboard; Max-Age=0;/);
  });

  it('is read from a Cookie header among others', () => {
    expect(readSessionCookie('a=1; kr_dashboard=xyz; b=2')).toBe('xyz');
    expect(readSessionCookie('kr_dashboard_other=1')).toBeUndefined();
    expect(readSessionCookie(undefined)).toBeUndefined();
  });
});
