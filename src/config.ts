import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The only reader of process.env. Every setting has a default that serves the embedded demo
 * shop; only real platform secrets have none.
 */
export interface Config {
  /** HTTP port; 0 takes any free one. */
  port: number;
  /** `SHOPVOICE_HOST`: the address the server binds (default 127.0.0.1: behind a proxy on the same host). */
  host: string;
  /** `SHOPVOICE_MAX_CONNECTIONS`: open connections accepted at once (default 1024); more are dropped. */
  maxConnections: number;
  /** `SHOPVOICE_METRICS_TOKEN`: `/metrics` requires `Authorization: Bearer <token>`; unset: open (expose internally only). */
  metricsToken?: string;
  /** Folder of the SQLite files (demo shop and state), created on first start. */
  dataDir: string;
  alexa: {
    /** Verify Alexa request signatures and timestamps (off only for local trials). */
    verify: boolean;
    /** Accepted skill ids; empty accepts any (with a start-up warning). */
    skillIds: string[];
    /** Extra PEM root certificates to trust (tests and benchmarks sign with their own chain). */
    extraRootsFile?: string;
  };
  google: {
    user?: string;
    password?: string;
    /** `SHOPVOICE_GOOGLE_AUTH=off` (or any switch word for off) accepts unauthenticated webhook calls (local trials only). */
    authOff: boolean;
  };
  shop: {
    /** Base URL of a real shop's catalog API; unset serves the embedded demo shop. */
    apiUrl?: string;
    apiToken?: string;
    /** Milliseconds a single catalog call may take before it is abandoned. */
    timeoutMs: number;
    /** Shown and spoken in the human hand-off. */
    phone?: string;
    email?: string;
    /** `SHOPVOICE_ADDRESS=du|sie`: how German speech addresses customers; unset: the shop's own (demo: du). */
    address?: 'du' | 'sie';
    /** `SHOPVOICE_SHOP=embedded|http|shopware|shopify` and each hosted shop's settings. */
    settings: ShopSettings;
  };
  state: {
    /** `SHOPVOICE_STATE_URL=postgres://…`: the shared store for many instances; unset: the SQLite file. */
    url?: string;
    /**
     * `SHOPVOICE_STATE_KEYS=id:secret[,id:secret…]`: seal the conversation state that travels
     * through the client; the first key seals, all open (rotation). Unset: a key kept in the data folder.
     */
    keys: SealKey[];
  };
  /** `SHOPVOICE_CONSOLE_PASSWORD`: the web console at /console; unset: no console. */
  consolePassword?: string;
  /** Alexa order-status notifications and the shop's `POST /shop/events` (docs/notifications.md). */
  notifications: NotificationSettings;
  /** shopvoice's own OAuth server for Shopware customers (docs/connect-shopware.md, "Account linking"). */
  accountLinking: AccountLinkingSettings;
  /** `SHOPVOICE_FEEDBACK_DAYS`: days between two feedback questions to one customer (default 7; issue 17). */
  feedbackDays: number;
  /** `SHOPVOICE_HANDOFF_WEBHOOK_URL` + `_SECRET`: callback requests posted, signed, to the merchant (docs/handoff-webhook.md). */
  handoffWebhook?: { url: string; secret: string };
  analytics: {
    /** `SHOPVOICE_ANALYTICS` (switch, default on): record turn events for the KPIs. */
    record: boolean;
    /** `SHOPVOICE_ANALYTICS_KEY=id:secret[,…]`: keyed pseudonyms of users in turn events. */
    key?: string;
    /** `SHOPVOICE_ANALYTICS_DAYS`: days turn events are kept (default 90). */
    days: number;
  };
  logLevel: string;
  /**
   * `SHOPVOICE_PURCHASE_CODE` (switch, default off): the merchant asks a customer who has set a
   * four-digit purchase code for it before any order by voice (issue 17, docs/buying-by-voice.md).
   */
  purchaseCode: boolean;
}

type Env = Record<string, string | undefined>;

