// Issue 15, "Money as read back": the key is the server's, the total placed is the total read back,
// and a placement whose answer was lost is settled, never ordered a second time. Real embedded
// shop and state file; the shop's slowness is a wrapper around the real shop.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Commerce } from '../../src/catalog/commerce.js';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger } from '../../src/domain/deps.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { Confirmation, SessionState, TurnKind, VoiceReply } from '../../src/domain/turn.js';
import { openSqliteStateStore, type SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const SUNDAY = '2026-11-22T10:00:00+01:00';
const ANNA = 'demo-token-anna';

describe('a reorder is placed only as read back', () => {
  let dataDir: string;
  let shop: EmbeddedShop;
  let state: SqliteStateStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-integrity-'));
    shop = await openEmbeddedShop({ dataDir, now: () => new Date(SUNDAY) });
    state = openSqliteStateStore(dataDir, { now: () => new Date(SUNDAY) });
  });
  afterEach(async () => {
    await shop.close();
    state.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const orderCount = () => {
    const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  async function turn(o: { intent?: string; kind?: TurnKind; session: string; state?: SessionState; confirmation?: Confirmation; now?: string; commerce?: Commerce }): Promise<VoiceReply> {
    return handleTurn({
      platform: 'alexa', locale: 'de-DE', kind: o.kind ?? 'intent', intent: o.intent ?? 'ReorderIntent', slots: {}, confirmation: o.confirmation ?? 'NONE',
      user: { id: 'amzn1.ask.account.ANNA', accessToken: ANNA },
      session: { id: o.session, isNew: false, state: o.state ?? {} },
      now: DateTime.fromISO(o.now ?? SUNDAY),
    }, { commerce: o.commerce ?? shop, state, log: silentLogger });
  }

  test('a price that changed after the read-back: nothing is placed, the new basket is read back and asked again', async () => {
    const offer = await turn({ session: 's1' });
    assert.equal(offer.state.pending?.kind, 'reorder');
    const before = orderCount();
    const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
    db.prepare("UPDATE products SET price_cents = price_cents + 100 WHERE id = 'P-1001'").run();
    db.close();
    const yes = await turn({ session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    assert.equal(orderCount(), before, 'nothing placed');
    assert.match(yes.speech!.text, /^Seit ich dir die Bestellung vorgelesen habe, hat sich etwas geändert\. Deine letzte Bestellung 10042 .* Soll ich das so bestellen\?$/);
    assert.equal(yes.endSession, false);
    const pending = yes.state.pending;
    assert.ok(pending?.kind === 'reorder' && offer.state.pending?.kind === 'reorder');
    assert.equal(pending.totalCents, offer.state.pending.totalCents + 200, 'two oat milks, one euro each dearer');
    const again = await turn({ session: 's1', state: yes.state, confirmation: 'CONFIRMED' });
    assert.match(again.speech!.text, /^Erledigt! Deine Bestellung 10045/);
    assert.equal(orderCount(), before + 1);
  });

  test('the key comes from the server: a repeated "ja" in one session places once; another session offers afresh', async () => {
    const offer = await turn({ session: 's1' });
    const before = orderCount();
    await turn({ session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    const twice = await turn({ session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    assert.match(twice.speech!.text, /schon aufgegeben, sie hat die Nummer 10045/);
    assert.equal(orderCount(), before + 1);
    // A client that sends a key of its own changes nothing: the state has no such field.
    const forgedKey = { pending: { ...offer.state.pending, key: 'reorder:someone-elses-key' } } as unknown as SessionState;
    const third = await turn({ session: 's1', state: forgedKey, confirmation: 'CONFIRMED' });
    assert.match(third.speech!.text, /schon aufgegeben, sie hat die Nummer 10045/);
  });

  test('a placement whose answer was lost is not ordered again: the next session hears it went through', async () => {
    const slow: Commerce = Object.assign(Object.create(shop) as Commerce, {
      async placeReorder(customerId: string, orderNumber: string, key: string) {
        await shop.placeReorder(customerId, orderNumber, key);
        throw new ShopError('SHOP_UNAVAILABLE');
      },
    });
    const offer = await turn({ session: 's1' });
    const before = orderCount();
    const yes = await turn({ session: 's1', state: offer.state, confirmation: 'CONFIRMED', commerce: slow });
    assert.match(yes.speech!.text, /weiß ich noch nicht, ob deine Bestellung eingegangen ist/);
    assert.equal(orderCount(), before + 1, 'the shop did place it');

    // The next session, a minute later: the launch settles it, and a reorder is not offered twice.
    const later = '2026-11-22T10:01:00+01:00';
    const launch = await turn({ kind: 'launch', session: 's2', now: later });
    assert.match(launch.speech!.text, /^Übrigens: Deine Bestellung 10045 ist doch eingegangen\./);
    const again = await turn({ session: 's2', now: later });
    assert.match(again.speech!.text, /Deine letzte Bestellung 10045/, 'the basket offered now is the one just placed');
    assert.equal(orderCount(), before + 1);
  });

  test('a lost placement that the shop never received is released, so the basket can be offered again', async () => {
    const down: Commerce = Object.assign(Object.create(shop) as Commerce, {
      async placeReorder() {
        throw new ShopError('SHOP_UNAVAILABLE');
      },
    });
    const offer = await turn({ session: 's1' });
    await turn({ session: 's1', state: offer.state, confirmation: 'CONFIRMED', commerce: down });
    const later = '2026-11-22T10:01:00+01:00';
    const launch = await turn({ kind: 'launch', session: 's2', now: later });
    assert.doesNotMatch(launch.speech!.text, /Übrigens/);
    assert.deepEqual(await state.unfinishedReorders('amzn1.ask.account.ANNA', new Date('2026-11-22T10:00:00Z')), []);
    const offered = await turn({ session: 's2', now: later });
    assert.match(offered.speech!.text, /Deine letzte Bestellung 10042/);
  });
});
