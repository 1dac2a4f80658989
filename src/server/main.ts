import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loadConfig, SettingError, type Config } from '../config.js';
import { createApp, type App } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { createLimitedServer } from './server-limits.js';
import { closeDeps, openDeps, type AppDeps, type OpenDepsOptions } from './open-deps.js';
import { checkDatabaseFiles, ensureWritableDataDir, listenError } from './startup-checks.js';
import { notificationWorker } from './notification-worker.js';
import type { OutboxWorker } from '../notifications/outbox-worker.js';

/** How long SIGTERM waits for in-flight requests before closing anyway (Alexa gives up after 8 s). */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Reads the config, opens the shop, listens, and drains on SIGTERM/SIGINT: no new connections,
 * in-flight requests answered, idle keep-alive connections closed, then both SQLite databases
 * closed (which checkpoints and removes their WAL files) and exit 0.
 *
 * @example await serve(); // what `shopvoice serve` and `npm start` run
 */
export async function serve(
  config: Config = loadConfig(),
  print: (line: string) => void = console.log,
  options: OpenDepsOptions = {},
): Promise<Server> {
  // What would stop the start is found before anything is opened or written, and said once
  // (the CLI prints the error's one line): the data folder, its database files, then the port.
  ensureWritableDataDir(config.dataDir);
  checkDatabaseFiles(config.dataDir);

  let app: App | undefined;
  let opening: Promise<unknown> | undefined;
  let stopping = false;
  // Responses still being written when the drain starts are told to close their connection.
  const inFlight = new Set<ServerResponse>();
  // One shared listener, not a closure per request ('close' comes once; `this` is the response).
  function answered(this: ServerResponse): void {
    inFlight.delete(this);
  }
  // Timeouts and the connection cap: server-limits.ts (docs/operating.md, "Limits").
  const server = createLimitedServer((req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.on('close', answered);
    // A request that comes while the shop is still being opened waits for it.
    if (app) app(req, res);
    else void opening!.then(() => app!(req, res), () => res.destroy());
  }, { maxConnections: config.maxConnections });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, config.port, config.host)));
    server.listen(config.port, config.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });

  let deps: AppDeps;
  const log = createLogger(config.logLevel);
  try {
    if (!config.alexa.verify) log.warn({}, 'SHOPVOICE_ALEXA_VERIFY=false: Alexa requests are NOT verified; never expose this server to the internet');
    if (config.alexa.skillIds.length === 0) log.warn({}, 'SHOPVOICE_ALEXA_SKILL_ID is not set: requests for any skill id are accepted');
    // How the Dialogflow webhook's auth is set is said once, by the endpoint as it is built (webhook-auth.ts).
    const opened = openDeps(config, log, { metrics: createMetrics({ processMetrics: true }), ...options }).catch((error: unknown) => {
      throw databaseError(error, config.dataDir);
    });
    opening = opened;
    deps = await opened;
    app = createApp(deps);
  } catch (error) {
    server.close();
    throw error;
  }
  // Order notifications go out in the background while the server runs (docs/notifications.md).
  const worker: OutboxWorker | undefined = deps.outbox ? notificationWorker(config, deps.outbox, log, wallClock(deps)) : undefined;
  if (deps.outbox && !worker) log.warn({}, 'SHOPVOICE_ALEXA_CLIENT_ID/SECRET are not set: order notifications are recorded in the outbox but not sent');
  worker?.start();
  const shop = await deps.commerce.shopInfo();
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${(server.address() as AddressInfo).port}`;
  print(`shopvoice serving ${shop.name} (data in ${config.dataDir})`);
  print(`  POST ${base}/alexa    Alexa custom skill endpoint`);
  print(`  POST ${base}/google   Dialogflow ES fulfillment webhook`);
  print(`  GET  ${base}/healthz  liveness`);
  print(`  GET  ${base}/readyz   readiness (catalog and state store)`);
  print(`  GET  ${base}/metrics  Prometheus metrics`);
  if (config.notifications.shopEventsSecrets.length > 0) print(`  POST ${base}/shop/events  the shop's signed order-status changes`);
  if (worker) print(`  order notifications: sending to ${config.notifications.eventsUrl}`);

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS).unref();
    // Keep-alive connections close after their current response instead of idling on.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    server.close(async () => {
      clearTimeout(force);
      let code = 0;
      try {
        // A send in flight finishes (or its lease runs out for the next start) before the outbox closes.
        await worker?.stop();
        await closeDeps(deps);
        log.info({}, 'stopped');
      } catch (err) {
        log.error({ err }, 'closing the databases failed');
        code = 1;
      }
      process.exit(code);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}

/** The clock of the notifications: the deps' fixed one (tests), else the real one. */
export function wallClock(deps: Pick<AppDeps, 'now'>): () => Date {
  const fixed = deps.now;
  return fixed ? () => fixed().toJSDate() : () => new Date();
}

/** A SQLite driver error while opening: the data folder named, with the fix. */
function databaseError(error: unknown, dataDir: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  return new SettingError('SHOPVOICE_DATA_DIR', `holds a database that cannot be opened (${dataDir}: ${code})`, 'repair or remove shop.sqlite or state.sqlite there, or point SHOPVOICE_DATA_DIR elsewhere');
}
