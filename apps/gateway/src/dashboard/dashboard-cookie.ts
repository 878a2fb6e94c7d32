import { SESSION_TTL_SECONDS } from './dashboard-session.store';

export const SESSION_COOKIE = 'kr_dashboard';

/** The session id from a `Cookie` header, if it has one. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === SESSION_COOKIE) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
 * page sends it), scoped to the dashboard's paths, Secure when the page came over https,
 * and expiring with the server-side session.
 */
export function sessionCookie(id: string, secure: boolean): string {
  return cookie(id, SESSION_TTL_SECONDS, secure);
}

/** Replaces the session cookie by an expired, empty one. */
export function clearedSessionCookie(secure: boolean): string {
  return cookie('', 0, secure);
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/dashboard',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
