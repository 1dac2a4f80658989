import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import { raceTimeout } from '../catalog/resilient-commerce.js';
import type { TurnDeps } from '../domain/deps.js';
import type { Platform } from '../domain/turn.js';
import type { AlexaRouteOptions } from '../platforms/alexa/answer-alexa-request.js';
import { createAlexaRouter } from '../platforms/alexa/alexa-router.js';
import type { createGoogleRoutes } from '../platforms/google/router.js';
import type { AppDeps } from './app.js';
import { routeLabel, type Metrics } from './metrics.js';
import type { RequestScope } from './request-scope.js';

type GoogleRoutes = ReturnType<typeof createGoogleRoutes>;

/** What `createApp` hands over: the per-request pieces it shares with its front. */
export interface ExpressParts {
  deps: AppDeps;
  metrics: Metrics;
  /** Request id, logger, metrics and access line (app.ts). */
  observe(req: IncomingMessage, res: ServerResponse, route: string, next: (scope: RequestScope) => void): void;
  /** One request's deps (app.ts). */
  turnDeps(scope: RequestScope, platform: Platform): TurnDeps;
  alexa: AlexaRouteOptions;
  /** The Google routes, built on first use (`first`: the request that needed them). */
  google(first: RequestScope): Promise<GoogleRoutes>;
}

/** How long /readyz waits for the catalog and the state store. */
const READY_TIMEOUT_MS = 2000;

const noAnswer = () => new Error(`no answer within ${READY_TIMEOUT_MS} ms`);

/** A router created on first use, so a slow-loading platform library costs nothing until then. */
function lazyRouter(load: (res: Response) => Promise<Router>): express.RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= load(res);
    router.then((r) => r(req, res, next), next);
  };
}

/**
 * Everything the front (app.ts) leaves to express: `POST /alexa` and `POST /google` with a
 * Content-Encoding, any other method on them, `GET /healthz`, `GET /readyz`, `GET /metrics`, 404s.
 * Loaded on the first such request, so a server's cold start does not load express (about
 * 90 ms of module loading on the bench machine; README, "Benchmarks").
 */
export function createExpressApp(parts: ExpressParts): Express {
  const { deps, metrics } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);

  // The route is taken now: mounted routers rewrite req.url while they run.
  app.use((req: Request, res: Response, next: NextFunction) => parts.observe(req, res, routeLabel(req.path), (scope) => {
    res.locals.scope = scope;
    next();
  }));
  const depsOf = (platform: Platform) => (res: Response) => parts.turnDeps(res.locals.scope as RequestScope, platform);

  app.use('/alexa', createAlexaRouter(parts.alexa, depsOf('alexa')));
  app.use('/google', lazyRouter(async (res) => (await parts.google(res.locals.scope as RequestScope)).router));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // 503 while the catalog is out: the breaker is open (ping fails at once) or the ping fails.
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.allSettled([
      raceTimeout(deps.commerce.ping(), READY_TIMEOUT_MS, noAnswer),
      raceTimeout(deps.state.ping(), READY_TIMEOUT_MS, noAnswer),
    ]);
    const [catalog, state] = checks.map((c) => (c.status === 'fulfilled' ? 'ok' : 'unavailable'));
    const ready = catalog === 'ok' && state === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', catalog, state });
  });

  app.get('/metrics', async (_req, res) => {
    const text = await metrics.render();
    // Exactly prom-client's content type (express's send would rewrite its parameters).
    res.setHeader('content-type', metrics.contentType);
    res.end(text);
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
    ((res.locals.scope as RequestScope | undefined)?.log ?? deps.log).error({ event: 'http.failed', err }, 'unhandled request error');
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}
