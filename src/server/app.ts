import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { commerceForReply, raceTimeout, REPLY_BUDGET_MS } from '../catalog/resilient-commerce.js';
import type { DomainDeps, Logger, ReplyListener, TurnDeps } from '../domain/deps.js';
import type { Platform } from '../domain/turn.js';
import { createAlexaHandler, createAlexaRouter, type AlexaRequestVerifier, type PlatformHandler } from '../platforms/alexa/alexa-route.js';
import { createAlexaSkill } from '../platforms/alexa/skill.js';
import { alexaVerifierFromConfig } from '../platforms/alexa/configured-verifier.js';
import type { createGoogleRoutes } from '../platforms/google/router.js';
import { createMetrics, routeLabel, type Metrics } from './metrics.js';
import { requestSecrets } from './privacy.js';
import { createRequestScope, type RequestScope } from './request-scope.js';

/** Everything the HTTP app needs, as one plain object. */
export interface AppDeps extends DomainDeps {
  config: Config;
  /** Fixed clock (tests, simulator); default: the request's own time. */
  now?: () => DateTime;
  /** Overrides the Alexa verifier (tests); default follows `config.alexa.verify`. */
  alexaVerifier?: AlexaRequestVerifier;
  onReply?: ReplyListener;
  /** The registry behind `GET /metrics`; `openDeps` creates it so the catalog is observed too. */
  metrics?: Metrics;
}

type GoogleRoutes = ReturnType<typeof createGoogleRoutes>;

/** An `x-request-id` we adopt from the caller; any other gets a fresh UUID. */
const REQUEST_ID = /^[\w.-]{1,64}$/;

/** How long /readyz waits for the catalog and the state store. */
const READY_TIMEOUT_MS = 2000;

const noAnswer = () => new Error(`no answer within ${READY_TIMEOUT_MS} ms`);

/** A router created on first use, so a slow-loading platform library costs nothing until then. */
function lazyRouter(load: () => Promise<Router>): express.RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= load();
    router.then((r) => r(req, res, next), next);
  };
}

/**
 * Makes `app.listen` serve `POST /alexa` and `POST /google` (plain, without Content-Encoding)
 * straight from Node's HTTP server and hand every other request to express. Express's own per-request work (routing,
 * swapping the request's and response's prototypes, body-parser) cost about 175 µs of CPU per
 * /alexa request on the bench machine, nearly three signature checks; without it /alexa answers
 * about 30 % more requests per second on one core (README, "Benchmarks"). The express route
 * stays: it answers whatever the shortcut leaves to it, with the same handler logic, and anyone
 * calling `app` directly gets identical answers.
 */
function serveBesideExpress(
  app: Express,
  routes: Record<string, { platform: Platform; handle: PlatformHandler }>,
  observe: (req: IncomingMessage, res: ServerResponse, route: string, handle: (scope: RequestScope) => void) => void,
  turnDeps: (scope: RequestScope, platform: Platform) => TurnDeps,
  log: Logger,
): void {
  const front = (req: IncomingMessage, res: ServerResponse): void => {
    const route = req.method === 'POST' && req.url !== undefined && Object.hasOwn(routes, req.url) ? routes[req.url] : undefined;
    if (!route || (req.headers['content-encoding'] ?? 'identity') !== 'identity') {
      app(req, res);
      return;
    }
    observe(req, res, req.url!, (scope) => {
      route.handle(req, res, turnDeps(scope, route.platform)).catch((err: unknown) => {
        // What express's error handler below does for a failure nobody caught.
        scope.log.error({ event: 'http.failed', err }, 'unhandled request error');
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"internal error"}');
      });
    });
  };
  // As express's own listen, with `front` as the request listener: the callback also hears a
  // listen error, once.
  app.listen = ((...args: unknown[]) => {
    const server = createServer(front);
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      let called = false;
      const once = (...result: unknown[]) => {
        if (called) return;
        called = true;
        (callback as (...result: unknown[]) => void)(...result);
      };
      args[args.length - 1] = once;
      server.once('error', once);
    }
    return server.listen(...(args as Parameters<Server['listen']>));
  }) as Express['listen'];
}

/**
 * Builds the express app: `POST /alexa`, `POST /google`, `GET /healthz`, `GET /readyz`,
 * `GET /metrics`. It never listens; `main.ts` does, and tests inject requests over loopback.
 *
 * @example
 *   const app = createApp(await openDeps(config, log));
 *   app.listen(3000);
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);
  const metrics = deps.metrics ?? createMetrics();
  const log = deps.log;

  /** Request id, logger, metrics and access line: every request gets them, through express or not. */
  const observe = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, route: string, next: (scope: RequestScope) => void) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    const started = performance.now();
    // req.body is the parsed body once a platform route has read it.
    const scope = createRequestScope(deps.log, id, started, () => requestSecrets(req.body, req.headers.authorization));
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.request(route, res.statusCode, seconds, scope.outcome);
      scope.plainLog.info({ event: 'http.request', method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), outcome: scope.outcome }, 'request');
    });
    next(scope);
  };
  // The route is taken now: mounted routers rewrite req.url while they run.
  app.use((req: Request, res: Response, next: NextFunction) => observe(req, res, routeLabel(req.path), (scope) => {
    res.locals.scope = scope;
    next();
  }));

  /**
   * One request's deps: its logger, the catalog bounded by the reply budget (every catalog call
   * of the reply shares one deadline, so a reply always goes out in time), and the reply's
   * metrics.
   */
  const turnDeps = (scope: RequestScope, platform: Platform): TurnDeps => ({
    commerce: commerceForReply(deps.commerce, scope.started + REPLY_BUDGET_MS, scope.log),
    state: deps.state,
    log: scope.log,
    contact: deps.contact,
    onReply: (reply, locale) => {
      metrics.turn(platform, reply, locale);
      scope.outcome = reply.outcome;
      deps.onReply?.(reply, locale);
    },
  });
  const depsOfExpress = (platform: Platform) => (res: Response) => turnDeps(res.locals.scope as RequestScope, platform);
  const replied = (platform: Platform): ReplyListener => (reply, locale) => {
    metrics.turn(platform, reply, locale);
    deps.onReply?.(reply, locale);
  };

  const verifier = deps.config.alexa.verify ? deps.alexaVerifier ?? alexaVerifierFromConfig(deps.config.alexa) : undefined;
  const skill = createAlexaSkill({ ...deps, now: deps.now, onReply: replied('alexa') });
  const alexaOptions = { skill, verifier, skillIds: deps.config.alexa.skillIds, log };
  app.use('/alexa', createAlexaRouter(alexaOptions, depsOfExpress('alexa')));
  const googleDeps = { ...deps, onReply: replied('google') };
  // One webhook and one auth for both ways in; the module (and, on its first call,
  // actions-on-google) loads on first use.
  let google: Promise<GoogleRoutes> | undefined;
  const googleRoutes = () =>
    (google ??= import('../platforms/google/router.js').then((m) => m.createGoogleRoutes(googleDeps, depsOfExpress('google'))));
  app.use('/google', lazyRouter(async () => (await googleRoutes()).router));
  serveBesideExpress(app, {
    '/alexa': { platform: 'alexa', handle: createAlexaHandler(alexaOptions) },
    '/google': { platform: 'google', handle: async (req, res, requestDeps) => (await googleRoutes()).handler(req, res, requestDeps) },
  }, observe, turnDeps, log);

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
    ((res.locals.scope as RequestScope | undefined)?.log ?? log).error({ event: 'http.failed', err }, 'unhandled request error');
    res.status(500).json({ error: 'internal error' });
  });

  return app;
}
