// A forgotten subscriber's rows must be gone from outbox.sqlite and its WAL, not only from queries
// (same rule as the state store's forgetUser: secure_delete plus a truncating checkpoint).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildOrderStatusEvent } from '../../src/notifications/order-status-event.js';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';

const GONE = 'amzn1.ask.account.GONE-5e1c0d2a-subscriber-to-forget';
const KEPT = 'amzn1.ask.account.KEPT-93b7aa41-subscriber-who-stays';
const NOW = new Date('2026-11-24T09:00:00Z');

function bytesOnDisk(dir: string): Buffer {
  return Buffer.concat(['outbox.sqlite', 'outbox.sqlite-wal'].map((f) => join(dir, f)).filter(existsSync).map((f) => readFileSync(f)));
}

test('after forgetSubscriber no byte of the user id, customer id or their events is left on disk', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-outbox-delete-'));
  const outbox = openSqliteOutbox(dir);
  t.after(async () => {
    await outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  for (const [user, customer] of [[GONE, 'CUSTOMER-GONE-77'], [KEPT, 'CUSTOMER-KEPT-12']] as const) {
    await outbox.setSubscriptions(user, ['AMAZON.OrderStatus.Updated'], 'en-US', NOW);
    await outbox.linkCustomer(user, customer, undefined, NOW);
    for (let i = 0; i < 20; i += 1) {
      const orderNumber = `${customer}-ORDER-${i}`;
      await outbox.enqueue(buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status: 'ORDER_RECEIVED' }, user, { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: NOW }), NOW);
    }
  }
  assert.ok(bytesOnDisk(dir).includes(GONE), 'the rows were written to disk');
  assert.equal(await outbox.forgetSubscriber(GONE), 22);
  const disk = bytesOnDisk(dir);
  assert.equal(disk.includes(GONE), false, 'user id still readable on disk');
  assert.equal(disk.includes('CUSTOMER-GONE-77'), false, 'customer id still readable on disk');
  assert.ok(disk.includes(KEPT), 'the other subscriber is untouched');
});