/** A key that seals conversation state (same shape as the domain's `SealKey`). */
export interface SealKey {
  id: string;
  secret: string;
}

/** Where Amazon's Proactive Events API takes development events in Europe (before certification). */
export const DEFAULT_EVENTS_URL = 'https://api.eu.amazonalexa.com/v1/proactiveEvents/stages/development';
/** Locales Amazon documents AMAZON.OrderStatus.Updated for (docs/notifications.md). */
export const ORDER_STATUS_LOCALES = ['en-US'] as const;

export type ShopKind = 'embedded' | 'http' | 'shopware' | 'shopify';

/** Which shop serves the catalog, and each hosted shop's settings, as the environment names them. */
export interface ShopSettings {
  kind: ShopKind;
  /** Per-call timeout in ms (`SHOPVOICE_SHOP_TIMEOUT_MS`). */
  timeoutMs: number;
  /** The merchant's shop file: name, rules, stores, hours, FAQ (`SHOPVOICE_SHOP_FILE`, JSON or YAML). */
  shopFilePath?: string;
  shopware?: {
    url: string;
    accessKey: string;
    languageIds?: { de?: string; en?: string };
    /** Unset: the adapter's default (invoice, prepayment, cash on delivery, SEPA direct debit). */
    browserlessPaymentMethods?: string[];
    /** `SHOPVOICE_SHOPWARE_FAQ_PAGES=topic:cmsPageId,…`: FAQ answers read from these CMS pages (the shop file's answer when a page has no text or does not answer). */
    faqPages?: Record<string, string>;
  };
  shopify?: {
    storeDomain: string;
    storefrontToken: string;
    adminToken: string;
    customerAccountApiUrl: string;
  };
}

const KINDS: ShopKind[] = ['embedded', 'http', 'shopware', 'shopify'];

/**
 * The shop settings from environment variables, checked: a hosted shop without one of its
 * settings is refused with every missing name at once. A pure function of `env`.
 *
 * @example shopSettingsFromEnv({ SHOPVOICE_SHOP: 'shopware', SHOPVOICE_SHOPWARE_URL: 'https://shop.example', ... })
 */
export function shopSettingsFromEnv(env: Record<string, string | undefined>): ShopSettings {
  const value = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const kindText = value('SHOPVOICE_SHOP') ?? (value('SHOPVOICE_SHOP_API_URL') ? 'http' : 'embedded');
  if (!KINDS.includes(kindText as ShopKind)) {
    throw new Error(`SHOPVOICE_SHOP is "${kindText}"; it must be one of ${KINDS.join(', ')}`);
  }
  const kind = kindText as ShopKind;
  const timeoutText = value('SHOPVOICE_SHOP_TIMEOUT_MS') ?? '1500';
  const timeoutMs = Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error(`SHOPVOICE_SHOP_TIMEOUT_MS is "${timeoutText}"; it must be a whole number of milliseconds`);
  const settings: ShopSettings = { kind, timeoutMs };
  const shopFilePath = value('SHOPVOICE_SHOP_FILE');
  if (shopFilePath) settings.shopFilePath = shopFilePath;

  const missing: string[] = [];
  const required = (name: string) => {
    const v = value(name);
    if (!v) missing.push(name);
    return v ?? '';
  };
  if (kind === 'shopware') {
    const url = required('SHOPVOICE_SHOPWARE_URL');
    const accessKey = required('SHOPVOICE_SHOPWARE_ACCESS_KEY');
    if (!shopFilePath) missing.push('SHOPVOICE_SHOP_FILE');
    const de = value('SHOPVOICE_SHOPWARE_LANGUAGE_ID_DE');
    const en = value('SHOPVOICE_SHOPWARE_LANGUAGE_ID_EN');
    const methods = value('SHOPVOICE_SHOPWARE_BROWSERLESS_PAYMENT_METHODS');
    const faqPages = value('SHOPVOICE_SHOPWARE_FAQ_PAGES');
    settings.shopware = {
      url,
      accessKey,
      ...(de || en ? { languageIds: { ...(de ? { de } : {}), ...(en ? { en } : {}) } } : {}),
      ...(methods ? { browserlessPaymentMethods: methods.split(',').map((m) => m.trim()).filter(Boolean) } : {}),
      ...(faqPages ? { faqPages: cmsPageIds(faqPages) } : {}),
    };
  }
  if (kind === 'shopify') {
    settings.shopify = {
      storeDomain: required('SHOPVOICE_SHOPIFY_STORE_DOMAIN'),
      storefrontToken: required('SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN'),
      adminToken: required('SHOPVOICE_SHOPIFY_ADMIN_TOKEN'),
      customerAccountApiUrl: required('SHOPVOICE_SHOPIFY_CUSTOMER_ACCOUNT_API_URL'),
    };
    if (!shopFilePath) missing.push('SHOPVOICE_SHOP_FILE');
  }
  if (missing.length) throw new Error(`SHOPVOICE_SHOP=${kind} needs ${missing.join(', ')}`);
  return settings;
}

