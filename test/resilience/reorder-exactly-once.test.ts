import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { reorderKeyFor } from '../../src/domain/reorder.js';
import { STALE_CLAIM_MS } from '../../src/state/sqlite-state-store.js';
import { askIntent, type AlexaAnswer } from '../support/alexa-turn.js';
import type { TestServer } from '../support/test-server.js';
import { startHarness, type Harness } from '../server/harness.js';

const ANNA = 'demo-token-anna';
const USER = 'amzn1.ask.account.REORDER-EXACTLY-ONCE';
const PLACED = /Erledigt! Deine Bestellung (\d+) bei/;
/** The shop did not answer the placement: whether it exists is not known yet (issue 15). */
const UNKNOWN = /weiß ich noch nicht, ob deine Bestellung eingegangen ist/;

/** The harness speaks the TestServer dialect the Alexa helpers expect. */
const asServer = (h: Harness) => h as unknown as TestServer;

describe('reorder stays exactly-once across faults, restarts and duplicates', () => {
  let dataDir: string;
  let n = 0;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-exactly-once-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  async function annaOrders(h: Harness): Promise<string[]> {
    const anna = (await h.deps.commerce.customerByToken(ANNA))!;
    return (await h.deps.commerce.listOrders(anna.id)).map((o) => o.number);
  }

  /** Offers the reorder in a fresh session and returns what a confirmation must send. */
  async function offer(h: Harness) {
    const sessionId = `amzn1.echo-api.session.exactly-once-${++n}`;
    const offered = await askIntent(asServer(h), 'ReorderIntent', { accessToken: ANNA, userId: USER, sessionId, isNew: true });
    assert.equal(offered.attributes.pending?.kind, 'reorder');
    // The key is never in the client's hands: the server derives it from user, session and order.
    const key = reorderKeyFor(USER, sessionId, offered.attributes.pending.orderNumber);
    return { accessToken: ANNA, userId: USER, sessionId, attributes: offered.attributes, confirmationStatus: 'CONFIRMED' as const, key };
  }

  const confirm = (h: Harness, { key: _key, ...o }: Awaited<ReturnType<typeof offer>>): Promise<AlexaAnswer> => askIntent(asServer(h), 'ReorderIntent', o);

  function claimRow(key: string): { order_number: string | null } | undefined {
    const db = new BetterSqlite3(join(dataDir, 'state.sqlite'), { readonly: true });
    try {
      return db.prepare('SELECT order_number FROM reorder_claims WHERE key = ?').get(key) as { order_number: string | null } | undefined;
    } finally {
      db.close();
    }
  }

  test('a confirmation repeated after a restart (data folder closed and reopened) places nothing more', async () => {
    const first = await startHarness({ dataDir });
    const before = await annaOrders(first);
    const o = await offer(first);
    const placed = await confirm(first, o);
    const number = PLACED.exec(placed.speech)?.[1];
    assert.ok(number, placed.speech);
    await first.close();

    const second = await startHarness({ dataDir });
    const again = await confirm(second, o);
    assert.match(again.speech, new RegExp(`schon aufgegeben, sie hat die Nummer ${number}`));
    assert.equal((await annaOrders(second)).length, before.length + 1);
    await second.close();
  });

  test('the shop fails before placing: the outcome is said to be unknown, the claim kept, the retry places exactly one order', async () => {
    const h = await startHarness({ dataDir });
    const before = await annaOrders(h);
    const o = await offer(h);
    h.faults.set('placeReorder', { failTimes: 1 });
    const failed = await confirm(h, o);
    assert.match(failed.speech, UNKNOWN);
    assert.deepEqual(claimRow(o.key), { order_number: null }, 'the claim stays until the outcome is known');
    assert.equal((await annaOrders(h)).length, before.length);

    const retried = await confirm(h, o);
    assert.match(retried.speech, PLACED);
    assert.equal((await annaOrders(h)).length, before.length + 1);
    assert.equal(h.faults.count('placeReorder'), 2);
    await h.close();
  });

  test('the shop places the order but its answer is lost: the retry with the same key gets that same order', async () => {
    const h = await startHarness({ dataDir });
    const before = await annaOrders(h);
    const o = await offer(h);
    h.faults.set('placeReorder', { failTimes: 1, afterCall: true });
    const failed = await confirm(h, o);
    assert.match(failed.speech, UNKNOWN);
    const afterFailure = await annaOrders(h);
    assert.equal(afterFailure.length, before.length + 1, 'the shop did place it');
    assert.deepEqual(claimRow(o.key), { order_number: null }, 'the claim stays until the outcome is known');

    const retried = await confirm(h, o);
    assert.equal(PLACED.exec(retried.speech)?.[1], afterFailure[0], 'the same order, newest first');
    assert.equal((await annaOrders(h)).length, before.length + 1);
    await h.close();
  });

  test('a process that died between placing and recording: after a restart the stale claim is taken over, still one order', async () => {
    const first = await startHarness({ dataDir });
    const before = await annaOrders(first);
    const o = await offer(first);
    const key = o.key;
    // What the dead process got done: the claim, and the order at the shop; not completeReorder.
    assert.deepEqual(await first.deps.state.claimReorder(key, USER), { claimed: true });
    const anna = (await first.deps.commerce.customerByToken(ANNA))!;
    const placed = await first.deps.commerce.placeReorder(anna.id, o.attributes.pending.orderNumber, key);
    await first.close();

    const second = await startHarness({ dataDir });
    const early = await confirm(second, o);
    assert.match(early.speech, /wird gerade schon aufgegeben/, 'a fresh claim is respected');
    const db = new BetterSqlite3(join(dataDir, 'state.sqlite'));
    db.prepare('UPDATE reorder_claims SET claimed_at = claimed_at - ? WHERE key = ?').run(STALE_CLAIM_MS + 1000, key);
    db.close();
    const late = await confirm(second, o);
    assert.equal(PLACED.exec(late.speech)?.[1], placed.order.number);
    assert.equal(claimRow(key)?.order_number, placed.order.number);
    assert.equal((await annaOrders(second)).length, before.length + 1);
    await second.close();
  });

  test('concurrent duplicate confirmations spread over two instances on the same data folder place one order', async () => {
    const a = await startHarness({ dataDir });
    const b = await startHarness({ dataDir });
    const before = await annaOrders(a);
    const o = await offer(a);
    const answers = await Promise.all([a, b, a, b, a, b].map((h) => confirm(h, o)));
    assert.equal(answers.filter((x) => PLACED.test(x.speech)).length, 1, answers.map((x) => x.speech).join('\n'));
    assert.ok(answers.every((x) => x.status === 200 && x.speech.length > 0));
    assert.equal((await annaOrders(b)).length, before.length + 1);
    await a.close();
    await b.close();
  });
});
