import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';
import type { Locale } from '../domain/turn.js';

/** `locales/` sits two folders above this file both in `src/i18n/` and in `dist/i18n/`. */
export const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'locales');

type Resources = Record<string, { translation: Record<string, unknown> }>;

/** Reads every `locales/<lng>/*.json` file into one translation namespace per language. */
export function readLocaleFiles(dir = LOCALES_DIR): Resources {
  const resources: Resources = {};
  for (const lng of readdirSync(dir).sort()) {
    const translation: Record<string, unknown> = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json')).sort()) {
      Object.assign(translation, JSON.parse(readFileSync(join(dir, lng, file), 'utf8')));
    }
    resources[lng] = { translation };
  }
  return resources;
}

let instance: i18n | undefined;

/** i18next, initialised once per process (synchronously: resources are in memory). */
export function speechCatalog(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: readLocaleFiles(),
    lng: 'en',
    fallbackLng: { 'en-GB': ['en'], 'en-US': ['en'], 'de-DE': ['de'], default: ['en'] },
    load: 'all',
    initAsync: false,
    returnNull: false,
    // Values are escaped for SSML by speech.ts, never by i18next (it would HTML-escape text too).
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  instance = created;
  return created;
}

/** How German speech addresses the customer: informal "du" (the default) or formal "Sie". */
export type AddressForm = 'du' | 'sie';

const translators = new Map<string, TFunction>();

/**
 * The fixed `t` of a locale and address form, one each for the life of the process: `say()`
 * keeps rendered templates per translator, so a new one per turn would render every text again.
 * The formal form is i18next's context `formal`: a key `x_formal` wins over `x` where it exists
 * (German texts that address the customer), every other text is shared.
 */
export function translatorFor(locale: Locale, address: AddressForm = 'du'): TFunction {
  const id = `${locale} ${address}`;
  let t = translators.get(id);
  if (!t) {
    const fixed = speechCatalog().getFixedT(locale);
    t = address === 'du' ? fixed : (((key: string, options?: Record<string, unknown>) => fixed(key, { context: 'formal', ...options })) as unknown as TFunction);
    translators.set(id, t);
  }
  return t;
}