/** `topic:cmsPageId,…` → { topic: cmsPageId }; a Shopware id is 32 hex digits. */
function cmsPageIds(text: string): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const entry of commaList(text)) {
    const match = /^([A-Za-z0-9_-]+)\s*:\s*([0-9a-fA-F]{32})$/.exec(entry);
    if (!match) throw new Error(`SHOPVOICE_SHOPWARE_FAQ_PAGES has "${entry}"; each entry is topic-id:cms-page-id (32 hex digits)`);
    pages[match[1]!] = match[2]!.toLowerCase();
  }
  return pages;
}

/** A platform that may link accounts through shopvoice's OAuth server (`SHOPVOICE_OAUTH_CLIENTS`). */
export interface OAuthClient {
  /** The client id the platform sends (Alexa console: "Your Client ID"). */
  id: string;
  /** Shown on the login page: "Alexa möchte …". */
  name: string;
  /** SHA-256 of the client secret, 64 hex digits: the secret itself is never configured here. */
  secretSha256: string;
  /** The only redirect URIs codes are sent to, compared exactly. */
  redirectUris: string[];
}

export interface AccountLinkingSettings {
  /** Empty: account linking is off (it is on only with `SHOPVOICE_SHOP=shopware`). */
  clients: OAuthClient[];
  /**
   * `SHOPVOICE_OAUTH_CLIENT_IP_HEADER`: the header the TLS proxy in front puts the caller's address
   * in (e.g. `x-forwarded-for`, its last entry is taken); unset: the connection's address.
   */
  clientIpHeader?: string;
}

/**
 * Reads and checks \`SHOPVOICE_OAUTH_CLIENTS\`: a JSON array of
 * \`{ "id", "name"?, "secretSha256", "redirectUris": [https URLs] }\`. Only a Shopware shop links
 * accounts through shopvoice (Shopify has its own customer OAuth).
 *
 * @example readAccountLinkingSettings({ SHOPVOICE_SHOP: 'shopware', SHOPVOICE_OAUTH_CLIENTS: '[{"id":"alexa",…}]' })
 */
