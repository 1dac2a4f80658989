import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The console's login cookie. `__Host-` (HTTPS only) pins it to this host and path `/`. */
export const COOKIE = 'shopvoice_console';
export const SECURE_COOKIE = '__Host-shopvoice_console';

/** A login lasts 12 hours, then the password is asked again. */
export const SESSION_MS = 12 * 60 * 60 * 1000;

export interface ConsoleSession {
  id: string;
  expires: number;
  /** Sent back with every POST (header `x-csrf-token`). */
  csrf: string;
}

/**
 * Stateless console sessions: the cookie is `expiry.id.signature`, signed with a key derived
 * from the console password, so any instance behind a load balancer accepts it, and changing the
 * password logs everybody out. The CSRF token is derived from the session id with the same key.
 *
 * @example const sessions = consoleSessions(password, () => new Date()); res.cookie(COOKIE, sessions.issue().cookie)
 */
export function consoleSessions(password: string, now: () => Date) {
  const key = createHash('sha256').update(`shopvoice console session\n${password}`).digest();
  const sign = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const csrfOf = (id: string) => sign(`csrf\n${id}`);
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = digest(password);

  return {
    /** Constant-time comparison of a login attempt with the password. */
    passwordMatches(attempt: unknown): boolean {
      return typeof attempt === 'string' && attempt.length > 0 && timingSafeEqual(digest(attempt), expected);
    },
    /** A new session, and the cookie value that carries it. */
    issue(): { session: ConsoleSession; cookie: string } {
      const id = randomBytes(18).toString('base64url');
      const expires = now().getTime() + SESSION_MS;
      return { session: { id, expires, csrf: csrfOf(id) }, cookie: `${expires}.${id}.${sign(`${expires}.${id}`)}` };
    },
    /** The session a cookie value carries, if it is genuine and not expired. */
    read(cookie: string | undefined): ConsoleSession | undefined {
      const [expiresText, id, signature] = (cookie ?? '').split('.');
      if (!expiresText || !id || !signature) return undefined;
      const good = Buffer.from(sign(`${expiresText}.${id}`));
      const given = Buffer.from(signature);
      if (good.length !== given.length || !timingSafeEqual(good, given)) return undefined;
      const expires = Number(expiresText);
      if (!(expires > now().getTime())) return undefined;
      return { id, expires, csrf: csrfOf(id) };
    },
    /** Whether a POST carries the session's CSRF token. */
    csrfMatches(session: ConsoleSession, token: unknown): boolean {
      const given = Buffer.from(typeof token === 'string' ? token : '');
      const good = Buffer.from(session.csrf);
      return given.length === good.length && timingSafeEqual(given, good);
    },
  };
}

export type ConsoleSessions = ReturnType<typeof consoleSessions>;

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
