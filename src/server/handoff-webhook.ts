import { createHmac } from 'node:crypto';
import type { CallbackListener, CallbackRequest, Logger } from '../domain/deps.js';

export interface HandoffWebhookOptions {
  url: string;
  secret: string;
  log: Logger;
  /** Time one attempt may take (default 3000 ms). */
  timeoutMs?: number;
  /** Wait before the one retry (default 1000 ms). */
  retryAfterMs?: number;
  /** Epoch-ms clock of the signature's timestamp (tests); default `Date.now`. */
  now?: () => number;
  fetch?: typeof fetch;
}

export interface HandoffWebhook extends CallbackListener {
  /** Resolves when every post started so far has finished (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * The `X-Shopvoice-Signature` header of a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`, as Stripe signs its webhooks, so a receiver can check both who sent it and that
 * it is fresh (docs/handoff-webhook.md).
 *
 * @example signHandoffBody('{"id":"1"}', secret, 1764400000) // 't=1764400000,v1=9f…'
 */
export function signHandoffBody(body: string, secret: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

/**
 * Posts each callback request as JSON to the merchant's webhook, off the reply path: a short
 * timeout, one retry after a non-2xx answer or a network failure, then a log line (event, status,
 * attempt — never the body, which holds the phone number). The turn never waits for it or fails by it.
 *
 * @example deps.callbacks = createHandoffWebhook({ url, secret, log });
 */
export function createHandoffWebhook(options: HandoffWebhookOptions): HandoffWebhook {
  const timeoutMs = options.timeoutMs ?? 3000;
  const retryAfterMs = options.retryAfterMs ?? 1000;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;
  const running = new Set<Promise<void>>();

  async function attempt(body: string): Promise<number | string> {
    try {
      const res = await doFetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopvoice-signature': signHandoffBody(body, options.secret, Math.floor(now() / 1000)), 'user-agent': 'shopvoice-handoff/1' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    } catch (err) {
      return err instanceof Error ? err.name : 'error';
    }
  }

  async function post(request: CallbackRequest): Promise<void> {
    const body = JSON.stringify({ type: 'callback.requested', ...request });
    for (let n = 1; n <= 2; n += 1) {
      const outcome = await attempt(body);
      if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) return;
      options.log.warn({ event: 'handoff.webhook.failed', attempt: n, outcome, callback: request.id }, n === 1 ? 'the hand-off webhook failed; retrying once' : 'the hand-off webhook failed; the request stays in the console');
      if (n === 1) await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    }
  }

  return {
    created(request) {
      const done = post(request).finally(() => running.delete(done));
      running.add(done);
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
