// Property: whatever a customer's slot text contains (markup, entities, controls, lone surrogate
// halves, noncharacters, emoji cut in half), the speech is well-formed XML made of XML characters.
// Slot text reaches speech in not-found answers, store names and FAQ topics; each is driven through
// the real domain and shop.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { DateTime } from 'luxon';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger } from '../../src/domain/deps.js';
import { cleanSpokenText } from '../../src/domain/speech.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { Locale, Speech } from '../../src/domain/turn.js';
import { openSqliteStateStore, type SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { seededRandom } from '../support/seeded-random.js';

/** XML 1.0's `Char` production: everything else makes a document ill-formed. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const PIECES = ['<', '>', '&', '&amp;', '"', "'", '</speak>', '<break time="99s"/>', ']]>', '\uD800', '\uDFFF', '\uFFFF', '\uFFFE',
  '\u0000', '\u0007', '\u001B', '\u200B', '\uFDD0', '😀', '😀'.slice(0, 1), '\u{10FFFF}', 'ä', 'ß', 'milch', ' ', '\t', '\u0085'];

let dataDir: string;
let shop: EmbeddedShop;
let state: SqliteStateStore;
before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-ssml-'));
  shop = await openEmbeddedShop({ dataDir });
  state = openSqliteStateStore(dataDir);
});
after(async () => {
  await shop.close();
  state.close();
  await rm(dataDir, { recursive: true, force: true });
});

function wellFormed(speech: Speech | undefined, what: string): void {
  if (!speech) return;
  const doc = `<speak>${speech.ssml}</speak>`;
  assert.ok(XML_CHARS.test(doc), `${what}: a character XML does not allow in ${JSON.stringify(doc)}`);
  assert.equal(XMLValidator.validate(doc), true, `${what}: not well-formed: ${JSON.stringify(doc)}`);
}

test('500 random slot texts through product, store and FAQ answers: the SSML is always well-formed', async () => {
  const random = seededRandom(15);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < 500; i += 1) {
    const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pick(PIECES)).join('');
    const locale = pick<Locale>(['de-DE', 'en-US', 'en-GB']);
    for (const [intent, slot] of [['ProductLookupIntent', 'product'], ['StoreHoursIntent', 'store'], ['ShopFaqIntent', 'topic']] as const) {
      const reply = await handleTurn({
        platform: 'alexa', locale, kind: 'intent', intent, slots: { [slot]: { value: text } }, confirmation: 'NONE',
        user: { id: 'ssml-property' }, session: { id: `s${i}`, isNew: false, state: {} },
        now: DateTime.fromISO('2026-11-24T10:00:00+01:00'),
      }, { commerce: shop, state, log: silentLogger });
      wellFormed(reply.speech, `${intent} ${JSON.stringify(text)}`);
      wellFormed(reply.reprompt, `${intent} reprompt ${JSON.stringify(text)}`);
    }
  }
});

test('a cut at the length cap never leaves half of an emoji behind', () => {
  const cut = cleanSpokenText(`${'a'.repeat(199)}😀😀`, 200);
  assert.equal(cut, 'a'.repeat(199) + '😀');
  assert.ok(XML_CHARS.test(cut));
});
