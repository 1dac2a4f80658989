import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { loadConfig, type Config } from '../config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { closeDeps, openDeps, type OpenDepsOptions } from './open-deps.js';

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
  const log = createLogger(config.logLevel);
  if (!config.alexa.verify) log.warn({}, 'SHOPVOICE_ALEXA_VERIFY=false: Alexa requests are NOT verified; never expose this server to the internet');
  if (config.alexa.skillIds.length === 0) log.warn({}, 'SHOPVOICE_ALEXA_SKILL_ID is not set: requests for any skill id are accepted');
  // How the Dialogflow webhook's auth is set is said once, by the endpoint as it is built (webhook-auth.ts).

  const deps = await openDeps(config, log, { metrics: createMetrics({ processMetrics: true }), ...options });
  const app = createApp(deps);
  let stopping = false;
  // Responses still being written when the drain starts are told to close their connection.
  const inFlight = new Set<ServerResponse>();
  // One shared listener, not a closure per request ('close' comes once; `this` is the response).
  function answered(this: ServerResponse): void {
    inFlight.delete(this);
  }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.on('close', answered);
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const shop = await deps.commerce.shopInfo();
  const base = `http://localhost:${config.port}`;
  print(`shopvoice serving ${shop.name} (data in ${config.dataDir})`);
  print(`  POST ${base}/alexa    Alexa custom skill endpoint`);
  print(`  POST ${base}/google   Dialogflow ES fulfillment webhook`);
  print(`  GET  ${base}/healthz  liveness`);
  print(`  GET  ${base}/readyz   readiness (catalog and state store)`);
  print(`  GET  ${base}/metrics  Prometheus metrics`);

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
