// Issue 15: independent shop calls of one turn run in parallel. A hosted shop's round trips must
// overlap, not add up: each test holds the shop's answers back (a gate per call) and checks which
// calls were already under way before any was answered. The shop behind the gates is the real
// embedded one.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import type { Commerce } from '../../src/catalog/commerce.js';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { silentLogger } from '../../src/domain/deps.js';
import { handleTurn } from '../../src/domain/handle-turn.js';
import type { SessionState, SlotValue, VoiceReply } from '../../src/domain/turn.js';
import { openSqliteStateStore, type SqliteStateStore } from '../../src/state/sqlite-state-store.js';

const SATURDAY = '2026-11-28T10:00:00+01:00';

/**
 * The shop with every call held until `release()`: `started` lists the calls made so far, so a
 * test can see what went out together before anything came back.
 */
function gatedShop(shop: Commerce) {
  const started: string[] = [];
  /** For each call in `started`, the wave it went out in (wave n: after n rounds of answers). */
  const waves: number[] = [];
  let wave = 0;
  const waiting: Array<() => void> = [];
  const gated = new Proxy(shop, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || typeof name !== 'string') return value;
      return (...args: unknown[]) => {
        started.push(name);
        waves.push(wave);
        return new Promise((resolve, reject) => {
          waiting.push(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).then(resolve, reject));
        });
      };
    },
  });
  /** Lets every held call through, and keeps letting new ones through until the turn is done. */
  const releaseAll = async (reply: Promise<VoiceReply>): Promise<VoiceReply> => {
    let done = false;
    void reply.finally(() => (done = true));
    while (!done) {
      const next = waiting.splice(0);
      wave++;
      for (const go of next) go();
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    }
    return reply;
  };
  /** Waits until nothing new is started (every call the turn can make without an answer is out). */
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { gated, started, waves, releaseAll, settle };
}

describe('independent shop calls of one turn go out together', () => {
  let dataDir: string;
  let shop: EmbeddedShop;
  let state: SqliteStateStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-parallel-'));
    shop = await openEmbeddedShop({ dataDir, now: () => new Date(SATURDAY) });
    state = openSqliteStateStore(dataDir, { now: () => new Date(SATURDAY) });
  });
  afterEach(async () => {
    await shop.close();
    state.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const turn = (commerce: Commerce, intent: string, slots: Record<string, SlotValue> = {}, accessToken?: string, sessionState: SessionState = {}) =>
    handleTurn({
      platform: 'alexa', locale: 'de-DE', kind: 'intent', intent, slots, confirmation: 'NONE',
      user: { id: 'amzn1.ask.account.ANNA', ...(accessToken ? { accessToken } : {}) },
      session: { id: 's1', isNew: false, state: sessionState },
      now: DateTime.fromISO(SATURDAY),
    }, { commerce, state, log: silentLogger });

  test('the shop\'s info, the linked customer and a resolved product are asked for at once, and the product once', async () => {
    const order = gatedShop(shop);
    const status = turn(order.gated, 'OrderStatusIntent', {}, 'demo-token-anna');
    await order.settle();
    assert.deepEqual([...order.started].sort(), ['customerByToken', 'shopInfo'], 'both out before either answered');
    assert.match((await order.releaseAll(status)).speech!.text, /10042/);

    const product = gatedShop(shop);
    const lookup = turn(product.gated, 'ProductLookupIntent', { product: { value: 'spülmittel zitrone', id: 'P-3001' } });
    await product.settle();
    assert.deepEqual([...product.started].sort(), ['getProduct', 'shopInfo']);
    assert.match((await product.releaseAll(lookup)).speech!.text, /Spülmittel Zitrone/);
    assert.equal(product.started.filter((c) => c === 'getProduct').length, 1, 'the misrouting check and the answer share one read');
  });

  test('a weekend\'s two days are read together', async () => {
    const hours = gatedShop(shop);
    const weekend = turn(hours.gated, 'StoreHoursIntent', { store: { value: 'münchen', id: 'S-MUC' }, day: { value: '2026-W49-WE' } });
    const reply = await hours.releaseAll(weekend);
    const calendarWaves = hours.started.flatMap((c, i) => (c === 'specialDays' ? [hours.waves[i]] : []));
    assert.ok(calendarWaves.length >= 2, `both days' calendars were read (${hours.started.join(', ')})`);
    assert.equal(new Set(calendarWaves).size, 1, `Saturday's and Sunday's calendars went out together (waves ${calendarWaves.join(', ')})`);
    assert.match(reply.speech!.text, /Samstag|Sonntag/);
  });
});
