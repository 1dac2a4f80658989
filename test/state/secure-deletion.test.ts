// A disabled user's rows must be gone from the disk, not only from query results: SQLite keeps
// deleted cells in free pages and old page images in the WAL unless told otherwise.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { tempDataDir } from '../catalog/temp-data-dir.js';

const GONE = 'amzn1.ask.account.GONE-7f3a9c1e-user-to-forget';
const KEPT = 'amzn1.ask.account.KEPT-0b2d4e6f-user-who-stays';

function bytesOnDisk(dataDir: string): Buffer {
  return Buffer.concat(['state.sqlite', 'state.sqlite-wal'].map((f) => join(dataDir, f)).filter(existsSync).map((f) => readFileSync(f)));
}

test('after forgetUser no byte of the user id or their keys is left in the database file or its WAL', async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-secure-delete-');
  const state = openSqliteStateStore(dataDir, { now: () => new Date('2026-11-24T09:00:00Z') });
  t.after(() => state.close());
  for (let i = 0; i < 50; i += 1) {
    await state.claimReorder(`reorder:${GONE}:key-${i}`, GONE);
    await state.completeReorder(`reorder:${GONE}:key-${i}`, `ORDER-GONE-${i}`, GONE);
  }
  await state.claimReorder(`reorder:${KEPT}:key`, KEPT);
  assert.ok(bytesOnDisk(dataDir).includes(GONE), 'the rows were written to disk');

  assert.equal(await state.forgetUser(GONE), 50);

  const disk = bytesOnDisk(dataDir);
  assert.equal(disk.includes(GONE), false, 'user id still readable on disk');
  assert.equal(disk.includes('ORDER-GONE-'), false, 'order numbers still readable on disk');
  assert.ok(disk.includes(KEPT), 'the other user is untouched');
  assert.deepEqual(await state.claimReorder(`reorder:${KEPT}:key`, KEPT), { claimed: false, pending: true });
});

test("after forgetUser no byte of the user's turn events (written by the writer thread) is left on disk", async (t) => {
  const dataDir = await tempDataDir(t, 'shopvoice-secure-delete-events-');
  const state = openSqliteStateStore(dataDir, { now: () => new Date('2026-11-24T09:00:00Z') });
  t.after(() => state.close());
  const event = (user: string, i: number) => ({
    at: Date.parse('2026-11-24T09:00:00Z') + i, session: `session-${user}`, user, keyId: 'k', platform: 'alexa' as const, locale: 'de-DE',
    kind: 'intent' as const, intent: 'ProductLookupIntent', handledAs: 'ProductLookupIntent', recognisedBy: 'platform' as const, outcome: 'ok' as const,
    latencyMs: 10, endSession: false, handoff: false, product: { spoken: `spoken-by-${user}`, found: false },
  });
  const gone = 'PSEUDONYM-GONE-4c1d8e2a';
  const kept = 'PSEUDONYM-KEPT-9a7b3f10';
  await state.recordTurnEvents(Array.from({ length: 50 }, (_, i) => event(gone, i)));
  await state.recordTurnEvents([event(kept, 99)]);
  assert.ok(bytesOnDisk(dataDir).includes(gone), 'the events were written to disk');

  assert.equal(await state.forgetUser('platform-id', [gone]), 50);

  const disk = bytesOnDisk(dataDir);
  assert.equal(disk.includes(gone), false, 'pseudonym still readable on disk');
  assert.equal(disk.includes(`spoken-by-${gone}`), false, 'slot values still readable on disk');
  assert.ok(disk.includes(kept), 'the other user is untouched');
});
