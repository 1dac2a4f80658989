// One contract for every state store: the same cases run against SQLite and PostgreSQL, so an
// operator who switches stores gets the same semantics (exactly-once claims bound to the user,
// stale-claim takeover, deletion of a user's data, retention, readiness).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RETENTION_MS, STALE_CLAIM_MS, type StateStore } from '../../src/state/state-store.js';

/** A store under test: every `open` is a new connection (or process) on the same database. */
export interface StateBackend {
  open(now?: () => Date): Promise<StateStore>;
  /** Removes the database; called once after the suite. */
  drop(): Promise<void>;
}

const T0 = new Date('2026-11-24T09:00:00Z');

/**
 * Registers the contract's tests for one kind of store.
 *
 * @example describeStateContract('SQLite', async () => sqliteBackend(dir));
 */
export function describeStateContract(name: string, backend: () => Promise<StateBackend>): void {
  describe(`state store contract: ${name}`, () => {
    /** A fresh database per test, so no test sees another's rows. */
    async function fresh(t: { after(fn: () => unknown): void }) {
      const b = await backend();
      const opened: StateStore[] = [];
      t.after(async () => {
        for (const s of opened) await s.close();
        await b.drop();
      });
      return async (now: () => Date = () => T0) => {
        const store = await b.open(now);
        opened.push(store);
        return store;
      };
    }

    test('exactly one of 20 concurrent callers claims a key; the others see it pending, then the order number', async (t) => {
      const open = await fresh(t);
      const [a, b] = [await open(), await open()];
      const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claimReorder('reorder:k1', 'user-a')));
      assert.equal(claims.filter((c) => c.claimed).length, 1);
      assert.deepEqual(claims.filter((c) => !c.claimed), Array(19).fill({ claimed: false, pending: true }));
      await a.completeReorder('reorder:k1', '10045', 'user-a');
      assert.deepEqual(await b.claimReorder('reorder:k1', 'user-a'), { claimed: false, orderNumber: '10045', pending: false });
      assert.deepEqual(await b.claimReorder('reorder:k2', 'user-a'), { claimed: true }, 'another key is free');
    });

    test("a key is bound to its user: another user's claim neither learns its order nor blocks it", async (t) => {
      const store = await (await fresh(t))();
      assert.deepEqual(await store.claimReorder('k', 'victim'), { claimed: true });
      await store.completeReorder('k', '10099', 'victim');
      assert.deepEqual(await store.claimReorder('k', 'attacker'), { claimed: true }, 'the attacker learns no order number');
      await store.completeReorder('k', 'ATTACKER-ORDER', 'attacker');
      assert.deepEqual(await store.claimReorder('k', 'victim'), { claimed: false, orderNumber: '10099', pending: false });

      assert.deepEqual(await store.claimReorder('fresh', 'attacker'), { claimed: true }, 'a pre-claim by another user…');
      assert.deepEqual(await store.claimReorder('fresh', 'victim'), { claimed: true }, '…does not block the victim');
      await store.releaseReorder('fresh', 'attacker');
      assert.deepEqual(await store.claimReorder('fresh', 'victim'), { claimed: false, pending: true }, "releasing one's own claim leaves the other's");
    });

    test('a released claim can be claimed again; a completed one cannot be released', async (t) => {
      const store = await (await fresh(t))();
      assert.deepEqual(await store.claimReorder('k', 'u'), { claimed: true });
      await store.releaseReorder('k', 'u');
      assert.deepEqual(await store.claimReorder('k', 'u'), { claimed: true });
      await store.completeReorder('k', '10050', 'u');
      await store.releaseReorder('k', 'u');
      assert.deepEqual(await store.claimReorder('k', 'u'), { claimed: false, orderNumber: '10050', pending: false });
    });

    test('claims survive closing and reopening', async (t) => {
      const open = await fresh(t);
      const a = await open();
      await a.claimReorder('k', 'u');
      await a.completeReorder('k', '10046', 'u');
      await a.close();
      assert.deepEqual(await (await open()).claimReorder('k', 'u'), { claimed: false, orderNumber: '10046', pending: false });
    });

    test('a claim left pending by a crashed placement is taken over after a while, by exactly one caller', async (t) => {
      let now = T0;
      const open = await fresh(t);
      const [a, b] = [await open(() => now), await open(() => now)];
      await a.claimReorder('k', 'u');
      now = new Date(T0.getTime() + STALE_CLAIM_MS - 1000);
      assert.deepEqual(await b.claimReorder('k', 'u'), { claimed: false, pending: true });
      now = new Date(T0.getTime() + STALE_CLAIM_MS);
      const takeovers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimReorder('k', 'u')));
      assert.equal(takeovers.filter((c) => c.claimed).length, 1);
    });

    test("forgetUser deletes every row of that user and nobody else's", async (t) => {
      const store = await (await fresh(t))();
      await store.claimReorder('a1', 'user-a');
      await store.claimReorder('a2', 'user-a');
      await store.completeReorder('a2', '10047', 'user-a');
      await store.claimReorder('b1', 'user-b');
      assert.equal(await store.forgetUser('user-a'), 2);
      assert.equal(await store.forgetUser('user-a'), 0);
      assert.deepEqual(await store.claimReorder('a2', 'user-a'), { claimed: true }, 'the old claim is gone');
      assert.deepEqual(await store.claimReorder('b1', 'user-b'), { claimed: false, pending: true });
    });

    test('entries older than 30 days are purged when a store opens', async (t) => {
      const open = await fresh(t);
      const first = await open(() => T0);
      await first.claimReorder('old', 'u');
      await first.completeReorder('old', '10001', 'u');
      const recent = await open(() => new Date(T0.getTime() + RETENTION_MS - 1));
      await recent.claimReorder('newer', 'u');
      const later = await open(() => new Date(T0.getTime() + RETENTION_MS + 1));
      assert.deepEqual(await later.claimReorder('old', 'u'), { claimed: true }, 'the old entry was purged');
      assert.deepEqual(await later.claimReorder('newer', 'u'), { claimed: false, pending: true }, 'the newer one was kept');
    });

    test('ping answers while open and fails once closed (closing twice is fine)', async (t) => {
      const store = await (await fresh(t))();
      await store.ping();
      await store.close();
      await store.close();
      await assert.rejects(store.ping());
    });
  });
}
