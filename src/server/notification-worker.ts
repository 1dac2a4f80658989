import type { Config } from '../config.js';
import type { Logger } from '../domain/deps.js';
import { createLwaTokenClient } from '../notifications/lwa-token-client.js';
import type { OutboxStore } from '../notifications/outbox-store.js';
import { createOutboxWorker, type OutboxWorker } from '../notifications/outbox-worker.js';
import { createProactiveEventsSender } from '../notifications/proactive-events-sender.js';

/**
 * Whether order notifications can be sent: the skill's messaging credentials are set
 * (`SHOPVOICE_ALEXA_CLIENT_ID`, `SHOPVOICE_ALEXA_CLIENT_SECRET`, docs/notifications.md).
 */
export function notificationsConfigured(config: Config): boolean {
  return Boolean(config.notifications.clientId && config.notifications.clientSecret);
}

/**
 * Whether the server needs the outbox: to send (credentials), to take the shop's status changes
 * (`SHOPVOICE_SHOP_EVENTS_SECRET`), or both. Subscriptions are recorded in it whenever it is open.
 */
export function outboxWanted(config: Config): boolean {
  return notificationsConfigured(config) || config.notifications.shopEventsSecrets.length > 0;
}

/**
 * The background delivery loop `shopvoice serve` starts when notifications are configured, and
 * stops (waiting for a send in flight) when it drains: LWA token client, events sender, outbox
 * worker, polling every `pollMs`. Undefined when the credentials are missing.
 *
 * @example const worker = notificationWorker(config, deps.outbox, log); worker?.start(); … await worker?.stop();
 */
export function notificationWorker(config: Config, outbox: OutboxStore, log: Logger, now: () => Date = () => new Date(), pollMs?: number): OutboxWorker | undefined {
  const { clientId, clientSecret, tokenUrl, eventsUrl } = config.notifications;
  if (!clientId || !clientSecret) return undefined;
  const tokens = createLwaTokenClient({ clientId, clientSecret, tokenUrl, now });
  const sender = createProactiveEventsSender({ url: eventsUrl, tokens, now });
  return createOutboxWorker({ store: outbox, sender, now, log, ...(pollMs ? { pollMs } : {}) });
}
