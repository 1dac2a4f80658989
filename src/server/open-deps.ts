import { loadConfig, type Config } from '../config.js';
import type { DateTime } from 'luxon';
import type { Commerce } from '../catalog/commerce.js';
import type { DomainDeps, Logger } from '../domain/deps.js';
import type { AlexaRequestVerifier } from '../platforms/alexa/alexa-endpoint.js';
import { openConfiguredShop } from '../catalog/open-shop.js';
import { resilientCommerce, type ResilienceOptions } from '../catalog/resilient-commerce.js';
import { openSqliteStateStore } from '../state/sqlite-state-store.js';
import { createLogger } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';

/** Everything the server, the Lambda handlers and the simulator wire the platforms from, as one plain object. */
export interface AppDeps extends DomainDeps {
  config: Config;
  /** The registry behind `GET /metrics` (the catalog reports to it too); default: a new one. */
  metrics?: Metrics;
  /** Fixed clock (tests, simulator); default: each Alexa request's timestamp, the real clock for Google. */
  now?: () => DateTime;
  /** Overrides the Alexa verifier (tests); default follows `config.alexa.verify`. */
  alexaVerifier?: AlexaRequestVerifier;
}

export interface OpenDepsOptions {
  /**
   * Wraps the shop before the timeouts, retries and breaker are put around it: fault injection
   * in tests and the drain test's deliberately slow shop. Never set in production.
   */
  decorateShop?: (shop: Commerce) => Commerce;
  /** Overrides of the breaker and retry defaults (tests). */
  resilience?: Partial<ResilienceOptions>;
  /** The registry to report to (the server's includes process metrics); default: a new one. */
  metrics?: Metrics;
}

/**
 * Opens the catalog and the state store the configuration names (default: the embedded demo
 * shop), puts timeouts, retries and a circuit breaker around the catalog, and creates the
 * metrics that observe it.
 *
 * @example const deps = await openDeps(loadConfig(), createLogger('info'));
 */
export async function openDeps(config: Config, log: Logger, options: OpenDepsOptions = {}): Promise<AppDeps> {
  const metrics = options.metrics ?? createMetrics();
  const shop = await openConfiguredShop(config);
  const state = openSqliteStateStore(config.dataDir);
  const commerce = resilientCommerce(options.decorateShop ? options.decorateShop(shop) : shop, {
    timeoutMs: config.shop.timeoutMs,
    // Inside a request, failures go to its own logger (app.ts, `commerceForReply`).
    log,
    observer: metrics.catalog,
    ...options.resilience,
  });
  return {
    config,
    commerce,
    state,
    log,
    metrics,
    contact: { phone: config.shop.phone, email: config.shop.email },
    ...(config.shop.address ? { addressForm: config.shop.address } : {}),
  };
}

/**
 * The deps the environment configures, with its log level: what `shopvoice serve` opens, for
 * entry points that have no caller to hand them a config (the Lambda handlers).
 *
 * @example export const handler = createGoogleLambdaHandler(openDepsFromEnvironment);
 */
export async function openDepsFromEnvironment(): Promise<AppDeps> {
  const config = loadConfig();
  return openDeps(config, createLogger(config.logLevel));
}

/** Closes what `openDeps` opened. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  try {
    await deps.commerce.close?.();
  } finally {
    await deps.state.close();
  }
}
