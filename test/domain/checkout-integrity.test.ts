// Issue 17, "Cart and checkout by voice": the cart is ordered only as read back — the total placed
// is the total confirmed, the key is the server's, and a purchase code (where the shop asks for
// one) comes before any order. Real embedded shop, state and purchase code files.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Commerce } from '../../src/catalog/commerce.js';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { silentLogger } from '../../src/domain/deps.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { Confirmation, SessionState, SlotValue, VoiceReply } from '../../src/domain/turn.js';
import { openSqlitePurchaseCodes } from '../../src/state/purchase-code-sqlite.js';
import type { PurchaseCodeStore } from '../../src/state/purchase-code-store.js';
import { openSqliteStateStore, type SqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { seededRandom } from '../support/seeded-random.js';

const SUNDAY = '2026-11-22T10:00:00+01:00';
const ANNA = 'demo-token-anna';

describe('the cart is ordered only as read back', () => {
  let dataDir: string;
  let shop: EmbeddedShop;
  let state: SqliteStateStore;
  let codes: PurchaseCodeStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-checkout-'));
    shop = await openEmbeddedShop({ dataDir, now: () => new Date(SUNDAY) });
    state = openSqliteStateStore(dataDir, { now: () => new Date(SUNDAY) });
    codes = openSqlitePurchaseCodes(dataDir, { now: () => new Date(SUNDAY) });
  });
  afterEach(async () => {
    await shop.close();
    state.close();
    codes.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const withShop = <T>(fn: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  const orderCount = () => withShop((db) => (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n);

  interface TurnInput {
    intent: string;
    session: string;
    state?: SessionState;
    slots?: Record<string, SlotValue>;
    confirmation?: Confirmation;
    commerce?: Commerce;
    withCodes?: boolean;
    locale?: 'de-DE' | 'en-US';
  }
  function turn(o: TurnInput): Promise<VoiceReply> {
    return handleTurn({
      platform: 'alexa', locale: o.locale ?? 'de-DE', kind: 'intent', intent: o.intent, slots: o.slots ?? {}, confirmation: o.confirmation ?? 'NONE',
      user: { id: 'amzn1.ask.account.ANNA', accessToken: ANNA },
      session: { id: o.session, isNew: false, state: o.state ?? {} },
      now: DateTime.fromISO(SUNDAY),
    }, { commerce: o.commerce ?? shop, state, log: silentLogger, ...(o.withCodes ? { purchaseCodes: codes } : {}) });
  }
  const add = (session: string, productId: string, quantity: number) =>
    turn({ intent: 'AddToCartIntent', session, slots: { product: { id: productId, value: 'x' }, quantity: { value: String(quantity) } } });

  test('a price that changed after the read-back: nothing is placed, the new cart is read back and asked again', async () => {
    await add('s1', 'P-1001', 2);
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1' });
    assert.deepEqual(offer.state.pending, { kind: 'checkout', totalCents: 793 });
    withShop((db) => db.prepare("UPDATE products SET price_cents = price_cents + 100 WHERE id = 'P-1001'").run());
    const before = orderCount();
    const yes = await turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    assert.equal(orderCount(), before, 'nothing placed');
    assert.match(yes.speech!.text, /^Seit ich dir den Warenkorb vorgelesen habe, hat sich etwas geändert, deshalb habe ich noch nichts bestellt\. Dein Warenkorb bei Lindenhof Markt: 2 mal Bio-Hafermilch 1 l\..* Zusammen 9,93 €.* Soll ich das so bestellen\?$/);
    assert.deepEqual(yes.state.pending, { kind: 'checkout', totalCents: 993 });
    const again = await turn({ intent: 'AMAZON.YesIntent', session: 's1', state: yes.state });
    assert.match(again.speech!.text, /^Erledigt! Deine Bestellung 10045 bei Lindenhof Markt über 9,93 € ist eingegangen\./);
    assert.equal(orderCount(), before + 1);
  });

  test('the shop refuses a total that moved between the new quote and the placement (CART_CHANGED): nothing placed, asked again', async () => {
    await add('s1', 'P-1001', 2);
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1' });
    const racing: Commerce = Object.assign(Object.create(shop) as Commerce, {
      async placeCart(customerId: string, key: string, total: number) {
        withShop((db) => db.prepare("UPDATE products SET price_cents = 199 WHERE id = 'P-1001'").run());
        return shop.placeCart!(customerId, key, total);
      },
    });
    const before = orderCount();
    const yes = await turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED', commerce: racing });
    assert.equal(orderCount(), before);
    assert.match(yes.speech!.text, /hat sich etwas geändert.*Zusammen 8,93 €/);
    assert.deepEqual(yes.state.pending, { kind: 'checkout', totalCents: 893 });
    // The claim was released: the new total can be confirmed and placed.
    const again = await turn({ intent: 'CheckoutIntent', session: 's1', state: yes.state, confirmation: 'CONFIRMED' });
    assert.match(again.speech!.text, /^Erledigt!/);
  });

  test('an item sold out since it was added is said and left out; the total is what can be delivered', async () => {
    await add('s1', 'P-1001', 2);
    await add('s1', 'P-1016', 1);
    withShop((db) => db.prepare("UPDATE products SET stock = 0 WHERE id = 'P-1016'").run());
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1' });
    assert.match(offer.speech!.text, /Dein Warenkorb bei Lindenhof Markt: 2 mal Bio-Hafermilch 1 l\. Nicht lieferbar ist Bio-Bananen 1 kg, das lasse ich weg\./);
    assert.deepEqual(offer.state.pending, { kind: 'checkout', totalCents: 793 });
    const contents = await turn({ intent: 'CartContentsIntent', session: 's1' });
    assert.match(contents.speech!.text, /Nicht lieferbar ist gerade Bio-Bananen 1 kg\./);
    await turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    const left = await turn({ intent: 'CartContentsIntent', session: 's1' });
    assert.match(left.speech!.text, /Nicht lieferbar ist gerade Bio-Bananen 1 kg\./, 'the sold-out line stays in the cart');
  });

  test('a repeated and a concurrent "ja" place one order; a "ja" without a read-back places none', async () => {
    await add('s1', 'P-1001', 2);
    const first = orderCount();
    const stray = await turn({ intent: 'AMAZON.YesIntent', session: 's1' });
    assert.doesNotMatch(stray.speech!.text, /Erledigt/);
    assert.equal(orderCount(), first);
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1' });
    const before = orderCount();
    const answers = await Promise.all([1, 2, 3, 4].map(() => turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED' })));
    assert.equal(answers.filter((a) => /^Erledigt!/.test(a.speech!.text)).length, 1);
    const later = await turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED' });
    assert.match(later.speech!.text, /schon aufgegeben, sie hat die Nummer 10045/);
    assert.equal(orderCount(), before + 1);
  });

  test('a shop without a cart says so', async () => {
    const { cart: _c, addToCart: _a, removeFromCart: _r, placeCart: _p, ...rest } = shop as unknown as Record<string, unknown>;
    const noCart = Object.assign(Object.create(Object.getPrototypeOf(shop)), rest) as Commerce;
    const reply = await turn({ intent: 'CartContentsIntent', session: 's1', commerce: noCart });
    assert.match(reply.speech!.text, /Einkaufen per Sprache bietet dieser Shop leider nicht an/);
  });

  test('with a purchase code set, "ja" asks for it; wrong codes are counted per session and the third locks ordering', async () => {
    await codes.setCode('C-1001', '4711', new Date(SUNDAY));
    await add('s1', 'P-1001', 2);
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1', withCodes: true });
    const yes = await turn({ intent: 'CheckoutIntent', session: 's1', state: offer.state, confirmation: 'CONFIRMED', withCodes: true });
    assert.equal(yes.speech!.text, 'Bitte sag deinen vierstelligen Kaufcode.');
    assert.deepEqual(yes.dialog, { type: 'elicit-slot', intent: 'PurchaseCodeIntent', slot: 'code' });
    const before = orderCount();
    let pending = yes.state;
    for (const [i, wrong] of ['1111', '2222', '3333'].entries()) {
      const reply = await turn({ intent: 'PurchaseCodeIntent', session: 's1', state: pending, slots: { code: { value: wrong } }, withCodes: true });
      assert.doesNotMatch(reply.speech!.text, new RegExp(`${wrong}|4711`), 'no code is ever said');
      if (i < 2) assert.match(reply.speech!.text, /Der Kaufcode stimmt nicht/);
      else assert.match(reply.speech!.text, /in dieser Sitzung deshalb gesperrt/);
      pending = reply.state;
    }
    // Even the right code, even with the old pending question replayed, places nothing now.
    const replay = await turn({ intent: 'PurchaseCodeIntent', session: 's1', state: yes.state, slots: { code: { value: '4711' } }, withCodes: true });
    assert.match(replay.speech!.text, /gesperrt/);
    assert.equal(orderCount(), before);
    // Another session is not locked.
    const fresh = await turn({ intent: 'CheckoutIntent', session: 's2', withCodes: true });
    const yes2 = await turn({ intent: 'AMAZON.YesIntent', session: 's2', state: fresh.state, withCodes: true });
    const right = await turn({ intent: 'PurchaseCodeIntent', session: 's2', state: yes2.state, slots: { code: { value: '4711' } }, withCodes: true });
    assert.match(right.speech!.text, /^Erledigt!/);
    assert.equal(orderCount(), before + 1);
  });

  test('"ja" cannot stand in for the code, and a code without a confirmed order places nothing', async () => {
    await codes.setCode('C-1001', '4711', new Date(SUNDAY));
    await add('s1', 'P-1001', 2);
    const offer = await turn({ intent: 'CheckoutIntent', session: 's1', withCodes: true });
    const yes = await turn({ intent: 'AMAZON.YesIntent', session: 's1', state: offer.state, withCodes: true });
    const yesAgain = await turn({ intent: 'AMAZON.YesIntent', session: 's1', state: yes.state, withCodes: true });
    assert.equal(yesAgain.speech!.text, 'Der Kaufcode hat vier Ziffern.');
    const before = orderCount();
    const early = await turn({ intent: 'PurchaseCodeIntent', session: 's1', state: offer.state, slots: { code: { value: '4711' } }, withCodes: true });
    assert.match(early.speech!.text, /keine Bestellung, für die ich einen Kaufcode brauche/);
    assert.equal(orderCount(), before);
    const spoken = await turn({ intent: 'PurchaseCodeIntent', session: 's1', state: yes.state, slots: { code: { value: 'vier sieben eins eins' } }, withCodes: true });
    assert.match(spoken.speech!.text, /^Erledigt!/);
    assert.equal(orderCount(), before + 1);
  });

  test('fuzz: in any order of turns, with replayed states, an order is placed only after its exact total was read back in that session', async () => {
    const random = seededRandom(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    await codes.setCode('C-1001', '4711', new Date(SUNDAY));
    const products = ['P-1001', 'P-1016', 'P-1008', 'P-1012'];
    for (let s = 0; s < 12; s++) {
      const session = `fuzz-${s}`;
      const withCodes = random() < 0.5;
      const seen: SessionState[] = [{}];
      const readBack = new Set<number>();
      for (let i = 0; i < 14; i++) {
        const stateIn = random() < 0.75 ? seen[seen.length - 1]! : pick(seen);
        const kind = pick(['add', 'add', 'remove', 'checkout', 'confirm', 'yes', 'no', 'code', 'wrongCode', 'contents', 'price'] as const);
        const base = { session, state: stateIn, withCodes };
        if (kind === 'price') {
          withShop((db) => db.prepare('UPDATE products SET price_cents = price_cents + 10 WHERE id = ?').run(pick(products)));
          continue;
        }
        const input: TurnInput =
          kind === 'add' ? { ...base, intent: 'AddToCartIntent', slots: { product: { id: pick(products), value: 'x' }, quantity: { value: String(1 + Math.floor(random() * 3)) } } }
          : kind === 'remove' ? { ...base, intent: 'RemoveFromCartIntent', slots: { product: { id: pick(products), value: 'x' } } }
          : kind === 'checkout' ? { ...base, intent: 'CheckoutIntent' }
          : kind === 'confirm' ? { ...base, intent: 'CheckoutIntent', confirmation: 'CONFIRMED' }
          : kind === 'yes' ? { ...base, intent: 'AMAZON.YesIntent' }
          : kind === 'no' ? { ...base, intent: 'AMAZON.NoIntent' }
          : kind === 'code' ? { ...base, intent: 'PurchaseCodeIntent', slots: { code: { value: '4711' } } }
          : kind === 'wrongCode' ? { ...base, intent: 'PurchaseCodeIntent', slots: { code: { value: '9999' } } }
          : { ...base, intent: 'CartContentsIntent' };
        const before = orderCount();
        const reply = await turn(input);
        const placed = orderCount() - before;
        if (placed > 0) {
          assert.equal(placed, 1);
          const total = withShop((db) => (db.prepare('SELECT total_cents FROM orders ORDER BY CAST(number AS INTEGER) DESC LIMIT 1').get() as { total_cents: number }).total_cents);
          assert.ok(readBack.has(total), `session ${session} turn ${i} (${kind}) placed ${total} cents, never read back in it`);
          assert.match(reply.speech!.text, /^Erledigt!/);
        }
        const pending = reply.state.pending;
        if (pending?.kind === 'checkout') readBack.add(pending.totalCents);
        seen.push(reply.state);
      }
    }
  });

  test('the purchase code is stored hashed with its own salt, never as the digits', async () => {
    await codes.setCode('C-1001', '4711', new Date(SUNDAY));
    await codes.setCode('C-1002', '4711', new Date(SUNDAY));
    const db = new BetterSqlite3(join(dataDir, 'purchase-codes.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT code_hash FROM purchase_codes ORDER BY customer_id').all() as Array<{ code_hash: string }>;
    db.close();
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.match(row.code_hash, /^scrypt\$[\w-]{22}\$[\w-]{43}$/);
      assert.doesNotMatch(row.code_hash, /4711/);
    }
    assert.notEqual(rows[0]!.code_hash, rows[1]!.code_hash, 'one salt per code');
    assert.equal(await codes.matches('C-1001', '4711'), true);
    assert.equal(await codes.matches('C-1001', '4712'), false);
    assert.equal(await codes.matches('C-1003', '4711'), false, 'no code set');
  });
});

// The error code the shop uses for a moved total has a spoken answer too.
test('CART_CHANGED is a coded failure', () => {
  assert.equal(new ShopError('CART_CHANGED').code, 'CART_CHANGED');
});