export function readAccountLinkingSettings(env: Env, kind: ShopKind): AccountLinkingSettings {
  const name = 'SHOPVOICE_OAUTH_CLIENTS';
  const fix = 'set it to a JSON array like [{"id":"alexa","name":"Alexa","secretSha256":"<sha256 hex of the secret>","redirectUris":["https://layla.amazon.com/api/skill/link/M…"]}] (docs/connect-shopware.md)';
  const text = env[name]?.trim();
  const header = env.SHOPVOICE_OAUTH_CLIENT_IP_HEADER?.trim().toLowerCase();
  if (header !== undefined && header !== '' && !/^[a-z0-9-]+$/.test(header)) throw new SettingError('SHOPVOICE_OAUTH_CLIENT_IP_HEADER', `is "${header}", not a header name`, 'use a header name such as x-forwarded-for, or leave it unset');
  const settings: AccountLinkingSettings = { clients: [], ...(header ? { clientIpHeader: header } : {}) };
  if (!text) return settings;
  if (kind !== 'shopware') throw new SettingError(name, `is set, but SHOPVOICE_SHOP is ${kind}`, 'shopvoice links accounts only for a Shopware shop; unset it, or set SHOPVOICE_SHOP=shopware');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SettingError(name, 'is not JSON', fix);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new SettingError(name, 'must be a non-empty JSON array of clients', fix);
  const seen = new Set<string>();
  settings.clients = parsed.map((entry: unknown, i) => {
    const c = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const where = `client ${i + 1}`;
    if (typeof c.id !== 'string' || !/^[A-Za-z0-9._~-]{1,100}$/.test(c.id)) throw new SettingError(name, `${where} needs an "id" of letters, digits and . _ ~ -`, fix);
    if (seen.has(c.id)) throw new SettingError(name, `names client "${c.id}" twice`, 'give each client its own id');
    seen.add(c.id);
    if (typeof c.secretSha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(c.secretSha256)) {
      throw new SettingError(name, `client "${c.id}" needs "secretSha256", the 64 hex digits of the secret's SHA-256`, 'compute it with: printf %s "$SECRET" | sha256sum');
    }
    const uris = c.redirectUris;
    if (!Array.isArray(uris) || uris.length === 0) throw new SettingError(name, `client "${c.id}" needs "redirectUris"`, fix);
    for (const uri of uris) {
      let url: URL | undefined;
      try { url = typeof uri === 'string' ? new URL(uri) : undefined; } catch { url = undefined; }
      if (!url || url.protocol !== 'https:' || url.hash || url.username || url.password || url.href !== uri) {
        throw new SettingError(name, `client "${c.id}" has redirect URI ${JSON.stringify(uri)}, not an absolute https URL as the platform shows it`, 'copy the redirect URLs exactly as the Alexa or Google console lists them');
      }
    }
    const display = typeof c.name === 'string' && c.name.trim() ? c.name.trim() : c.id;
    return { id: c.id, name: display, secretSha256: c.secretSha256.toLowerCase(), redirectUris: uris as string[] };
  });
  return settings;
}

/** Login with Amazon's base URL (the same variable `models upload` reads); the token path is appended. */
export const DEFAULT_LWA_URL = 'https://api.amazon.com';

/** Everything the notifications read from the environment . */
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

const commaList = (value: string | undefined) => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Reads the notification settings from an environment.
 *
 * @example const settings = readNotificationSettings(process.env);
 */
export function readNotificationSettings(env: Env): NotificationSettings {
  const locales = commaList(env.SHOPVOICE_ALEXA_EVENT_LOCALES);
  const sellerName = env.SHOPVOICE_ALEXA_SELLER_NAME?.trim() || 'Lindenhof Markt';
  const usedLocales = locales.length > 0 ? locales : [...ORDER_STATUS_LOCALES];
  const settings: NotificationSettings = {
    eventsUrl: env.SHOPVOICE_ALEXA_EVENTS_URL?.trim() || DEFAULT_EVENTS_URL,
    tokenUrl: `${(env.SHOPVOICE_LWA_URL?.trim() || DEFAULT_LWA_URL).replace(/\/+$/, '')}/auth/o2/token`,
    shopEventsSecrets: commaList(env.SHOPVOICE_SHOP_EVENTS_SECRET),
    shopId: env.SHOPVOICE_SHOP_ID?.trim() || 'default',
    sellerNames: Object.fromEntries(usedLocales.map((locale) => [locale, sellerName])),
    locales: usedLocales,
  };
  if (env.SHOPVOICE_ALEXA_CLIENT_ID?.trim()) settings.clientId = env.SHOPVOICE_ALEXA_CLIENT_ID.trim();
  if (env.SHOPVOICE_ALEXA_CLIENT_SECRET?.trim()) settings.clientSecret = env.SHOPVOICE_ALEXA_CLIENT_SECRET.trim();
  if (env.SHOPVOICE_STATE_URL?.trim()) settings.stateUrl = env.SHOPVOICE_STATE_URL.trim();
  return settings;
}

