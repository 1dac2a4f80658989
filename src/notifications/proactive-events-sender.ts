import type { LwaTokenClient } from './lwa-token-client.js';
import type { ProactiveEvent } from './order-status-event.js';

/** Europe's development stage (Proactive Events REST API Reference, "Development endpoints"): safe to test against. */
import { DEFAULT_EVENTS_URL } from '../config.js';

/** What became of one send; the worker turns it into sent, a later retry, or a dead letter. */
export type SendOutcome =
  | { kind: 'sent'; status: number }
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'dead'; reason: string };

export interface ProactiveEventsSender {
  send(event: ProactiveEvent): Promise<SendOutcome>;
}

export interface ProactiveEventsSenderOptions {
  /** `SHOPVOICE_ALEXA_EVENTS_URL`; default {@link DEFAULT_EVENTS_URL}. */
  url?: string;
  tokens: LwaTokenClient;
  now: () => Date;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Milliseconds a `Retry-After` header asks us to wait (delta seconds or an HTTP date), if it says.
 *
 * @example parseRetryAfter('120', now) // 120000
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/**
 * Posts events to the Proactive Events API and classifies the answer. Codes as documented in the
 * Proactive Events REST API Reference and in ask-sdk-model's ProactiveEventsServiceClient:
 * 202 accepted; 400 a bad or incomplete event (sending it again cannot help); 401/403 the token
 * was refused; 409 "duplicate events using the same referenceId for the same customer" — Alexa
 * already has this one, so it counts as sent; 429 too many calls (wait, honouring Retry-After);
 * 432 the notification limit of a live skill — the event is given up, not retried into the same
 * limit before it expires; 5xx Alexa's own trouble (retry).
 *
 * @example
 *   const sender = createProactiveEventsSender({ tokens, now: () => new Date() });
 *   const outcome = await sender.send(event); // { kind: 'sent', status: 202 }
 */
export function createProactiveEventsSender(options: ProactiveEventsSenderOptions): ProactiveEventsSender {
  const doFetch = options.fetch ?? fetch;
  const url = options.url ?? DEFAULT_EVENTS_URL;

  async function post(event: ProactiveEvent, token: string): Promise<Response> {
    return doFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  }

  async function attempt(event: ProactiveEvent): Promise<SendOutcome> {
    let token = await options.tokens.token();
    let response = await post(event, token);
    if (response.status === 401 || response.status === 403) {
      // A token revoked or rotated before its expiry: fetch a new one and try once more, no more.
      await response.body?.cancel();
      options.tokens.invalidate(token);
      token = await options.tokens.token();
      response = await post(event, token);
    }
    const status = response.status;
    const detail = (await response.text()).slice(0, 300);
    if (status === 202 || status === 409) return { kind: 'sent', status };
    if (status === 401 || status === 403) return { kind: 'retry', reason: `HTTP ${status}: Alexa refused a fresh token (check the skill's client id and secret) ${detail}`.trim() };
    if (status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now());
      const reason = `HTTP ${status} ${detail}`.trim();
      return retryAfterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs };
    }
    if (status === 432) return { kind: 'dead', reason: `HTTP 432: notification limit of the live skill reached ${detail}`.trim() };
    return { kind: 'dead', reason: `HTTP ${status} ${detail}`.trim() };
  }

  return {
    async send(event) {
      try {
        return await attempt(event);
      } catch (error) {
        // Network trouble, a timeout, or LWA unreachable: nothing says the event is wrong.
        return { kind: 'retry', reason: (error as Error).message };
      }
    },
  };
}
