// Issue 17: the purchase code store, the same behaviour on SQLite and PostgreSQL (own tables, own
// migrations): codes hashed with a salt each, wrong codes counted per user and session.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openPostgresPurchaseCodes } from '../../src/state/purchase-code-postgres.js';
import { openSqlitePurchaseCodes } from '../../src/state/purchase-code-sqlite.js';
import type { PurchaseCodeStore } from '../../src/state/purchase-code-store.js';
import { createTestDatabase } from '../support/postgres-database.js';

const AT = new Date('2026-11-22T09:00:00Z');

async function contract(codes: PurchaseCodeStore): Promise<void> {
  assert.equal(await codes.hasCode('C-1'), false);
  assert.equal(await codes.matches('C-1', '4711'), false);
  await codes.setCode('C-1', '4711', AT);
  assert.equal(await codes.hasCode('C-1'), true);
  assert.equal(await codes.matches('C-1', '4711'), true);
  assert.equal(await codes.matches('C-1', '4712'), false);
  assert.equal(await codes.matches('C-2', '4711'), false);
  await codes.setCode('C-1', '0815', AT);
  assert.equal(await codes.matches('C-1', '4711'), false, 'a new code replaces the old');
  assert.equal(await codes.matches('C-1', '0815'), true);
  await assert.rejects(codes.setCode('C-1', '123', AT), RangeError);

  assert.equal(await codes.wrongCodes('u1', 's1'), 0);
  assert.equal(await codes.recordWrongCode('u1', 's1', AT), 1);
  assert.equal(await codes.recordWrongCode('u1', 's1', AT), 2);
  assert.equal(await codes.recordWrongCode('u1', 's2', AT), 1, 'per session');
  assert.equal(await codes.recordWrongCode('u2', 's1', AT), 1, 'per user');
  assert.equal(await codes.wrongCodes('u1', 's1'), 2);
  const counted = await Promise.all([1, 2, 3].map(() => codes.recordWrongCode('u3', 's1', AT)));
  assert.deepEqual([...counted].sort(), [1, 2, 3], 'concurrent wrong codes are each counted');
  assert.equal(await codes.forgetUser('u1'), 2);
  assert.equal(await codes.wrongCodes('u1', 's1'), 0);

  assert.equal(await codes.removeCode('C-1'), true);
  assert.equal(await codes.removeCode('C-1'), false);
  assert.equal(await codes.hasCode('C-1'), false);
}

describe('purchase code stores', () => {
  test('SQLite (purchase-codes.sqlite), and it opens again with its codes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shopvoice-codes-'));
    try {
      const codes = openSqlitePurchaseCodes(dir, { now: () => AT });
      await contract(codes);
      await codes.setCode('C-9', '2468', AT);
      codes.close();
      const again = openSqlitePurchaseCodes(dir, { now: () => AT });
      assert.equal(await again.matches('C-9', '2468'), true);
      again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('PostgreSQL, two instances migrating the same database at once', async (t) => {
    const db = await createTestDatabase();
    t.after(db.drop);
    const [one, two] = await Promise.all([openPostgresPurchaseCodes(db.url, { now: () => AT }), openPostgresPurchaseCodes(db.url)]);
    try {
      await contract(one);
      await one.setCode('C-9', '2468', AT);
      assert.equal(await two.matches('C-9', '2468'), true, 'every instance sees the code');
      await one.recordWrongCode('u9', 's9', AT);
      assert.equal(await two.recordWrongCode('u9', 's9', AT), 2, 'and the same count');
    } finally {
      await one.close();
      await two.close();
    }
  });
});
