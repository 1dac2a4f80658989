import express, { type Request, type Response, type Router } from 'express';
import type { TurnDeps } from '../../domain/deps.js';
import type { GoogleRouteDeps, GoogleWebhook } from './google-webhook.js';
import { BODY_LIMIT, HTTP_ANSWERS, type HttpAnswer } from './http-answers.js';
import { createWebhookCallHandler, type BodyRead, type CallAnswer, type WebhookCallHandler } from './webhook-call.js';

/** Where Dialogflow posts (design.md, "HTTP routes"); the router is mounted there. */
export const GOOGLE_PATH = '/google';

function send(res: Response, answer: CallAnswer): void {
  if (answer.headers) res.set(answer.headers);
  res.status(answer.status).json(answer.body);
}

/** body-parser's error types → our answers; any other 4xx it raises is a plain 400. */
const BODY_ERRORS: Record<string, HttpAnswer> = {
  'entity.too.large': HTTP_ANSWERS.tooLarge,
  'entity.parse.failed': HTTP_ANSWERS.malformedJson,
  'charset.unsupported': HTTP_ANSWERS.notJson,
  'encoding.unsupported': HTTP_ANSWERS.notJson,
};

function bodyRefusal(error: { type?: unknown; status?: unknown }): HttpAnswer | undefined {
  const known = typeof error?.type === 'string' ? BODY_ERRORS[error.type] : undefined;
  if (known) return known;
  if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) return { status: 400, body: { error: 'bad request' } };
  return undefined;
}

const jsonBody = express.json({ limit: BODY_LIMIT });

/**
 * The body through express's JSON parser (which also inflates gzip and deflate bodies, which the
 * server's front leaves to express). Errors it cannot map are rejected, for express's error handler.
 */
function readJson(req: Request, res: Response): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    jsonBody(req, res, (error?: unknown) => {
      if (error === undefined || error === null) {
        // express.json leaves the body undefined when the content type is not JSON.
        return resolve(req.body === undefined ? { refused: HTTP_ANSWERS.notJson } : { body: req.body as unknown });
      }
      const refused = bodyRefusal(error as { type?: unknown; status?: unknown });
      if (refused) resolve({ refused });
      else reject(error);
    });
  });
}

/**
 * The express router for an existing call handler (see {@link webhookRoute}); `depsFor` gives a
 * request's own deps, from what an earlier middleware left in `res.locals`.
 */
export function webhookRouter(answerCall: WebhookCallHandler, depsFor?: (res: Response) => TurnDeps | undefined): Router {
  const router = express.Router();
  router.post('/', async (req, res, next) => {
    try {
      send(res, await answerCall({ authorization: req.get('authorization'), readBody: () => readJson(req, res), deps: depsFor?.(res) }));
    } catch (error) {
      next(error);
    }
  });
  router.all('/', (_req, res) => {
    res.set('Allow', 'POST');
    send(res, HTTP_ANSWERS.methodNotAllowed);
  });
  return router;
}

/**
 * The express side of the webhook: auth first (so an unauthenticated caller cannot make us parse
 * 64 KiB), then the JSON body parser — on this route only, capped at 64 KiB (platform-rules.md,
 * "Google": the opposite of the Alexa route, which reads the raw body) — then the webhook.
 * Malformed JSON → 400, too large → 413, both with a JSON body. Paths are relative: mount the
 * router at {@link GOOGLE_PATH}.
 */
export function webhookRoute(deps: GoogleRouteDeps, webhook: GoogleWebhook): Router {
  return webhookRouter(createWebhookCallHandler(deps, webhook));
}
