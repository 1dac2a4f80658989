import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Express } from 'express';
import type { Logger } from '../domain/deps.js';
import { REPLY_BUDGET_MS } from '../catalog/resilient-commerce.js';
import { jsonAnswer, type PlatformEndpoint } from '../platforms/endpoint.js';
import { alexaEndpoint, createTurnHandler, googleEndpoint } from './endpoints.js';
import { SERVER_FIELDS_ONLY } from './logger.js';
import { createMetrics } from './metrics.js';
import { BODY_IDLE_MS, BodyAborted, callOf, MAX_PLATFORM_BODY_BYTES, readBody, send } from './node-transport.js';
import type { AppDeps } from './open-deps.js';
import { createLimitedServer, type ServerLimits } from './server-limits.js';
import { createRequestScope, type Observe, type RequestScope } from './request-scope.js';

/** The server's request listener. */
export type App = (req: IncomingMessage, res: ServerResponse) => void;

export interface AppOptions {
  /** A platform request body that sends nothing for this long is cut off (default 5 s). */
  bodyIdleMs?: number;
}

/** An `x-request-id` we adopt from the caller; any other gets a fresh UUID. */
const REQUEST_ID = /^[\w.-]{1,64}$/;

const INTERNAL_ERROR = jsonAnswer(500, { error: 'internal error' });

/** Routes whose access logger is kept; express's routes are a handful, never a caller's path. */
const MAX_ACCESS_ROUTES = 32;

/**
 * The app: `/alexa` and `/google` straight from Node's HTTP server into the platforms' neutral
 * endpoints; every other request to express (`express-app.ts`: health, readiness, metrics), which
 * is loaded on the first such request, so an /alexa cold start does not pay for it (bench/NOTES.md).
 * It never listens by itself: `main.ts` does, and tests through {@link listen}.
 *
 * @example
 *   const server = await listen(createApp(await openDeps(config, log)), 3000);
 */
export function createApp(deps: AppDeps, options: AppOptions = {}): App {
  const bodyIdleMs = options.bodyIdleMs ?? BODY_IDLE_MS;
  const metrics = deps.metrics ?? createMetrics();
  const handleTurn = createTurnHandler(deps, metrics);
  const routes = new Map<string, PlatformEndpoint>([
    ['/alexa', alexaEndpoint(deps, handleTurn)],
    ['/google', googleEndpoint(deps, handleTurn)],
  ]);

  // The access line's constant fields bound once per route (pino serialises a child's bindings
  // once): a line then carries only what differs per request.
  const accessLogs = new Map<string, Logger>();
  const accessLog = (route: string): Logger => {
    let log = accessLogs.get(route);
    if (!log) {
      log = deps.log.child?.({ event: 'http.request', route }) ?? deps.log;
      if (accessLogs.size < MAX_ACCESS_ROUTES) accessLogs.set(route, log);
    }
    return log;
  };

  const observe: Observe = (req, res, route, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    const started = performance.now();
    const scope = createRequestScope(deps.log, { id, started, deadline: started + REPLY_BUDGET_MS, authorization: req.headers.authorization });
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      metrics.request(route, res.statusCode, seconds, scope.outcome);
      accessLog(route).info({ [SERVER_FIELDS_ONLY]: true, reqId: id, method: req.method, status: res.statusCode, ms: Math.round(seconds * 1000), outcome: scope.outcome }, 'request');
    });
    next(scope);
  };

  let expressApp: Promise<Express> | undefined;
  const viaExpress = (req: IncomingMessage, res: ServerResponse): void => {
    (expressApp ??= import('./express-app.js').then((m) => m.createExpressApp(deps, metrics, observe))).then(
      (app) => app(req, res),
      (err: unknown) => {
        expressApp = undefined;
        deps.log.error({ event: 'http.failed', err }, 'loading express failed');
        if (!res.headersSent) send(res, INTERNAL_ERROR);
      },
    );
  };

  const serve = async (endpoint: PlatformEndpoint, req: IncomingMessage, res: ServerResponse, scope: RequestScope) => {
    const body = await readBody(req, MAX_PLATFORM_BODY_BYTES, bodyIdleMs);
    send(res, body === undefined ? jsonAnswer(413, { error: 'request body too large' }) : await endpoint(callOf(req, body), scope));
  };

  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const endpoint = routes.get(path);
    if (!endpoint) return viaExpress(req, res);
    observe(req, res, path, (scope) => {
      serve(endpoint, req, res, scope).catch((err: unknown) => {
        // A client that went away (or stalled) mid-body is not our failure: one info line, nothing to answer.
        if (err instanceof BodyAborted) {
          scope.plainLog.info({ event: 'http.aborted', route: path, reason: err.reason }, 'request body not completed');
          res.destroy();
          return;
        }
        // A request cut short, or a failure nobody caught: one line, and a 500 if anything can still be sent.
        scope.log.error({ event: 'http.failed', err }, 'unhandled request error');
        if (res.headersSent) res.destroy();
        else send(res, INTERNAL_ERROR);
      });
    });
  };
}

/**
 * A Node server with `app` and the server limits (server-limits.ts), listening; rejects on a listen error (port in use, no permission).
 *
 * @example const server = await listen(createApp(deps), 0, '127.0.0.1');
 */
export function listen(app: App, port: number, host?: string, limits: Partial<ServerLimits> = {}): Promise<Server> {
  const server = createLimitedServer(app, limits);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
