import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger } from '../../src/domain/deps.js';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { ERROR_CODES } from '../../src/catalog/shop-error.js';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { readLocaleFiles, translatorFor } from '../../src/i18n/i18n.js';
import { SUPPORTED_LOCALES } from '../../src/domain/turn.js';

const resources = readLocaleFiles();

function flatten(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatten(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]);
}

function keysOf(lng: string): Set<string> {
  return new Set(flatten(resources[lng]!.translation));
}

/** A key exists when it or its plural forms do. */
function has(keys: Set<string>, key: string): boolean {
  return keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);
}

/** Every literal key the domain renders: speak(ctx, 'a.b'), t('a.b'), say(t, 'a.b'). */
function keysUsedInDomain(): string[] {
  const dir = join('src', 'domain');
  const used = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/(?:speak\(ctx,|\bt\(|ctx\.t\()\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]!);
  }
  return [...used].sort();
}

/** A key without its formal-address context: German alone has `x_formal` beside `x`. */
const informal = (key: string) => key.replace(/_formal(?=_|$)/, '');

test('German and English locale files hold the same keys (German adds formal forms of its own keys only)', () => {
  const de = [...keysOf('de')];
  assert.deepEqual([...new Set(de.map(informal))].sort(), [...keysOf('en')].sort());
  assert.deepEqual(de.filter((k) => k !== informal(k) && !keysOf('de').has(informal(k)) && !has(keysOf('de'), informal(k).replace(/_(one|other)$/, ''))), []);
  assert.deepEqual([...keysOf('en')].filter((k) => k.includes('_formal')), []);
});

test('every text key the domain uses exists in every language', () => {
  const used = keysUsedInDomain();
  assert.ok(used.length > 40, `expected many keys, found ${used.length}`);
  for (const lng of ['de', 'en']) {
    const keys = keysOf(lng);
    const missing = used.filter((k) => !has(keys, k));
    assert.deepEqual(missing, [], `${lng} misses ${missing.join(', ')}`);
  }
});

test('every error code, order status, date form and example has a text in every language', () => {
  const families = [
    ...Object.keys(ERROR_CODES).map((c) => `errors.${c}`),
    ...['received', 'in_progress', 'cancelled', 'shipped', 'delivered'].map((s) => `order.${s}`),
    ...['today', 'tomorrow', 'dayAfterTomorrow', 'yesterday', 'onWeekday', 'onDate'].map((d) => `dates.${d}`),
    ...[0, 1, 2, 3].map((i) => `examples.${i}`),
    ...['l', 'kg', 'm', 'piece'].map((u) => `units.${u}`),
  ];
  for (const lng of ['de', 'en']) {
    const keys = keysOf(lng);
    assert.deepEqual(families.filter((k) => !has(keys, k)), [], lng);
  }
});

test('every shared intent is answered with a text of its own or a handler in every locale', async (t) => {
  const { handleTurn } = await import('../../src/domain/handle-turn.js');
  for (const locale of SUPPORTED_LOCALES) {
    const tr = translatorFor(locale);
    for (const key of ['launch.welcome', 'help.text', 'goodbye', 'fallback.notUnderstood', 'handoff.intro']) {
      const text = String(tr(key, { shop: 'X' }));
      assert.notEqual(text, key, `${locale} renders ${key}`);
    }
  }
  assert.ok(SHARED_INTENT_NAMES.length >= 13);

  // Each shared intent, through the domain's one entry on the real demo shop: it speaks a text
  // from the locale files, never nothing and never a bare key.
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-locales-'));
  const commerce = await openEmbeddedShop({ dataDir });
  const state = openSqliteStateStore(dataDir);
  t.after(async () => {
    await commerce.close();
    state.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const keyLike = /^[a-z]+(\.[A-Za-z_]+)+$/;
  for (const locale of SUPPORTED_LOCALES) {
    for (const intent of SHARED_INTENT_NAMES) {
      const reply = await handleTurn({
        platform: 'alexa', locale, kind: 'intent', intent, slots: {}, confirmation: 'NONE',
        user: { id: 'locale-test', accessToken: 'demo-token-anna' },
        session: { id: `locales-${locale}-${intent}`, isNew: false, state: {} },
        now: DateTime.fromISO('2026-11-23T11:00:00+01:00'),
      }, { commerce, state, log: silentLogger });
      const text = reply.speech?.text ?? '';
      assert.ok(text.length > 0, `${locale} ${intent} says something`);
      assert.ok(!keyLike.test(text) && !/\b(errors|product|order|hours|reorder)\.[a-zA-Z_]+\b/.test(text), `${locale} ${intent}: "${text}"`);
    }
  }
});

test('English texts for en-GB come from en, German for de-DE from de', () => {
  assert.match(String(translatorFor('en-GB')('goodbye')), /Goodbye/);
  assert.match(String(translatorFor('de-DE')('goodbye')), /Bis bald/);
});
