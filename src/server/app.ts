import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Express } from 'express';
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { commerceForReply, REPLY_BUDGET_MS } from '../catalog/resilient-commerce.js';
import type { DomainDeps, ReplyListener, TurnDeps } from '../domain/deps.js';
import type { Platform } from '../domain/turn.js';
import { createAlexaHandler, type AlexaRequestVerifier } from '../platforms/alexa/alexa-route.js';
import { createAlexaSkill } from '../platforms/alexa/skill.js';
import { alexaVerifierFromConfig } from '../platforms/alexa/configured-verifier.js';
import type { createGoogleRoutes } from '../platforms/google/router.js';
import type { ExpressParts } from './express-app.js';
import { createMetrics, type Metrics } from './metrics.js';
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

/** The server's request listener, and `listen` as express's own (a Node server with it, listening). */
export interface App {
  (req: IncomingMessage, res: ServerResponse): void;
  listen(port?: number, hostname?: string, callback?: (error?: Error) => void): Server;
  listen(port?: number, callback?: (error?: Error) => void): Server;
}

type GoogleRoutes = ReturnType<typeof createGoogleRoutes>;

/** An `x-request-id` we adopt from the caller; any other gets a fresh UUID. */
const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * The app: `POST /alexa` and `POST /google` (plain, without Content-Encoding) straight from
 * Node's HTTP server, every other request to express (`express-app.ts`), which is loaded on the
 * first such request. Express's own per-request work (routing, swapping the request's and
 * response's prototypes, body-parser) cost about 175 µs of CPU per /alexa request on the bench
 * machine, nearly three signature checks, and loading it about 90 ms of a cold start (README,
 * "Benchmarks"). The express routes for both platforms stay: they answer what the front leaves
 * to them (gzip bodies), with the same handler logic. It never listens by itself: `main.ts`
 * does, and tests listen on loopback.
 *
 * @example
 *   const app = createApp(await openDeps(config, log));
 *   app.listen(3000);
 */
export function createApp(deps: AppDeps): App {
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
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.request(route, res.statusCode, seconds, scope.outcome);
      scope.plainLog.info({ event: 'http.request', method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000), outcome: scope.outcome }, 'request');
    });
    next(scope);
  };

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
  const replied = (platform: Platform): ReplyListener => (reply, locale) => {
    metrics.turn(platform, reply, locale);
    deps.onReply?.(reply, locale);
  };

  const verifier = deps.config.alexa.verify ? deps.alexaVerifier ?? alexaVerifierFromConfig(deps.config.alexa) : undefined;
  const skill = createAlexaSkill({ ...deps, now: deps.now, onReply: replied('alexa') });
  const alexa = { skill, verifier, skillIds: deps.config.alexa.skillIds, log };
  // One webhook and one auth for both ways in; the module (and, on its first call,
  // actions-on-google) loads on first use. What the auth warns of while it is built (auth off,
  // credentials missing) goes to the log of the request that needed it.
  let google: Promise<GoogleRoutes> | undefined;
  const googleRoutes = (first: RequestScope) => (google ??= import('../platforms/google/router.js').then((m) =>
    m.createGoogleRoutes({ ...deps, log: first.log, onReply: replied('google') }, (res) => turnDeps(res.locals.scope as RequestScope, 'google'))));

  const parts: ExpressParts = { deps, metrics, observe, turnDeps, alexa, google: googleRoutes };
  let expressApp: Promise<Express> | undefined;
  const viaExpress = (req: IncomingMessage, res: ServerResponse): void => {
    (expressApp ??= import('./express-app.js').then((m) => m.createExpressApp(parts))).then(
      (app) => app(req, res),
      (err: unknown) => {
        expressApp = undefined;
        log.error({ event: 'http.failed', err }, 'loading express failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"internal error"}');
      },
    );
  };

  const alexaHandler = createAlexaHandler(alexa);
  return serveBesideExpress(viaExpress, {
    '/alexa': (req, res, scope) => alexaHandler(req, res, turnDeps(scope, 'alexa')),
    '/google': async (req, res, scope) => (await googleRoutes(scope)).handler(req, res, turnDeps(scope, 'google')),
  }, observe);
}

/** The request listener: the platform routes in front, everything else through `viaExpress`. */
function serveBesideExpress(
  viaExpress: (req: IncomingMessage, res: ServerResponse) => void,
  routes: Record<string, (req: IncomingMessage, res: ServerResponse, scope: RequestScope) => Promise<void>>,
  observe: (req: IncomingMessage, res: ServerResponse, route: string, handle: (scope: RequestScope) => void) => void,
): App {
  const front = (req: IncomingMessage, res: ServerResponse): void => {
    const route = req.method === 'POST' && req.url !== undefined && Object.hasOwn(routes, req.url) ? routes[req.url] : undefined;
    if (!route || (req.headers['content-encoding'] ?? 'identity') !== 'identity') {
      viaExpress(req, res);
      return;
    }
    observe(req, res, req.url!, (scope) => {
      route(req, res, scope).catch((err: unknown) => {
        // What express's error handler does for a failure nobody caught.
        scope.log.error({ event: 'http.failed', err }, 'unhandled request error');
        if (res.headersSent) res.destroy();
        else res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' }).end('{"error":"internal error"}');
      });
    });
  };
  // As express's own listen: the callback also hears a listen error, once.
  const listen = (...args: unknown[]): Server => {
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
  };
  return Object.assign(front, { listen }) as App;
}