/**
 * A setting the server cannot start with: the message names the setting, what is wrong, and the
 * fix, so the CLI can print it as the one line of a failed start.
 *
 * @example throw new SettingError('PORT', 'must be a port number from 1 to 65535, got "70000"', 'set PORT to a free port such as 3000');
 */
export class SettingError extends Error {
  constructor(readonly setting: string, problem: string, fix: string) {
    super(`${setting} ${problem}: ${fix}.`);
    this.name = 'SettingError';
  }
}

const SWITCH_WORDS: Record<string, boolean> = { true: true, false: false, 1: true, 0: false, yes: true, no: false, on: true, off: false };

/** A boolean switch: `true/false`, `1/0`, `yes/no`, `on/off` in any case; blank keeps the default; anything else stops the start. */
function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  const word = value?.trim().toLowerCase() ?? '';
  if (word === '') return fallback;
  const on = SWITCH_WORDS[word];
  if (on === undefined) throw new SettingError(name, `is "${value}", not a switch`, 'use true or false (also 1/0, yes/no, on/off)');
  return on;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new SettingError(name, `must be a positive whole number, got "${value}"`, `set ${name} to a whole number of milliseconds, or leave it unset`);
  return n;
}

function port(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 3000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new SettingError('PORT', `must be a port number from 1 to 65535 (0: any free one), got "${value}"`, 'set PORT to a free port such as 3000, or leave it unset');
  return n;
}

/** A bind address: an IPv4/IPv6 literal or a host name, no port, no scheme. */
function host(value: string | undefined): string {
  const v = value?.trim();
  if (!v) return '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]{1,253}$/.test(v) || /^\d+$/.test(v)) throw new SettingError('SHOPVOICE_HOST', `is "${value}", not an address to bind`, 'use an address such as 127.0.0.1, 0.0.0.0 or ::, without port or scheme');
  return v;
}

function metricsToken(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (v.length < 16 || !/^[\x21-\x7e]+$/.test(v)) throw new SettingError('SHOPVOICE_METRICS_TOKEN', 'must be at least 16 printable characters without spaces', 'use a long random token, e.g. from openssl rand -hex 32, or leave it unset');
  return v;
}

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function logLevel(env: Env): string {
  const name = env.SHOPVOICE_LOG_LEVEL ? 'SHOPVOICE_LOG_LEVEL' : 'LOG_LEVEL';
  const value = (env.SHOPVOICE_LOG_LEVEL || env.LOG_LEVEL || 'info').trim().toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new SettingError(name, `is "${env[name]}", not a log level`, `use one of ${LOG_LEVELS.join(', ')}`);
  return value;
}

function addressForm(value: string | undefined): 'du' | 'sie' | undefined {
  const v = value?.trim().toLowerCase();
  if (!v) return undefined;
  if (v === 'du' || v === 'sie') return v;
  throw new SettingError('SHOPVOICE_ADDRESS', `is "${value}", not a form of address`, 'use du or sie, or leave it unset');
}

/** `id:secret,id:secret` → keys; a secret may contain colons. */
function sealKeys(value: string | undefined): SealKey[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    if (at <= 0 || at === entry.length - 1) throw new SettingError('SHOPVOICE_STATE_KEYS', 'needs entries like key-id:secret', 'set it to id:secret (at least 16 characters), the newest key first, separated by commas');
    const secret = entry.slice(at + 1);
    if (secret.length < 16) throw new SettingError('SHOPVOICE_STATE_KEYS', `has a secret shorter than 16 characters (key "${entry.slice(0, at)}")`, 'use a long random secret, e.g. from openssl rand -base64 32');
    return { id: entry.slice(0, at), secret };
  });
}

