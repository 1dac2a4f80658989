// One contract for both outbox stores: idempotent enqueue, leased claims that expire, claims that
// two workers never share, outcomes only from the lease holder, dead letters, counts, subscriptions
// and deletion of a subscriber's data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOrderStatusEvent, type OrderStatus } from '../../src/notifications/order-status-event.js';
import type { OutboxStore } from '../../src/notifications/outbox-store.js';

/** Opens a fresh, empty outbox per test; `open()` again gives a second connection to the same one. */
export type OutboxBackend = (t: { after(fn: () => unknown): void }) => Promise<{ open(): Promise<OutboxStore> }>;

const T0 = new Date('2026-11-24T09:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function eventFor(orderNumber: string, userId = 'amzn1.ask.account.ANNA', status: OrderStatus = 'ORDER_PREPARING') {
  return buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status }, userId, { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: T0 });
}

/**
 * Registers the contract's tests for one kind of store.
 *
 * @example describeOutboxContract('SQLite', async (t) => ({ open: async () => openSqliteOutbox(dir) }));
 */
export function describeOutboxContract(name: string, backend: OutboxBackend): void {
  describe(`outbox contract: ${name}`, () => {
    async function fresh(t: { after(fn: () => unknown): void }) {
      const b = await backend(t);
      const opened: OutboxStore[] = [];
      t.after(async () => {
        for (const s of opened) await s.close();
      });
      return async () => {
        const store = await b.open();
        opened.push(store);
        return store;
      };
    }

    test('enqueue is idempotent per reference id, even after the event was sent', async (t) => {
      const store = await (await fresh(t))();
      const event = eventFor('10042');
      assert.deepEqual(await store.enqueue(event, T0), { enqueued: true });
      assert.deepEqual(await store.enqueue(event, at(1)), { enqueued: false });
      const [claimed] = await store.claim('w1', at(2), at(62), 10);
      assert.equal(claimed?.referenceId, event.referenceId);
      assert.deepEqual(claimed?.event, event, 'the stored event comes back as it went in');
      assert.equal(claimed?.attempts, 1);
      assert.equal(await store.markSent(event.referenceId, 'w1', at(3)), true);
      assert.deepEqual(await store.enqueue(event, at(4)), { enqueued: false }, 'a resent webhook after delivery adds nothing');
      assert.deepEqual(await store.claim('w1', at(5), at(65), 10), []);
      assert.deepEqual(await store.backlog(at(5)), { pending: 0, due: 0, dead: 0, sent: 1 });
    });

    test('two workers claiming at once never get the same event', async (t) => {
      const open = await fresh(t);
      const [a, b] = [await open(), await open()];
      for (let i = 0; i < 20; i += 1) await a.enqueue(eventFor(`200${i}`), T0);
      const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claim(`w${i}`, at(1), at(61), 3)));
      const ids = claims.flat().map((e) => e.referenceId);
      assert.equal(ids.length, 20, 'all 20 were claimed');
      assert.equal(new Set(ids).size, 20, 'none twice');
    });

    test("a crashed worker's lease runs out and the event is claimed again", async (t) => {
      const store = await (await fresh(t))();
      const event = eventFor('10043');
      await store.enqueue(event, T0);
      assert.equal((await store.claim('crashed', at(1), at(61), 10)).length, 1);
      assert.deepEqual(await store.claim('w2', at(60), at(120), 10), [], 'still leased at 60 s');
      const [again] = await store.claim('w2', at(61), at(121), 10);
      assert.equal(again?.referenceId, event.referenceId);
      assert.equal(again?.attempts, 2);
      assert.equal(await store.markSent(event.referenceId, 'crashed', at(62)), false, 'the old owner can no longer decide');
      assert.equal(await store.markSent(event.referenceId, 'w2', at(62)), true);
    });

    test('a retry waits until it is due; dead letters are listed newest first with their reason', async (t) => {
      const store = await (await fresh(t))();
      const [one, two] = [eventFor('1'), eventFor('2')];
      await store.enqueue(one, T0);
      await store.enqueue(two, T0);
      await store.claim('w', at(1), at(61), 10);
      assert.equal(await store.scheduleRetry(one.referenceId, 'w', at(2), at(300), 'HTTP 500'), true);
      assert.equal(await store.deadLetter(two.referenceId, 'w', at(3), 'HTTP 400: invalid payload'), true);
      assert.deepEqual(await store.backlog(at(4)), { pending: 1, due: 0, dead: 1, sent: 0, nextDueAt: at(300) });
      assert.deepEqual(await store.claim('w', at(299), at(359), 10), []);
      const [retried] = await store.claim('w', at(300), at(360), 10);
      assert.equal(retried?.attempts, 2);
      await store.deadLetter(one.referenceId, 'w', at(301), 'gave up');
      assert.deepEqual(await store.listDeadLetters(), [
        { referenceId: one.referenceId, userId: 'amzn1.ask.account.ANNA', eventName: 'AMAZON.OrderStatus.Updated', attempts: 2, reason: 'gave up', failedAt: at(301) },
        { referenceId: two.referenceId, userId: 'amzn1.ask.account.ANNA', eventName: 'AMAZON.OrderStatus.Updated', attempts: 1, reason: 'HTTP 400: invalid payload', failedAt: at(3) },
      ]);
    });

    test('purge removes sent and dead events older than the cut-off, never pending ones', async (t) => {
      const store = await (await fresh(t))();
      const [sent, dead, pending, recent] = [eventFor('1'), eventFor('2'), eventFor('3'), eventFor('4')];
      for (const e of [sent, dead, pending, recent]) await store.enqueue(e, T0);
      await store.claim('w', at(1), at(61), 10);
      await store.markSent(sent.referenceId, 'w', at(2));
      await store.deadLetter(dead.referenceId, 'w', at(2), 'HTTP 400');
      await store.scheduleRetry(pending.referenceId, 'w', at(2), at(3), 'HTTP 500');
      await store.markSent(recent.referenceId, 'w', at(10));
      assert.equal(await store.purge(at(5)), 2);
      assert.deepEqual(await store.backlog(at(11)), { pending: 1, due: 1, dead: 0, sent: 1, nextDueAt: at(3) });
      assert.deepEqual(await store.enqueue(sent, at(12)), { enqueued: true }, 'after the retention a reference id is free again');
    });

    test('a customer is found only when linked and subscribed; the latest link wins', async (t) => {
      const store = await (await fresh(t))();
      assert.equal(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), undefined);
      await store.linkCustomer('amzn1.ask.account.ANNA', 'C-ANNA', 'de-DE', T0);
      assert.equal(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), undefined, 'linked, not subscribed');
      await store.setSubscriptions('amzn1.ask.account.ANNA', ['AMAZON.OrderStatus.Updated'], 'en-US', T0);
      assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: 'amzn1.ask.account.ANNA', locale: 'de-DE' });
      await store.setSubscriptions('amzn1.ask.account.ANNA2', ['AMAZON.OrderStatus.Updated'], undefined, T0);
      await store.linkCustomer('amzn1.ask.account.ANNA2', 'C-ANNA', undefined, at(10));
      assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: 'amzn1.ask.account.ANNA2', locale: 'de-DE' });
      await store.setSubscriptions('amzn1.ask.account.ANNA2', [], undefined, at(11));
      assert.equal(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), undefined, 'unsubscribed from everything');
    });

    test("forgetSubscriber deletes the user's events, subscriptions and links, and no one else's", async (t) => {
      const store = await (await fresh(t))();
      await store.enqueue(eventFor('1', 'gone'), T0);
      await store.enqueue(eventFor('2', 'stays'), T0);
      await store.setSubscriptions('gone', ['AMAZON.OrderStatus.Updated'], 'en-US', T0);
      await store.setSubscriptions('stays', ['AMAZON.OrderStatus.Updated'], 'en-US', T0);
      await store.linkCustomer('gone', 'C-1', undefined, T0);
      await store.linkCustomer('stays', 'C-2', undefined, T0);
      assert.equal(await store.forgetSubscriber('gone'), 3);
      assert.equal(await store.subscriberOf('C-1', 'AMAZON.OrderStatus.Updated'), undefined);
      assert.deepEqual(await store.subscriberOf('C-2', 'AMAZON.OrderStatus.Updated'), { userId: 'stays', locale: 'en-US' });
      assert.deepEqual((await store.claim('w', at(1), at(61), 10)).map((e) => e.userId), ['stays']);
      assert.equal(await store.forgetSubscriber('nobody'), 0);
    });
  });
}
