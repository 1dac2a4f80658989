import { ORDER_STATUS_LOCALES } from './order-status-event.js';
import { DEFAULT_EVENTS_URL } from './proactive-events-sender.js';

/** Login with Amazon's base URL (the same variable `models upload` reads); the token path is appended. */
export const DEFAULT_LWA_URL = 'https://api.amazon.com';

/** Everything the notifications read from the environment (to move into config.ts when it is free). */
export interface NotificationSettings {
  /** `SHOPVOICE_ALEXA_EVENTS_URL`: Europe's development stage until the skill is certified. */
  eventsUrl: string;
  /** `SHOPVOICE_LWA_URL` + `/auth/o2/token`. */
  tokenUrl: string;
  /** `SHOPVOICE_ALEXA_CLIENT_ID`, `SHOPVOICE_ALEXA_CLIENT_SECRET`: the skill's own messaging credentials. */
  clientId?: string;
  clientSecret?: string;
  /** `SHOPVOICE_SHOP_EVENTS_SECRET`, comma-separated while rotating; unset turns `POST /shop/events` off. */
  shopEventsSecrets: string[];
  /** `SHOPVOICE_SHOP_ID`: part of every reference id. */
  shopId: string;
  /** `SHOPVOICE_ALEXA_SELLER_NAME`: "Your order from <seller> …". */
  sellerNames: Record<string, string>;
  /** `SHOPVOICE_ALEXA_EVENT_LOCALES`: locales Amazon accepts for AMAZON.OrderStatus.Updated (default en-US). */
  locales: string[];
  /** `SHOPVOICE_STATE_URL`: the outbox lives in that PostgreSQL database when set. */
  stateUrl?: string;
}

type Env = Record<string, string | undefined>;

const list = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Reads the notification settings from an environment.
 *
 * @example const settings = readNotificationSettings(process.env);
 */
export function readNotificationSettings(env: Env): NotificationSettings {
  const locales = list(env.SHOPVOICE_ALEXA_EVENT_LOCALES);
  const sellerName = env.SHOPVOICE_ALEXA_SELLER_NAME?.trim() || 'Lindenhof Markt';
  const usedLocales = locales.length > 0 ? locales : [...ORDER_STATUS_LOCALES];
  const settings: NotificationSettings = {
    eventsUrl: env.SHOPVOICE_ALEXA_EVENTS_URL?.trim() || DEFAULT_EVENTS_URL,
    tokenUrl: `${(env.SHOPVOICE_LWA_URL?.trim() || DEFAULT_LWA_URL).replace(/\/+$/, '')}/auth/o2/token`,
    shopEventsSecrets: list(env.SHOPVOICE_SHOP_EVENTS_SECRET),
    shopId: env.SHOPVOICE_SHOP_ID?.trim() || 'default',
    sellerNames: Object.fromEntries(usedLocales.map((locale) => [locale, sellerName])),
    locales: usedLocales,
  };
  if (env.SHOPVOICE_ALEXA_CLIENT_ID?.trim()) settings.clientId = env.SHOPVOICE_ALEXA_CLIENT_ID.trim();
  if (env.SHOPVOICE_ALEXA_CLIENT_SECRET?.trim()) settings.clientSecret = env.SHOPVOICE_ALEXA_CLIENT_SECRET.trim();
  if (env.SHOPVOICE_STATE_URL?.trim()) settings.stateUrl = env.SHOPVOICE_STATE_URL.trim();
  return settings;
}