function shopSettings(env: Env): ShopSettings {
  try {
    return shopSettingsFromEnv(env);
  } catch (error) {
    throw new SettingError('SHOPVOICE_SHOP', `settings are incomplete (${(error as Error).message})`, 'see docs/connect-shopware.md or docs/connect-shopify.md');
  }
}

/** The default data folder: `$XDG_DATA_HOME/shopvoice`, else `~/.local/share/shopvoice`. */
export function defaultDataDir(env: Env = process.env): string {
  const base = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'shopvoice');
}

/**
 * Reads the configuration from the environment (default: process.env); a value it cannot use
 * throws a {@link SettingError}.
 *
 * @example const config = loadConfig({ PORT: '8080', SHOPVOICE_GOOGLE_AUTH: 'off' });
 */
export function loadConfig(env: Env = process.env): Config {
  return {
    port: port(env.PORT),
    host: host(env.SHOPVOICE_HOST),
    maxConnections: positiveInt('SHOPVOICE_MAX_CONNECTIONS', env.SHOPVOICE_MAX_CONNECTIONS, 1024),
    metricsToken: metricsToken(env.SHOPVOICE_METRICS_TOKEN),
    dataDir: resolve(env.SHOPVOICE_DATA_DIR || defaultDataDir(env)),
    alexa: {
      verify: flag('SHOPVOICE_ALEXA_VERIFY', env.SHOPVOICE_ALEXA_VERIFY, true),
      skillIds: (env.SHOPVOICE_ALEXA_SKILL_ID ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      extraRootsFile: env.SHOPVOICE_ALEXA_EXTRA_ROOTS || undefined,
    },
    google: {
      user: env.SHOPVOICE_GOOGLE_USER || undefined,
      password: env.SHOPVOICE_GOOGLE_PASSWORD || undefined,
      authOff: !flag('SHOPVOICE_GOOGLE_AUTH', env.SHOPVOICE_GOOGLE_AUTH, true),
    },
    shop: {
      apiUrl: env.SHOPVOICE_SHOP_API_URL || undefined,
      apiToken: env.SHOPVOICE_SHOP_API_TOKEN || undefined,
      timeoutMs: positiveInt('SHOPVOICE_SHOP_TIMEOUT_MS', env.SHOPVOICE_SHOP_TIMEOUT_MS, 1500),
      phone: env.SHOPVOICE_SHOP_PHONE || undefined,
      email: env.SHOPVOICE_SHOP_EMAIL || undefined,
      address: addressForm(env.SHOPVOICE_ADDRESS),
      settings: shopSettings(env),
    },
    state: {
      url: env.SHOPVOICE_STATE_URL?.trim() || undefined,
      keys: sealKeys(env.SHOPVOICE_STATE_KEYS),
    },
    consolePassword: env.SHOPVOICE_CONSOLE_PASSWORD || undefined,
    notifications: readNotificationSettings(env),
    accountLinking: readAccountLinkingSettings(env, shopSettings(env).kind),
    feedbackDays: positiveInt('SHOPVOICE_FEEDBACK_DAYS', env.SHOPVOICE_FEEDBACK_DAYS, 7),
    ...readHandoffWebhook(env),
    analytics: {
      record: flag('SHOPVOICE_ANALYTICS', env.SHOPVOICE_ANALYTICS, true),
      key: env.SHOPVOICE_ANALYTICS_KEY?.trim() || undefined,
      days: positiveInt('SHOPVOICE_ANALYTICS_DAYS', env.SHOPVOICE_ANALYTICS_DAYS, 90),
    },
    logLevel: logLevel(env),
    purchaseCode: flag('SHOPVOICE_PURCHASE_CODE', env.SHOPVOICE_PURCHASE_CODE, false),
  };
}

/**
 * The merchant's hand-off webhook: an http(s) URL and a signing secret of 16+ characters, both or
 * neither (a webhook without a secret could not be verified by the merchant).
 */
function readHandoffWebhook(env: Env): { handoffWebhook?: { url: string; secret: string } } {
  const url = env.SHOPVOICE_HANDOFF_WEBHOOK_URL?.trim();
  const secret = env.SHOPVOICE_HANDOFF_WEBHOOK_SECRET?.trim();
  if (!url && !secret) return {};
  if (!url) throw new SettingError('SHOPVOICE_HANDOFF_WEBHOOK_SECRET', 'is set without SHOPVOICE_HANDOFF_WEBHOOK_URL', 'set the URL the callback requests go to, or unset the secret');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SettingError('SHOPVOICE_HANDOFF_WEBHOOK_URL', `is "${url}", not a URL`, 'use https://your-shop.example/voice-callbacks');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new SettingError('SHOPVOICE_HANDOFF_WEBHOOK_URL', `is "${url}", not an http(s) URL`, 'use https://your-shop.example/voice-callbacks');
  if (!secret || secret.length < 16) throw new SettingError('SHOPVOICE_HANDOFF_WEBHOOK_SECRET', 'is missing or shorter than 16 characters', 'set a random secret of 16+ characters and give the same to the receiver');
  return { handoffWebhook: { url, secret } };
}

/** Settings of `shopvoice models upload`: platform credentials and API addresses, all optional here. */
export interface UploadConfig {
  alexa: {
    /** `SHOPVOICE_ALEXA_SKILL_ID`, split at commas (the request verifier may accept several). */
    skillIds: string[];
    /** Login with Amazon credentials of a security profile with SMAPI access. */
    lwaClientId?: string;
    lwaClientSecret?: string;
    lwaRefreshToken?: string;
    smapiUrl?: string;
    lwaUrl?: string;
  };
  dialogflow: {
    /** Service-account key: `SHOPVOICE_DIALOGFLOW_KEY_FILE`, else `GOOGLE_APPLICATION_CREDENTIALS`. */
    keyFile?: string;
    project?: string;
    apiUrl?: string;
    tokenUrl?: string;
    /** Put into the agent on upload instead of the template's placeholder. */
    webhookUrl?: string;
  };
}

/** The names `models upload` reports as missing; they are the variables {@link loadUploadConfig} reads. */
export const UPLOAD_ENV = {
  lwaClientId: 'SHOPVOICE_LWA_CLIENT_ID',
  lwaClientSecret: 'SHOPVOICE_LWA_CLIENT_SECRET',
  lwaRefreshToken: 'SHOPVOICE_LWA_REFRESH_TOKEN',
  skillId: 'SHOPVOICE_ALEXA_SKILL_ID',
  keyFile: 'SHOPVOICE_DIALOGFLOW_KEY_FILE',
  googleCredentials: 'GOOGLE_APPLICATION_CREDENTIALS',
  project: 'SHOPVOICE_DIALOGFLOW_PROJECT',
} as const;

/**
 * Reads the upload settings from the environment (default: process.env); blank values count
 * as unset.
 *
 * @example const { alexa } = loadUploadConfig(); if (!alexa.lwaRefreshToken) …
 */
export function loadUploadConfig(env: Env = process.env): UploadConfig {
  const text = (name: string): string | undefined => env[name]?.trim() || undefined;
  return {
    alexa: {
      skillIds: (text(UPLOAD_ENV.skillId) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      lwaClientId: text(UPLOAD_ENV.lwaClientId),
      lwaClientSecret: text(UPLOAD_ENV.lwaClientSecret),
      lwaRefreshToken: text(UPLOAD_ENV.lwaRefreshToken),
      smapiUrl: text('SHOPVOICE_SMAPI_URL'),
      lwaUrl: text('SHOPVOICE_LWA_URL'),
    },
    dialogflow: {
      keyFile: text(UPLOAD_ENV.keyFile) ?? text(UPLOAD_ENV.googleCredentials),
      project: text(UPLOAD_ENV.project),
      apiUrl: text('SHOPVOICE_DIALOGFLOW_URL'),
      tokenUrl: text('SHOPVOICE_GOOGLE_TOKEN_URL'),
      webhookUrl: text('SHOPVOICE_DIALOGFLOW_WEBHOOK_URL'),
    },
  };
}
