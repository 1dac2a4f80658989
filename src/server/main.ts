import type { Server } from 'node:http';
import { loadConfig, type Config } from '../config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { closeDeps, openDeps } from './open-deps.js';

/** How long SIGTERM waits for in-flight requests before closing anyway. */
const DRAIN_TIMEOUT_MS = 10_000;

/** Reads the config, opens the shop, listens, and drains on SIGTERM/SIGINT. */
export async function serve(config: Config = loadConfig(), print: (line: string) => void = console.log): Promise<Server> {
  const log = createLogger(config.logLevel);
  if (!config.alexa.verify) log.warn({}, 'SHOPVOICE_ALEXA_VERIFY=false: Alexa requests are NOT verified; never expose this server to the internet');
  if (config.alexa.skillIds.length === 0) log.warn({}, 'SHOPVOICE_ALEXA_SKILL_ID is not set: requests for any skill id are accepted');
  if (config.google.authOff) log.warn({}, 'SHOPVOICE_GOOGLE_AUTH=off: the Dialogflow webhook accepts unauthenticated calls (local trials only)');
  else if (!config.google.user || !config.google.password) {
    log.warn({}, 'Dialogflow webhook refuses every call: set SHOPVOICE_GOOGLE_USER and SHOPVOICE_GOOGLE_PASSWORD (or SHOPVOICE_GOOGLE_AUTH=off for local trials)');
  }

  const deps = await openDeps(config, log);
  const app = createApp(deps);
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, () => resolve(s));
    s.once('error', reject);
  });
  const shop = await deps.commerce.shopInfo();
  const base = `http://localhost:${config.port}`;
  print(`shopvoice serving ${shop.name} (data in ${config.dataDir})`);
  print(`  POST ${base}/alexa    Alexa custom skill endpoint`);
  print(`  POST ${base}/google   Dialogflow ES fulfillment webhook`);
  print(`  GET  ${base}/healthz  liveness`);
  print(`  GET  ${base}/readyz   readiness (catalog and state store)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining in-flight requests');
    const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS).unref();
    server.close(async () => {
      clearTimeout(force);
      await closeDeps(deps);
      log.info({}, 'stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return server;
}
