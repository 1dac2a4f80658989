import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { performance } from 'node:perf_hooks';
import { raceTimeout, SLOW_CALL_MS } from '../catalog/resilient-commerce.js';
import { routeLabel, type Metrics } from './metrics.js';
import type { AppDeps } from './open-deps.js';
import type { Observe, RequestScope } from './request-scope.js';

/** How long /readyz waits for the catalog and the state store. */
const READY_TIMEOUT_MS = 2000;

const noAnswer = () => new Error(`no answer within ${READY_TIMEOUT_MS} ms`);

/**
 * Everything but the platform routes: `GET /healthz`, `GET /readyz`, `GET /metrics`, the web
 * console under `/console`, the shop's `POST /shop/events` (when its secret is set), 404s. Loaded by the front (app.ts) on the first
 * such request, so a cold start that answers Alexa first does not load express (bench/NOTES.md).
 *
 * @example const app = createExpressApp(deps, metrics, observe); app(req, res);
 */
/** A router made on its first request, so what it loads costs nothing until then. */
function lazyRouter(make: () => Promise<Router>): RequestHandler {
  let router: Promise<Router> | undefined;
  return (req, res, next) => {
    router ??= make();
    router.then((r) => r(req, res, next), next);
  };
}

export function createExpressApp(deps: AppDeps, metrics: Metrics, observe: Observe): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('trust proxy', false);

  // The route is taken now: mounted routers rewrite req.url while they run.
  app.use((req: Request, res: Response, next: NextFunction) => observe(req, res, routeLabel(req.path), (scope) => {
    res.locals.scope = scope;
    next();
  }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // 503 while the catalog is out: the breaker is open (ping fails at once) or the ping fails, or
  // the ping answered slower than a turn can afford per call (SLOW_CALL_MS: a quarter of the
  // reply budget) — a shop that answers just under its timeout fails every personal request.
  const clock = deps.monotonicNow ?? (() => performance.now());
  app.get('/readyz', async (_req, res) => {
    const started = clock();
    const catalogPing = deps.commerce.ping().then(() => clock() - started);
    const checks = await Promise.allSettled([
      raceTimeout(catalogPing, READY_TIMEOUT_MS, noAnswer),
      raceTimeout(deps.state.ping(), READY_TIMEOUT_MS, noAnswer),
    ]);
    const catalog = checks[0].status === 'rejected' ? 'unavailable' : checks[0].value > SLOW_CALL_MS ? 'slow' : 'ok';
    const state = checks[1].status === 'fulfilled' ? 'ok' : 'unavailable';
    const ready = catalog === 'ok' && state === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', catalog, state });
  });

  // SHOPVOICE_METRICS_TOKEN: a bearer token, compared in constant time; unset, /metrics is open (expose it internally only).
  const metricsToken = deps.config.metricsToken === undefined ? undefined : createHash('sha256').update(deps.config.metricsToken).digest();
  app.get('/metrics', async (req, res) => {
    if (metricsToken && !bearerMatches(req.headers.authorization, metricsToken)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    const text = await metrics.render();
    // Exactly prom-client's content type (express's send would rewrite its parameters).
    res.setHeader('content-type', metrics.contentType);
    res.end(text);
  });

  // The web console: loaded on its first request (it brings the simulator and the models). Its
  // simulator talks to a scratch copy of the demo shop, never to the merchant's shop: a sentence
  // typed there must not place a real order (docs/console.md).
  app.use('/console', lazyRouter(async () => {
    const { createDefaultConsoleRouter } = await import('../console/default-console.js');
    return createDefaultConsoleRouter({ password: deps.config.consolePassword, state: deps.state, log: deps.log });
  }));

  // Account linking for a Shopware shop: the login page and the OAuth endpoints (docs/connect-shopware.md).
  const linked = deps.accountLinking;
  if (linked) {
    app.use('/oauth', lazyRouter(async () => {
      const { createOAuthRouter } = await import('../account-linking/oauth-router.js');
      return createOAuthRouter({
        linking: linked.linking,
        clients: linked.clients,
        shopName: async () => (await deps.commerce.shopInfo()).name,
        ...(linked.clientIpHeader ? { clientIpHeader: linked.clientIpHeader } : {}),
        onError: (err) => deps.log.warn({ event: 'oauth.login_failed', err }, 'the shop did not answer a customer login'),
      });
    }));
  }

  // The shop's signed order-status changes (Alexa notifications), when a secret is configured.
  const events = deps.config.notifications;
  if (events.shopEventsSecrets.length > 0) {
    app.use(lazyRouter(async () => {
      const [{ createShopEventsRouter }, { openOutbox }] = await Promise.all([
        import('../notifications/shop-events-router.js'),
        import('../notifications/open-outbox.js'),
      ]);
      const outbox = deps.outbox ?? await openOutbox({ dataDir: deps.config.dataDir, url: deps.config.state.url });
      return createShopEventsRouter({ secret: events.shopEventsSecrets, shopId: events.shopId, outbox, now: deps.now ? () => deps.now!().toJSDate() : () => new Date(), sellerNames: events.sellerNames, locales: events.locales, log: deps.log });
    }));
  }

  // The linked account's purchase code page, when the merchant asks for codes (issue 17).
  const codes = deps.purchaseCodes;
  if (codes) {
    app.use(lazyRouter(async () => {
      const { createPurchaseCodeRouter } = await import('./account/purchase-code-router.js');
      return createPurchaseCodeRouter({ commerce: deps.commerce, codes, log: deps.log, now: () => new Date() });
    }));
  }

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

/** Whether `header` is `Bearer <token>` for the token whose SHA-256 is `expected` (fixed-length, constant-time compare). */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  const given = createHash('sha256').update(match?.[1] ?? '').digest();
  return timingSafeEqual(given, expected) && match !== null;
}
