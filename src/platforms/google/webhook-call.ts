import type { TurnDeps } from '../../domain/deps.js';
import type { GoogleRouteDeps, GoogleWebhook } from './google-webhook.js';
import { BASIC_CHALLENGE, HTTP_ANSWERS, type HttpAnswer } from './http-answers.js';
import { createWebhookAuth } from './webhook-auth.js';

/** A request body as a transport read it: parsed, or already refused (415, 413, 400). */
export type BodyRead = { body: unknown } | { refused: HttpAnswer };

/** One call of `POST /google`, as any transport (express, Node's server, Lambda) sees it. */
export interface WebhookCall {
  authorization: string | undefined;
  /** Called only once the caller is let in, so an unauthenticated caller cannot make us parse 64 KiB. */
  readBody(): BodyRead | Promise<BodyRead>;
  /** The request's own deps (its logger, its reply-bounded catalog, its reply listener). */
  deps?: TurnDeps;
}

/** An {@link HttpAnswer} plus the headers it must carry (`WWW-Authenticate` on 401). */
export interface CallAnswer extends HttpAnswer {
  headers?: Record<string, string>;
}

export type WebhookCallHandler = (call: WebhookCall) => Promise<CallAnswer>;

const UNAUTHORIZED: CallAnswer = { ...HTTP_ANSWERS.unauthorized, headers: { 'www-authenticate': BASIC_CHALLENGE } };

/**
 * The checks every transport of the webhook shares, in their order: basic auth (401, logged),
 * then the body its transport read, then the webhook (500, logged, when it throws). The
 * express route, the plain Node handler and the Lambda handler only translate into this.
 *
 * @example await createWebhookCallHandler(deps, webhook)({ authorization, readBody: () => parseJsonBody(raw) })
 */
export function createWebhookCallHandler(deps: Pick<GoogleRouteDeps, 'config' | 'log'>, webhook: GoogleWebhook): WebhookCallHandler {
  const auth = createWebhookAuth(deps.config.google, deps.log);
  return async (call) => {
    const log = call.deps?.log ?? deps.log;
    if (!auth.allows(call.authorization)) {
      log.info({ event: 'google.auth.refused', mode: auth.mode }, 'refused a call to POST /google');
      return UNAUTHORIZED;
    }
    const read = await call.readBody();
    if ('refused' in read) return read.refused;
    try {
      return await webhook.answer(read.body, call.deps);
    } catch (error) {
      log.error({ event: 'google.webhook.failed', err: error }, 'the Google webhook failed');
      return HTTP_ANSWERS.internal;
    }
  };
}

/** True for `application/json` (any parameters). */
export function isJsonType(contentType: string | undefined): boolean {
  return /^application\/json\b/i.test(contentType ?? '');
}

/** A raw body (undefined: over the limit) → parsed JSON, 413, or 400. */
export function parseJsonBody(raw: Buffer | undefined): BodyRead {
  if (!raw) return { refused: HTTP_ANSWERS.tooLarge };
  try {
    return { body: JSON.parse(raw.toString('utf8')) };
  } catch {
    return { refused: HTTP_ANSWERS.malformedJson };
  }
}
