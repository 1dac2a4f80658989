import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteStateStore, RETENTION_MS, STALE_CLAIM_MS } from '../../src/state/sqlite-state-store.js';
import { tempDataDir } from '../catalog/temp-data-dir.js';

test('exactly one caller claims a key; the others see it pending, then the order number', async (t) => {
  const state = openSqliteStateStore(await tempDataDir(t, 'shopvoice-state-'));
  t.after(() => state.close());
  const claims = await Promise.all(Array.from({ length: 5 }, () => state.claimReorder('reorder:k1', 'amzn1.user.A')));
  assert.equal(claims.filter((c) => c.claimed).length, 1);
  assert.deepEqual(claims.filter((c) => !c.claimed), Array(4).fill({ claimed: false, pending: true }));

  await state.completeReorder('reorder:k1', '10045');
  assert.deepEqual(await state.claimReorder('reorder:k1', 'amzn1.user.A'), { claimed: false, orderNumber: '10045', pending: false });
  assert.deepEqual(await state.claimReorder('reorder:k2', 'amzn1.user.A'), { claimed: true }, 'another key is free');
});

test('a released claim can be claimed again; a completed one cannot be released', async (t) => {
  const state = openSqliteStateStore(await tempDataDir(t, 'shopvoice-state-'));
  t.after(() => state.close());
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: true });
  await state.releaseReorder('k');
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: true });
  await state.completeReorder('k', '10050');
  await state.releaseReorder('k');
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: false, orderNumber: '10050', pending: false });
});

test('claims are shared by two connections to the same file and survive reopening', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-state-');
  const a = openSqliteStateStore(dataDir);
  const b = openSqliteStateStore(dataDir);
  assert.deepEqual(await a.claimReorder('k', 'u'), { claimed: true });
  assert.deepEqual(await b.claimReorder('k', 'u'), { claimed: false, pending: true });
  await a.completeReorder('k', '10046');
  a.close();
  b.close();
  const c = openSqliteStateStore(dataDir);
  t.after(() => c.close());
  assert.deepEqual(await c.claimReorder('k', 'u'), { claimed: false, orderNumber: '10046', pending: false });
  assert.ok(existsSync(join(dataDir, 'state.sqlite')));
});

test('a claim left pending by a crashed placement can be taken over after a while', async (t) => {
  let now = new Date('2026-11-22T10:00:00Z');
  const state = openSqliteStateStore(await tempDataDir(t, 'shopvoice-state-'), { now: () => now });
  t.after(() => state.close());
  await state.claimReorder('k', 'u');
  now = new Date(now.getTime() + STALE_CLAIM_MS - 1000);
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: false, pending: true });
  now = new Date(now.getTime() + 1000);
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: true });
  assert.deepEqual(await state.claimReorder('k', 'u'), { claimed: false, pending: true }, 'and only one caller takes it over');
});

test('forgetUser deletes every row of that user and nobody else\'s', async (t) => {
  const state = openSqliteStateStore(await tempDataDir(t, 'shopvoice-state-'));
  t.after(() => state.close());
  await state.claimReorder('a1', 'user-a');
  await state.claimReorder('a2', 'user-a');
  await state.completeReorder('a2', '10047');
  await state.claimReorder('b1', 'user-b');
  assert.equal(await state.forgetUser('user-a'), 2);
  assert.equal(await state.forgetUser('user-a'), 0);
  assert.deepEqual(await state.claimReorder('a2', 'user-a'), { claimed: true }, 'the old claim is gone');
  assert.deepEqual(await state.claimReorder('b1', 'user-b'), { claimed: false, pending: true });
});

test('entries older than 30 days are purged when the store opens', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-state-');
  const then = new Date('2026-10-01T12:00:00Z');
  const first = openSqliteStateStore(dataDir, { now: () => then });
  await first.claimReorder('old', 'u');
  await first.completeReorder('old', '10001');
  first.close();
  const recent = openSqliteStateStore(dataDir, { now: () => new Date(then.getTime() + RETENTION_MS - 1) });
  await recent.claimReorder('newer', 'u');
  recent.close();

  const later = openSqliteStateStore(dataDir, { now: () => new Date(then.getTime() + RETENTION_MS + 1) });
  t.after(() => later.close());
  const db = new BetterSqlite3(join(dataDir, 'state.sqlite'), { readonly: true });
  t.after(() => db.close());
  assert.deepEqual(db.prepare('SELECT key FROM reorder_claims').pluck().all(), ['newer']);
  await later.ping();
});

test('ping fails once the store is closed', async (t) => {
  const state = openSqliteStateStore(await tempDataDir(t, 'shopvoice-state-'));
  await state.ping();
  state.close();
  state.close();
  await assert.rejects(state.ping());
});
