import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../../domain/deps.js';

/**
 * How the webhook is guarded: HTTP basic auth (Dialogflow's fulfillment settings send it), open
 * (`SHOPVOICE_GOOGLE_AUTH=off`, local trials), or closed because no credentials are configured.
 */
export type WebhookAuthMode = 'basic' | 'open' | 'closed';

/** How the webhook's auth is configured (the config's `google` settings). */
export interface WebhookAuthSettings {
  user?: string;
  password?: string;
  /** `SHOPVOICE_GOOGLE_AUTH=off`: accept unauthenticated calls (local trials only). */
  authOff: boolean;
}

export interface WebhookAuth {
  readonly mode: WebhookAuthMode;
  /** True when the `Authorization` header value lets the call in. */
  allows(authorization: string | undefined): boolean;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** `Basic base64(user:password)` → its two halves (RFC 7617: the user id holds no colon). */
function parseBasic(authorization: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Builds the webhook's guard from the config and says at start-up how it is set. The
 * actions-on-google `verification` option cannot be used: in object form it always rejects
 * (platform-rules.md, "Google"), so the check is ours. Both halves are compared in constant time
 * as one SHA-256 digest of `user:password` (equal lengths whatever was sent).
 *
 * @example createWebhookAuth(config.google, log).allows(req.get('authorization'))
 */
export function createWebhookAuth(google: WebhookAuthSettings, log: Logger): WebhookAuth {
  if (google.authOff) {
    log.warn(
      { event: 'google.auth.off' },
      'SHOPVOICE_GOOGLE_AUTH=off: POST /google accepts unauthenticated calls. For local trials only.',
    );
    return { mode: 'open', allows: () => true };
  }
  if (!google.user || !google.password) {
    log.error(
      { event: 'google.auth.unconfigured' },
      'POST /google refuses every call: set SHOPVOICE_GOOGLE_USER and SHOPVOICE_GOOGLE_PASSWORD and enter the ' +
        'same user and password under Fulfillment → Webhook → Basic auth in the Dialogflow console ' +
        '(or SHOPVOICE_GOOGLE_AUTH=off for local trials).',
    );
    return { mode: 'closed', allows: () => false };
  }
  // The user id holds no colon (RFC 7617), so `user:password` names exactly one pair: one digest
  // compares both halves at once.
  const expected = sha256(`${google.user}:${google.password}`);
  return {
    mode: 'basic',
    allows(authorization) {
      const given = parseBasic(authorization);
      if (!given) return false;
      return timingSafeEqual(sha256(`${given.user}:${given.password}`), expected);
    },
  };
}
