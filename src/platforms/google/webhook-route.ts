import express, { type ErrorRequestHandler, type RequestHandler, type Response, type Router } from 'express';
import type { GoogleRouteDeps, GoogleWebhook } from './google-webhook.js';
import { BASIC_CHALLENGE, BODY_LIMIT, HTTP_ANSWERS, type HttpAnswer } from './http-answers.js';
import { createWebhookAuth } from './webhook-auth.js';

/** Where Dialogflow posts (design.md, "HTTP routes"); the router is mounted there. */
export const GOOGLE_PATH = '/google';

function send(res: Response, answer: HttpAnswer): void {
  res.status(answer.status).json(answer.body);
}

/** body-parser's error types → our answers; anything else it raises is a plain 400. */
const BODY_ERRORS: Record<string, HttpAnswer> = {
  'entity.too.large': HTTP_ANSWERS.tooLarge,
  'entity.parse.failed': HTTP_ANSWERS.malformedJson,
  'charset.unsupported': HTTP_ANSWERS.notJson,
  'encoding.unsupported': HTTP_ANSWERS.notJson,
};

/**
 * The express side of the webhook: auth first (so an unauthenticated caller cannot make us parse
 * 64 KiB), then the JSON body parser — on this route only, capped at 64 KiB (platform-rules.md,
 * "Google": the opposite of the Alexa route, which reads the raw body) — then the webhook.
 * Malformed JSON → 400, too large → 413, both with a JSON body. Paths are relative: mount the
 * router at {@link GOOGLE_PATH}.
 */
export function webhookRoute(deps: GoogleRouteDeps, webhook: GoogleWebhook): Router {
  const auth = createWebhookAuth(deps.config.google, deps.log);

  const guard: RequestHandler = (req, res, next) => {
    if (auth.allows(req.get('authorization'))) return next();
    deps.log.info({ event: 'google.auth.refused', mode: auth.mode }, 'refused a call to POST /google');
    res.set('WWW-Authenticate', BASIC_CHALLENGE);
    send(res, HTTP_ANSWERS.unauthorized);
  };

  const answer: RequestHandler = async (req, res) => {
    // express.json leaves the body undefined when the content type is not JSON.
    if (req.body === undefined) return send(res, HTTP_ANSWERS.notJson);
    try {
      send(res, await webhook.answer(req.body));
    } catch (error) {
      deps.log.error({ event: 'google.webhook.failed', err: error }, 'the Google webhook failed');
      send(res, HTTP_ANSWERS.internal);
    }
  };

  const bodyError: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, next) => {
    const known = typeof error?.type === 'string' ? BODY_ERRORS[error.type] : undefined;
    if (known) return send(res, known);
    if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      return send(res, { status: 400, body: { error: 'bad request' } });
    }
    next(error);
  };

  const router = express.Router();
  router.post('/', guard, express.json({ limit: BODY_LIMIT }), answer, bodyError);
  router.all('/', (_req, res) => {
    res.set('Allow', 'POST');
    send(res, HTTP_ANSWERS.methodNotAllowed);
  });
  return router;
}
