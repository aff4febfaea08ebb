import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a request or a WebSocket connection presents: any one matching credential lets it in. */
export interface Credentials {
  /** The `Authorization` header (or connection param): `Bearer <token>`, scheme in any case. */
  readonly authorization?: unknown;
  /** A `token` connection param (graphql-ws). */
  readonly token?: unknown;
  /** The `Cookie` header: the session cookie a browser got from {@link AccessToken.login}. */
  readonly cookie?: unknown;
}

/** The server's token: checks credentials and gives browsers a session cookie. */
export interface AccessToken {
  /** True when any of the credentials is the token (or its session cookie); constant time. */
  allows(credentials: Credentials): boolean;
  /** True when `presented` is the token itself; constant time. */
  matches(presented: string): boolean;
  /** The `Set-Cookie` value that lets a browser in without sending the token again. */
  readonly sessionCookie: string;
}

/**
 * The token every request needs (`--token`).
 *
 * @remarks
 * Comparisons hash both sides to 32 bytes and use `timingSafeEqual`, so neither the content
 * nor the length of the token leaks through response times. The session cookie holds an HMAC
 * of the token, never the token: HttpOnly (no script reads it) and SameSite=Strict (no other
 * site's page sends it). Its name carries a digest of the token, so servers with different
 * tokens on one host name (ports do not separate cookies) keep their sessions apart.
 */
export function createAccessToken(token: string): AccessToken {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = digest(token);
  const session = createHmac('sha256', token).update('codenav session').digest('hex');
  const expectedSession = digest(session);
  const cookieName = `codenav_session_${createHmac('sha256', token).update('codenav cookie name').digest('hex').slice(0, 8)}`;

  const matches = (presented: string) => timingSafeEqual(digest(presented), expected);
  const matchesSession = (cookieHeader: string) => {
    const value = cookieValue(cookieHeader, cookieName);
    return value !== undefined && timingSafeEqual(digest(value), expectedSession);
  };

  return {
    matches,
    allows(credentials) {
      const bearer = bearerToken(credentials.authorization);
      if (bearer !== undefined && matches(bearer)) return true;
      if (typeof credentials.token === 'string' && matches(credentials.token)) return true;
      return typeof credentials.cookie === 'string' && matchesSession(credentials.cookie);
    },
    sessionCookie: `${cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`,
  };
}

/** The token of an `Authorization: Bearer …` value; the scheme is case-insensitive (RFC 9110). */
function bearerToken(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
  return match?.[1];
}

function cookieValue(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
