import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The only reader of process.env. Every setting has a default that serves the embedded demo
 * shop; only real platform secrets have none.
 */
export interface Config {
  /** HTTP port; 0 takes any free one. */
  port: number;
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
  };
  logLevel: string;
}

type Env = Record<string, string | undefined>;

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
    },
    logLevel: logLevel(env),
  };
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
