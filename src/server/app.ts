import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { DomainDeps } from '../domain/deps.js';
import type { VoiceReply } from '../domain/turn.js';
import { createAlexaRouter, requireSignatureHeaders, type AlexaRequestVerifier } from '../platforms/alexa/alexa-route.js';
import { createAlexaSkill } from '../platforms/alexa/skill.js';

/** Everything the HTTP app needs, as one plain object. */
export interface AppDeps extends DomainDeps {
  config: Config;
  /** Fixed clock (tests, simulator); default: the request's own time. */
  now?: () => DateTime;
  /** Overrides the Alexa verifier (tests); default follows `config.alexa.verify`. */
  alexaVerifier?: AlexaRequestVerifier;
  onReply?: (reply: VoiceReply, locale: string) => void;
}

/** How long /readyz waits for the catalog and the state store. */
const READY_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A router created on first use, so a slow-loading platform library costs nothing until then. */
function lazyRouter(load: () => Promise<Router>): express.RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= load();
    router.then((r) => r(req, res, next), next);
  };
}

/**
 * Builds the express app: `POST /alexa`, `POST /google`, `GET /healthz`, `GET /readyz`. It never
 * listens; `main.ts` does, and tests inject requests over loopback.
 *
 * @example
 *   const app = createApp({ config, commerce, state, log });
 *   app.listen(3000);
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    next();
  });

  const verifier = deps.config.alexa.verify ? deps.alexaVerifier ?? requireSignatureHeaders : undefined;
  const skill = createAlexaSkill({ ...deps, log: deps.log, now: deps.now, onReply: deps.onReply });
  app.use('/alexa', createAlexaRouter({
    skill,
    verifier,
    skillIds: deps.config.alexa.skillIds,
    onRejected: (reason) => deps.log.warn({ reason }, 'alexa request rejected'),
    onError: (err) => deps.log.error({ err }, 'alexa request failed'),
  }));

  app.use('/google', lazyRouter(async () => {
    const { createGoogleRouter } = await import('../platforms/google/router.js');
    return createGoogleRouter(deps);
  }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.allSettled([
      withTimeout(deps.commerce.ping(), READY_TIMEOUT_MS),
      withTimeout(deps.state.ping(), READY_TIMEOUT_MS),
    ]);
    const [catalog, state] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'unavailable'));
    const ready = catalog === 'ok' && state === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', catalog, state });
  });

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? 'request body too large' : 'bad request' });
      return;
    }
    deps.log.error({ err }, 'unhandled request error');
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}
