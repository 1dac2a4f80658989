// Issue 18: /metrics carries the notification outbox's backlog, read from the real outbox on every
// scrape: what an operator alerts on when Amazon stops taking events.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openOutbox } from '../../src/notifications/open-outbox.js';
import { buildOrderStatusEvent } from '../../src/notifications/order-status-event.js';
import { createMetrics } from '../../src/server/metrics.js';

const T0 = new Date('2026-12-05T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

test('the outbox gauge shows pending, due and dead events as the outbox holds them at each scrape', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-outbox-metrics-'));
  const outbox = await openOutbox({ dataDir });
  t.after(async () => {
    await outbox.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const metrics = createMetrics();
  let now = T0;
  metrics.watchOutbox(() => outbox.backlog(now));
  const gauge = async () => {
    const text = await metrics.render();
    return Object.fromEntries(text.split('\n').filter((l) => l.startsWith('shopvoice_notifications_outbox{')).map((l) => [/state="(\w+)"/.exec(l)![1], Number(l.split(' ').pop())]));
  };
  assert.deepEqual(await gauge(), { pending: 0, due: 0, dead: 0 });

  const event = (orderNumber: string) => buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status: 'ORDER_RECEIVED' }, 'amzn1.ask.account.ANNA', { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: T0 });
  await outbox.enqueue(event('10042'), T0);
  await outbox.enqueue(event('10043'), T0);
  assert.deepEqual(await gauge(), { pending: 2, due: 2, dead: 0 });

  const [first, second] = await outbox.claim('worker-1', T0, at(1), 10);
  await outbox.deadLetter(first!.referenceId, 'worker-1', T0, 'token refused');
  await outbox.scheduleRetry(second!.referenceId, 'worker-1', T0, at(5), 'events API answered 503');
  assert.deepEqual(await gauge(), { pending: 1, due: 0, dead: 1 }, 'a retry waiting for its time is pending, not due');
  now = at(5);
  assert.deepEqual(await gauge(), { pending: 1, due: 1, dead: 1 });
});
