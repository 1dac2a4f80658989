import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import express from 'express';
import { orderStatusReferenceId } from '../../src/notifications/order-status-event.js';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import type { OutboxStore } from '../../src/notifications/outbox-store.js';
import { createShopEventsRouter, signShopEvent } from '../../src/notifications/shop-events-router.js';

const SECRET = 'shop-webhook-secret';
const NOW = new Date('2026-11-24T09:00:00Z');
const TS = String(NOW.getTime() / 1000);
const ORDER_STATUS = 'AMAZON.OrderStatus.Updated';

async function setUp(t: { after(fn: () => unknown): void }, wrap: (store: OutboxStore) => OutboxStore = (s) => s) {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-webhook-'));
  const outbox = openSqliteOutbox(dir);
  const app = express();
  app.use(createShopEventsRouter({ secret: ['old-secret', SECRET], shopId: 'lindenhof', outbox: wrap(outbox), now: () => NOW, sellerNames: { 'en-US': 'Lindenhof Markt' } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/events`;
  const post = async (body: string, headers: Record<string, string> = { 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': signShopEvent(SECRET, TS, body) }) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  // Anna (en-US) subscribed and linked; Ben subscribed in German; Clara linked but never subscribed.
  await outbox.setSubscriptions('amzn1.ask.account.ANNA', [ORDER_STATUS], 'en-US', NOW);
  await outbox.linkCustomer('amzn1.ask.account.ANNA', 'C-ANNA', undefined, NOW);
  await outbox.setSubscriptions('amzn1.ask.account.BEN', [ORDER_STATUS], 'de-DE', NOW);
  await outbox.linkCustomer('amzn1.ask.account.BEN', 'C-BEN', 'de-DE', NOW);
  await outbox.linkCustomer('amzn1.ask.account.CLARA', 'C-CLARA', 'en-US', NOW);
  return { outbox, post };
}

const shipped = JSON.stringify({ customerId: 'C-ANNA', orderNumber: '10042', status: 'ORDER_SHIPPED', expectedArrival: '2026-11-24T16:00:00Z' });
const shippedId = orderStatusReferenceId({ shopId: 'lindenhof', orderNumber: '10042', status: 'ORDER_SHIPPED' });

test('a signed status change is enqueued once; the same call again enqueues nothing', async (t) => {
  const { outbox, post } = await setUp(t);
  const first = await post(shipped);
  assert.equal(first.status, 202);
  assert.deepEqual(first.body, { enqueued: [shippedId], results: [{ referenceId: shippedId, orderNumber: '10042', status: 'ORDER_SHIPPED', outcome: 'enqueued' }] });
  const again = await post(shipped);
  assert.deepEqual(again.body.enqueued, []);
  assert.equal((again.body.results as Array<{ outcome: string }>)[0]!.outcome, 'duplicate');
  const [entry] = await outbox.claim('w', NOW, new Date(NOW.getTime() + 60_000), 10);
  assert.equal(entry?.userId, 'amzn1.ask.account.ANNA');
  assert.deepEqual(entry?.event.event.payload.state, { status: 'ORDER_SHIPPED', deliveryDetails: { expectedArrival: '2026-11-24T16:00:00.000Z' } });
  assert.equal((await outbox.backlog(NOW)).pending, 1);
});

test('every signature failure is the same 401 and enqueues nothing', async (t) => {
  const { outbox, post } = await setUp(t);
  const sixMinutes = String(NOW.getTime() / 1000 - 360);
  const inFuture = String(NOW.getTime() / 1000 + 360);
  const cases: Record<string, Record<string, string>> = {
    'no headers': {},
    'no timestamp': { 'x-shopvoice-signature': signShopEvent(SECRET, TS, shipped) },
    'wrong secret': { 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': signShopEvent('guess', TS, shipped) },
    'signature of another body': { 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': signShopEvent(SECRET, TS, shipped.replace('10042', '10043')) },
    'timestamp not signed': { 'x-shopvoice-timestamp': String(Number(TS) + 1), 'x-shopvoice-signature': signShopEvent(SECRET, TS, shipped) },
    'replayed after six minutes': { 'x-shopvoice-timestamp': sixMinutes, 'x-shopvoice-signature': signShopEvent(SECRET, sixMinutes, shipped) },
    'six minutes ahead': { 'x-shopvoice-timestamp': inFuture, 'x-shopvoice-signature': signShopEvent(SECRET, inFuture, shipped) },
    'not hex': { 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': 'sha256=' + 'z'.repeat(64) },
    'bare hex': { 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': signShopEvent(SECRET, TS, shipped).slice(7) },
  };
  for (const [name, headers] of Object.entries(cases)) {
    assert.deepEqual(await post(shipped, headers), { status: 401, body: { error: 'unauthorized' } }, name);
  }
  const fourMinutes = String(NOW.getTime() / 1000 - 240);
  assert.equal((await post(shipped, { 'x-shopvoice-timestamp': fourMinutes, 'x-shopvoice-signature': signShopEvent('old-secret', fourMinutes, shipped) })).status, 202, 'within the window, with the secret being rotated out');
  assert.equal((await outbox.backlog(NOW)).pending, 1);
});

test('over 64 KiB is 413; not JSON or not changes is 400 with every problem', async (t) => {
  const { post } = await setUp(t);
  const huge = JSON.stringify({ customerId: 'C-ANNA', orderNumber: '1', status: 'ORDER_RECEIVED', padding: 'x'.repeat(65 * 1024) });
  assert.equal((await post(huge)).status, 413);
  assert.deepEqual(await post('{"customerId":'), { status: 400, body: { error: 'bad_request', problems: ['the body is not JSON'] } });
  const bad = JSON.stringify({ changes: [{ customerId: 'C-ANNA', orderNumber: '1', status: 'ORDER_SHIPPED' }, { customerId: '', orderNumber: '2', status: 'LOST', expectedArrival: 'tomorrow' }] });
  assert.deepEqual((await post(bad)).body.problems, [
    'changes[0].expectedArrival is required for ORDER_SHIPPED',
    'changes[1].customerId must be a non-empty string',
    'changes[1].status must be one of PREORDER_RECEIVED, ORDER_RECEIVED, ORDER_PREPARING, ORDER_SHIPPED, ORDER_OUT_FOR_DELIVERY, ORDER_DELIVERED',
    'changes[1].expectedArrival must be an ISO 8601 instant with offset, like 2026-11-24T16:00:00Z',
  ]);
  assert.equal((await post(JSON.stringify({ changes: [] }))).status, 400);
});

test('a batch: enqueued for a subscribed en-US customer, not for a German one, nor for one who never subscribed', async (t) => {
  const { post, outbox } = await setUp(t);
  const body = JSON.stringify({
    changes: [
      { customerId: 'C-ANNA', orderNumber: '10042', status: 'ORDER_DELIVERED' },
      { customerId: 'C-BEN', orderNumber: '10039', status: 'ORDER_DELIVERED' },
      { customerId: 'C-CLARA', orderNumber: '10043', status: 'ORDER_PREPARING' },
      { customerId: 'C-UNKNOWN', orderNumber: '1', status: 'ORDER_RECEIVED' },
    ],
  });
  const answer = await post(body);
  assert.equal(answer.status, 202);
  assert.deepEqual((answer.body.results as Array<{ outcome: string }>).map((r) => r.outcome), ['enqueued', 'locale-not-supported', 'no-subscriber', 'no-subscriber']);
  assert.equal((answer.body.enqueued as string[]).length, 1);
  assert.equal((await outbox.backlog(NOW)).pending, 1);
});

test('a store that fails answers 503, so the shop sends again later', async (t) => {
  const { post } = await setUp(t, (store) => ({ ...store, enqueue: () => Promise.reject(new Error('disk full')) }));
  assert.deepEqual(await post(shipped), { status: 503, body: { error: 'unavailable' } });
});
