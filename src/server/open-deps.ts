import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, type Config } from '../config.js';
import type { DateTime } from 'luxon';
import type { Commerce } from '../catalog/commerce.js';
import type { CustomerProfile, DomainDeps, Logger, NotificationSubscriptions } from '../domain/deps.js';
import { createAlexaCustomerProfile } from '../platforms/alexa/customer-profile.js';
import { createHandoffWebhook, type HandoffWebhook } from './handoff-webhook.js';
import type { AlexaRequestVerifier } from '../platforms/alexa/alexa-endpoint.js';
import { openConfiguredShop } from '../catalog/open-shop.js';
import { resilientCommerce, type ResilienceOptions } from '../catalog/resilient-commerce.js';
import { openAnalytics, type Analytics } from '../analytics/open-analytics.js';
import { createSessionSealer, type SealKey, type SessionSealer } from '../domain/session-seal.js';
import { openStateStore } from '../state/open-state-store.js';
import { openPurchaseCodes } from '../state/open-purchase-codes.js';
import type { PurchaseCodeStore } from '../state/purchase-code-store.js';
import type { TurnEvent } from '../state/turn-event.js';
import type { OpenedAccountLinking } from '../account-linking/open-account-linking.js';
import type { OutboxStore } from '../notifications/outbox-store.js';
import { outboxWanted } from './notification-worker.js';
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
  /** Seals the conversation state that travels through the client (`SHOPVOICE_STATE_KEYS`). */
  sessionSealer?: SessionSealer;
  /** Turn events for the KPIs; the state store above then also forgets a user's events. */
  analytics?: Analytics;
  /** The millisecond clock `/readyz` times the shop's ping with (tests); default `performance.now`. */
  monotonicNow?: () => number;
  /** shopvoice's OAuth server for Shopware customers, when configured (`/oauth`, docs/connect-shopware.md). */
  accountLinking?: OpenedAccountLinking;
  /**
   * The notification outbox (docs/notifications.md), open when notifications or the shop's status
   * webhook are configured: subscriptions from Alexa's skill events go in, the worker sends from it.
   */
  outbox?: OutboxStore;
  /** The customers' purchase codes, open when the merchant asks for them (`SHOPVOICE_PURCHASE_CODE`). */
  purchaseCodes?: PurchaseCodeStore;
  /** The merchant's hand-off webhook (`SHOPVOICE_HANDOFF_WEBHOOK_URL`), when configured; `idle()` waits for its posts. */
  handoffWebhook?: HandoffWebhook;
}

