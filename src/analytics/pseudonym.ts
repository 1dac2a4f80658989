import { createHash, createHmac } from 'node:crypto';
import { remember } from '../remember.js';

/** One analytics key: its id (stored with every pseudonym it made) and the secret. */
export interface AnalyticsKey {
  id: string;
  secret: string;
}

/** Turns platform ids into pseudonyms. */
export interface Pseudonymizer {
  /** The user's pseudonym under the current key, and that key's id; nulls without a key. */
  user(userId: string): { user: string | null; keyId: string | null };
  /** The user's pseudonyms under every configured key (current and retired): what `forgetUser` deletes. */
  allOf(userId: string): string[];
  /** A stable, non-reversible id for a platform session id. */
  session(sessionId: string): string;
}

/**
 * Reads `SHOPVOICE_ANALYTICS_KEY`: `id:secret`, or several comma-separated, the current key first
 * and retired ones after it (kept so that a user's older events can still be found and deleted).
 * A secret shorter than 16 characters is refused.
 *
 * @example parseAnalyticsKeys('2026b:9c1f…,2026a:41d0…') // [{ id: '2026b', … }, { id: '2026a', … }]
 */
export function parseAnalyticsKeys(text: string | undefined): AnalyticsKey[] {
  if (!text?.trim()) return [];
  return text.split(',').map((part) => {
    const at = part.indexOf(':');
    const id = part.slice(0, at).trim();
    const secret = part.slice(at + 1).trim();
    if (at < 1 || !/^[\w.-]{1,32}$/.test(id) || secret.length < 16) {
      throw new Error('SHOPVOICE_ANALYTICS_KEY must be id:secret[,id:secret…] with an id of letters, digits, . _ - and a secret of at least 16 characters');
    }
    return { id, secret };
  });
}

const hmac = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

/**
 * HMAC-SHA256 pseudonyms: the same user gets the same pseudonym while the key stays, nobody
 * without the key can link one to a platform id, and rotating the key (a new id first in the
 * list) starts fresh pseudonyms. Without a key no user is recorded at all, only sessions.
 *
 * @example const p = createPseudonymizer(parseAnalyticsKeys(config.analyticsKey)); p.user(turn.user.id)
 */
export function createPseudonymizer(keys: readonly AnalyticsKey[]): Pseudonymizer {
  const current = keys[0];
  // A user and a session come back turn after turn: one HMAC each, not one per turn (about 2.7 µs each).
  const users = new Map<string, string>();
  const sessions = new Map<string, string>();
  const sessionHash = (id: string) => (current ? hmac(current.secret, `session\n${id}`) : createHash('sha256').update(id).digest('base64url')).slice(0, 22);
  return {
    user: (userId) => (current ? { user: users.get(userId) ?? remember(users, userId, hmac(current.secret, userId), 10_000), keyId: current.id } : { user: null, keyId: null }),
    allOf: (userId) => keys.map((k) => hmac(k.secret, userId)),
    session: (sessionId) => sessions.get(sessionId) ?? remember(sessions, sessionId, sessionHash(sessionId), 10_000),
  };
}
