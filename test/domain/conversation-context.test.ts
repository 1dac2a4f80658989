// Issue 14: the domain keeps what the conversation is about in the session state and reads
// follow-ups against it; issue 13 §2: a phrase of another intent in the product slot is
// answered as that intent. Real embedded shop, explicit instants.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger, type DomainDeps } from '../../src/domain/deps.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { Locale, SessionState, SlotValue, VoiceReply } from '../../src/domain/turn.js';
import { openSqliteStateStore, type SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const MONDAY = '2026-11-23T11:00:00+01:00';

describe('conversation context in the domain', () => {
  let dataDir: string;
  let commerce: EmbeddedShop;
  let state: SqliteStateStore;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-context-'));
    commerce = await openEmbeddedShop({ dataDir, now: () => new Date(MONDAY) });
    state = openSqliteStateStore(dataDir);
  });
  after(async () => {
    await commerce.close();
    state.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function turn(intent: string, o: { slots?: Record<string, SlotValue>; session?: SessionState; locale?: Locale; account?: string; now?: string; deps?: Partial<DomainDeps> } = {}): Promise<VoiceReply> {
    return handleTurn({
      platform: 'alexa', locale: o.locale ?? 'de-DE', kind: 'intent', intent, slots: o.slots ?? {}, confirmation: 'NONE',
      user: { id: 'context-test', ...(o.account ? { accessToken: o.account } : {}) },
      session: { id: 'context-session', isNew: false, state: o.session ?? {} },
      now: DateTime.fromISO(o.now ?? MONDAY),
    }, { commerce, state, log: silentLogger, ...o.deps });
  }

  test('the shop\'s address form: "Sie" throughout when the config says so, "du" by default', async () => {
    const informal = await turn('ProductLookupIntent', { slots: { product: {} } });
    assert.equal(informal.speech?.text, 'Welches Produkt suchst du?');
    const formal = await turn('ProductLookupIntent', { slots: { product: {} }, deps: { addressForm: 'sie' } });
    assert.equal(formal.speech?.text, 'Welches Produkt suchen Sie?');
    const late = await turn('OrderStatusIntent', { account: 'demo-token-anna', now: '2026-11-26T10:00:00+01:00', deps: { addressForm: 'sie' } });
    assert.equal(late.speech?.text, 'Ihre Bestellung 10042 sollte schon am 24. November angekommen sein. Soll ich Sie mit dem Kundenservice verbinden?');
    // English has one form.
    const en = await turn('ProductLookupIntent', { slots: { product: {} }, locale: 'en-GB', deps: { addressForm: 'sie' } });
    assert.equal(en.speech?.text, 'Which product are you looking for?');
  });

  test('the product talked about, the store and the day are kept across other questions', async () => {
    const product = await turn('ProductLookupIntent', { slots: { product: { value: 'bio hafermilch', id: 'P-1001' } } });
    assert.equal(product.state.product, 'P-1001');
    const hours = await turn('StoreHoursIntent', { slots: { store: { value: 'köln' }, day: { value: '2026-11-28' } }, session: product.state });
    assert.deepEqual([hours.state.product, hours.state.store, hours.state.day], ['P-1001', 'S-CGN', '2026-11-28']);
    const back = await turn('ProductLookupIntent', { slots: { product: { value: 'was kostet die' } }, session: hours.state });
    assert.match(back.speech!.text, /^Die Bio-Hafermilch 1 l kostet 1,49 €/);
  });

  test('a variant follow-up needs every word to name a value of the family; anything else is a new search', async () => {
    const shoe = await turn('ProductLookupIntent', { slots: { product: { value: 'air zoom', id: 'P-4003' } } });
    const black = await turn('ProductLookupIntent', { slots: { product: { value: 'und in schwarz' } }, session: shoe.state });
    assert.match(black.speech!.text, /^Der Laufschuh Air Zoom schwarz Größe 42 kostet/);
    const tea = await turn('ProductLookupIntent', { slots: { product: { value: 'grüner tee' } }, session: shoe.state });
    // After the article the adjective takes its weak form: "Der Grüne Tee", not "Der Grüner Tee".
    assert.match(tea.speech!.text, /^Der Grüne Tee 20 Beutel kostet 2,19 €/);
    assert.doesNotMatch(tea.speech!.text, /Laufschuh/);
  });

  test('a pronoun without anything to point back at is searched, not answered with a random product', async () => {
    const reply = await turn('ProductLookupIntent', { slots: { product: { value: 'sie' } } });
    assert.doesNotMatch(reply.speech!.text, /kostet/);
  });

  test('several open orders: "die zweite" picks the second one offered', async () => {
    const asked = await turn('OrderStatusIntent', { account: 'demo-token-felix' });
    assert.deepEqual(asked.state.orders, ['10040', '10038']);
    assert.deepEqual(asked.dialog, { type: 'elicit-slot', intent: 'OrderStatusIntent', slot: 'orderNumber' });
    const second = await turn('OrderStatusIntent', { account: 'demo-token-felix', slots: { orderNumber: { value: 'die zweite' } }, session: asked.state });
    assert.match(second.speech!.text, /^Deine Bestellung 10038 ist mit Hermes unterwegs/);
  });

  test('"wie bitte" repeats the open question and keeps it open; a misunderstood turn re-asks it', async () => {
    const question = await turn('ReorderIntent', { account: 'demo-token-anna' });
    const again = await turn('AMAZON.RepeatIntent', { account: 'demo-token-anna', session: question.state });
    assert.equal(again.speech?.text, question.speech?.text);
    assert.deepEqual(again.state.pending, question.state.pending);
    assert.deepEqual(again.dialog, { type: 'confirm-intent', intent: 'ReorderIntent' });
    const misheard = await turn('AMAZON.FallbackIntent', { account: 'demo-token-anna', session: again.state });
    assert.equal(misheard.speech?.text, 'Entschuldigung, das habe ich nicht verstanden. Soll ich das so bestellen?');
    assert.deepEqual(misheard.state.pending, question.state.pending);
    const no = await turn('AMAZON.NoIntent', { account: 'demo-token-anna', session: misheard.state });
    assert.match(no.speech!.text, /^In Ordnung, ich bestelle nichts\./);
    const nothing = await turn('AMAZON.RepeatIntent', {});
    assert.equal(nothing.speech?.text, 'Ich habe noch nichts gesagt. Was möchtest du wissen?');
  });

  test('phrases of other intents in the product slot are answered as those intents', async () => {
    const cases: Array<[string, Locale, RegExp]> = [
      ['der versand', 'de-DE', /^Der Versand kostet 4,95 Euro/],
      ['versandkosten', 'de-DE', /^Der Versand kostet 4,95 Euro/],
      ['shipping', 'en-US', /^Shipping costs 4\.95 euros/],
      ['mein paket', 'de-DE', /^Deine Bestellung 10042/],
      ['my parcel', 'en-GB', /^Your order 10042/],
      ['mit einem menschen', 'de-DE', /^Gern bringe ich dich zu unserem Kundenservice/],
      ['offen', 'de-DE', /^Lindenhof Markt München hat gerade geöffnet/],
      ['öffnungszeiten', 'de-DE', /^Lindenhof Markt München hat gerade geöffnet/],
      ['heute auf', 'de-DE', /^Lindenhof Markt München hat gerade geöffnet/],
      ['morgen auf in berlin', 'de-DE', /^Morgen hat Lindenhof Markt Berlin von 9 bis 20 Uhr geöffnet/],
    ];
    for (const [spoken, locale, expected] of cases) {
      const reply = await turn('ProductLookupIntent', { slots: { product: { value: spoken } }, locale, account: 'demo-token-anna' });
      assert.match(reply.speech!.text, expected, `${spoken}: ${reply.speech!.text}`);
      assert.notEqual(reply.handledAs, 'ProductLookupIntent', spoken);
    }
    // Words that only look like it stay products: "Zucker" is not "zu", "Aufsteckbürsten" not "auf".
    const sugar = await turn('ProductLookupIntent', { slots: { product: { value: 'zucker' } } });
    assert.match(sugar.speech!.text, /^Der Zucker 1 kg kostet/);
  });
});