export interface OpenDepsOptions {
  /** The customer profile the Alexa hand-off reads a mobile number from (the simulator's never leaves the process). */
  customerProfile?: CustomerProfile;
  /**
   * Wraps the shop before the timeouts, retries and breaker are put around it: fault injection
   * in tests and the drain test's deliberately slow shop. Never set in production.
   */
  decorateShop?: (shop: Commerce) => Commerce;
  /** Overrides of the breaker and retry defaults (tests). */
  resilience?: Partial<ResilienceOptions>;
  /** The registry to report to (the server's includes process metrics); default: a new one. */
  metrics?: Metrics;
  /** Record turn events for the KPIs (default true; the simulator's scratch shops do not). */
  analytics?: boolean;
  /** Epoch-ms clock of account linking's lifetimes and rate limit (tests); default `Date.now`. */
  accountLinkingNow?: () => number;
  /**
   * A fixed clock for everything (tests of the whole server in a child process): the Alexa
   * endpoint, the notification worker and the shop's webhook read it. Never set in production.
   */
  now?: () => DateTime;
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
  const sealKeys = config.state.keys.length > 0 ? config.state.keys : [await localSealKey(config.dataDir, log, Boolean(config.state.url))];
  const accountLinking = config.accountLinking.clients.length > 0
    ? await (await import('../account-linking/open-account-linking.js')).openAccountLinking(config, sealKeys, options.accountLinkingNow ?? Date.now)
    : undefined;
  const shop = await openConfiguredShop(config, accountLinking ? { resolveCustomerContext: accountLinking.linking.resolveCustomerContext } : {});
  const stored = await openStateStore({ dataDir: config.dataDir, url: config.state.url, onIdleError: (err) => log.warn({ err }, 'a state database connection was lost; the pool reconnects') });
  // Orders by voice reach /metrics from the turn events (their value is worked out there).
  const onEvent = (event: TurnEvent) => {
    if (event.orderCents !== undefined) metrics.order(event.platform, event.orderCents);
  };
  const analytics = options.analytics === false || !config.analytics.record ? undefined : openAnalytics(stored, config.analytics, log, { onEvent });
  const state = analytics?.state ?? stored;
  const commerce = resilientCommerce(options.decorateShop ? options.decorateShop(shop) : shop, {
    timeoutMs: config.shop.timeoutMs,
    // Inside a request, failures go to its own logger (app.ts, `commerceForReply`).
    log,
    observer: metrics.catalog,
    ...options.resilience,
  });
  // Loaded only when configured: a server without notifications never loads the outbox's code.
  const outbox = outboxWanted(config)
    ? await import('../notifications/open-outbox.js').then((m) => m.openOutbox({ dataDir: config.dataDir, url: config.state.url }))
    : undefined;
  if (outbox) metrics.watchOutbox(() => outbox.backlog(options.now ? options.now().toJSDate() : new Date()));
  const handoffWebhook = config.handoffWebhook ? createHandoffWebhook({ ...config.handoffWebhook, log }) : undefined;
  return {
    customerProfile: options.customerProfile ?? createAlexaCustomerProfile({ timeoutMs: config.shop.timeoutMs, log }),
    ...(handoffWebhook ? { handoffWebhook, callbacks: handoffWebhook } : {}),
    config,
    commerce,
    ...(outbox ? { outbox, notifications: notificationSubscriptions(outbox) } : {}),
    ...(options.now ? { now: options.now } : {}),
    feedbackEveryDays: config.feedbackDays,
    state,
    log,
    metrics,
    contact: { phone: config.shop.phone, email: config.shop.email },
    ...(config.shop.address ? { addressForm: config.shop.address } : {}),
    sessionSealer: createSessionSealer(sealKeys),
    ...(analytics ? { analytics } : {}),
    ...(accountLinking ? { accountLinking } : {}),
    ...(config.purchaseCode ? { purchaseCodes: await openPurchaseCodes({ dataDir: config.dataDir, url: config.state.url, now: () => new Date() }) } : {}),
  };
}

/**
 * The seal key of a single instance without `SHOPVOICE_STATE_KEYS`: made once, kept in the data
 * folder (owner-only). Several instances must share a key, so with a shared state database the
 * operator is told to set one.
 */
async function localSealKey(dataDir: string, log: Logger, shared: boolean): Promise<SealKey> {
  if (shared) log.warn({}, 'SHOPVOICE_STATE_URL is set but SHOPVOICE_STATE_KEYS is not: each instance seals sessions with its own key, so a session cannot move between instances; set the same SHOPVOICE_STATE_KEYS on all of them');
  const file = join(dataDir, 'session-seal.key');
  await mkdir(dataDir, { recursive: true });
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing && existing.trim().length >= 32) return { id: 'local', secret: existing.trim() };
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600, flag: existing === undefined ? 'wx' : 'w' }).catch(async () => undefined);
  // Another process may have won the race to create it: whatever is on disk now is the key.
  return { id: 'local', secret: (await readFile(file, 'utf8')).trim() };
}

/** The outbox as the domain's notification port ("keine Benachrichtigungen mehr", "lösche meine Daten"). */
function notificationSubscriptions(outbox: OutboxStore): NotificationSubscriptions {
  return {
    unsubscribe: (userId, at) => outbox.setSubscriptions(userId, [], undefined, at),
    forget: (userId) => outbox.forgetSubscriber(userId),
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
    await deps.analytics?.recorder.close();
    // Callback requests still being posted to the merchant go out before the process ends.
    await deps.handoffWebhook?.idle();
    await deps.commerce.close?.();
    await deps.purchaseCodes?.close();
  } finally {
    try {
      await deps.accountLinking?.store.close();
      await deps.outbox?.close();
    } finally {
      await deps.state.close();
    }
  }
}
