// One contract for every state store: the same cases run against SQLite and PostgreSQL, so an
// operator who switches stores gets the same semantics (exactly-once claims bound to the user,
// stale-claim takeover, deletion of a user's data, retention, readiness).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currentConsents } from '../../src/state/consent-record.js';
import { RETENTION_MS, STALE_CLAIM_MS, staffNoteOwner, type StateStore, type TurnEvent } from '../../src/state/state-store.js';

/** A store under test: every `open` is a new connection (or process) on the same database. */
export interface StateBackend {
  open(now?: () => Date): Promise<StateStore>;
  /** Removes the database; called once after the suite. */
  drop(): Promise<void>;
}

const T0 = new Date('2026-11-24T09:00:00Z');

/** A turn event at `minutes` after T0, of `user`, with every optional field filled once. */
function event(minutes: number, user: string | null, extra: Partial<TurnEvent> = {}): TurnEvent {
  return {
    at: T0.getTime() + minutes * 60_000,
    session: `s-${user}`,
    user,
    keyId: user ? 'k1' : null,
    platform: 'alexa',
    locale: 'de-DE',
    kind: 'intent',
    intent: 'ProductLookupIntent',
    handledAs: 'ProductLookupIntent',
    recognisedBy: 'platform',
    outcome: 'ok',
    latencyMs: 12,
    endSession: false,
    handoff: false,
    ...extra,
  };
}

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

    test('turn events are stored in batches and read back by half-open time range, oldest first, from any connection', async (t) => {
      const open = await fresh(t);
      const [a, b] = [await open(), await open()];
      const full = event(5, 'p-anna', {
        product: { spoken: 'hafer milch', id: 'P-1', found: true },
        readBackCents: 1299,
        orderCents: 1299,
        feedback: 5,
        confidence: 0.75,
        endReason: 'USER_INITIATED',
        utterance: 'ich will # dinge',
      });
      await a.recordTurnEvents([event(10, 'p-ben'), full]);
      await b.recordTurnEvents([event(0, null), event(60, 'p-anna')]);
      await a.recordTurnEvents([]);
      const all = await b.turnEvents({ from: T0, to: new Date(T0.getTime() + 61 * 60_000) });
      assert.deepEqual(all.map((e) => e.at - T0.getTime()), [0, 5, 10, 60].map((m) => m * 60_000));
      assert.deepEqual(all[1], full, 'every field survives the round trip');
      const window = await a.turnEvents({ from: new Date(T0.getTime() + 5 * 60_000), to: new Date(T0.getTime() + 60 * 60_000) });
      assert.deepEqual(window.map((e) => e.user), ['p-anna', 'p-ben'], 'from is included, to is not');
      await a.close();
      assert.equal((await (await open()).turnEvents({ from: T0, to: new Date(T0.getTime() + 86_400_000) })).length, 4, 'they survive reopening');
    });

    test("forgetUser deletes the turn events and staff notes under the user's pseudonyms, and nobody else's", async (t) => {
      const store = await (await fresh(t))();
      await store.claimReorder('a1', 'user-a');
      await store.recordTurnEvents([event(1, 'p-a-key1'), event(2, 'p-a-key2'), event(3, 'p-b'), event(4, null)]);
      await store.addStaffNote({ at: T0.getTime(), kind: 'feedback', platform: 'google', locale: 'en-US', user: 'p-a-key2', score: 2 });
      await store.addStaffNote({ at: T0.getTime(), kind: 'callback', platform: 'alexa', locale: 'de-DE', user: 'p-b' });
      assert.equal(await store.forgetUser('user-a', ['p-a-key1', 'p-a-key2']), 4, '1 claim + 2 events + 1 note');
      const left = await store.turnEvents({ from: T0, to: new Date(T0.getTime() + 86_400_000) });
      assert.deepEqual(left.map((e) => e.user), ['p-b', null]);
      assert.deepEqual((await store.listCallbacks()).map((n) => n.user), ['p-b']);
      assert.equal(await store.forgetUser('user-a', ['p-a-key1', 'p-a-key2']), 0);
      assert.equal(await store.forgetUser('user-x'), 0, 'without pseudonyms only claims are looked for');
    });

    test("a callback request's note (its phone number) is kept under the user's owner hash: counted and deleted with the user, without an analytics key", async (t) => {
      const store = await (await fresh(t))();
      await store.addStaffNote({ at: T0.getTime(), kind: 'callback', platform: 'alexa', locale: 'de-DE', user: staffNoteOwner('user-a'), note: 'phone: +49 151 23456789' });
      await store.addStaffNote({ at: T0.getTime(), kind: 'callback', platform: 'google', locale: 'de-DE', user: staffNoteOwner('user-b'), note: 'phone: +49 170 0000000' });
      assert.ok(!staffNoteOwner('user-a').includes('user-a'));
      assert.equal((await store.storedAbout('user-a')).staffNotes, 1);
      assert.equal(await store.forgetUser('user-a'), 1);
      assert.deepEqual((await store.listCallbacks({ includeDone: true })).map((n) => n.note), ['phone: +49 170 0000000']);
    });

    test('consent decisions are kept per user in order; the latest per feature is the current one; forgetUser removes them', async (t) => {
      const open = await fresh(t);
      const [a, b] = [await open(), await open()];
      await a.recordConsent({ userId: 'user-a', feature: 'feedback', granted: true, at: T0.getTime(), textVersion: 'feedback-1', platform: 'alexa' });
      await b.recordConsent({ userId: 'user-a', feature: 'notifications', granted: true, at: T0.getTime() + 1000, textVersion: 'alexa-app', platform: 'alexa' });
      await a.recordConsent({ userId: 'user-a', feature: 'notifications', granted: false, at: T0.getTime() + 2000, textVersion: 'privacy-1', platform: 'alexa' });
      await a.recordConsent({ userId: 'user-b', feature: 'callback', granted: true, at: T0.getTime(), textVersion: 'callback-1', platform: 'google' });
      const records = await b.consentsOf('user-a');
      assert.deepEqual(records.map((r) => [r.feature, r.granted, r.textVersion]), [['feedback', true, 'feedback-1'], ['notifications', true, 'alexa-app'], ['notifications', false, 'privacy-1']]);
      assert.deepEqual(records[0], { userId: 'user-a', feature: 'feedback', granted: true, at: T0.getTime(), textVersion: 'feedback-1', platform: 'alexa' });
      const current = currentConsents(records);
      assert.equal(current.get('notifications')?.granted, false, 'withdrawn last');
      assert.equal(current.get('feedback')?.granted, true);
      await a.rememberTold('user-a', 'closure:S1:2026-12-24', T0);
      await a.claimReorder('k1', 'user-a');
      await a.recordTurnEvents([event(1, 'p-a'), event(2, 'p-a'), event(3, 'p-b')]);
      await a.addStaffNote({ at: T0.getTime(), kind: 'feedback', platform: 'alexa', locale: 'de-DE', user: 'p-a', score: 4 });
      assert.deepEqual(await b.storedAbout('user-a', ['p-a']), { reorders: 1, turnEvents: 2, staffNotes: 1, consents: 3, told: 1 });
      assert.deepEqual(await b.storedAbout('user-a'), { reorders: 1, turnEvents: 0, staffNotes: 0, consents: 3, told: 1 }, 'analytics only under a pseudonym');
      assert.equal(await a.forgetUser('user-a', ['p-a']), 8, '3 consents + 1 notice told + 1 claim + 2 events + 1 note');
      assert.deepEqual(await b.storedAbout('user-a', ['p-a']), { reorders: 0, turnEvents: 0, staffNotes: 0, consents: 0, told: 0 });
      assert.deepEqual(await b.consentsOf('user-a'), []);
      assert.equal(await b.toldAt('user-a', 'closure:S1:2026-12-24'), undefined);
      assert.equal((await b.consentsOf('user-b')).length, 1, "the other user's record stays");
    });

    test('rememberTold says true once per user and key, from any connection; toldAt gives the first time', async (t) => {
      const open = await fresh(t);
      const [a, b] = [await open(), await open()];
      assert.equal(await a.rememberTold('u', 'closure:S1:2026-12-24', T0), true);
      assert.equal(await b.rememberTold('u', 'closure:S1:2026-12-24', new Date(T0.getTime() + 5000)), false);
      assert.equal(await b.rememberTold('v', 'closure:S1:2026-12-24', T0), true, 'another user is told too');
      assert.deepEqual(await b.toldAt('u', 'closure:S1:2026-12-24'), T0);
      assert.equal(await a.toldAt('u', 'closure:S2:2026-12-24'), undefined);
    });

    test('purgeTurnEvents deletes the events older than the retention limit only', async (t) => {
      const store = await (await fresh(t))();
      await store.recordTurnEvents([event(0, 'old'), event(10, 'edge'), event(20, 'new')]);
      assert.equal(await store.purgeTurnEvents(new Date(T0.getTime() + 10 * 60_000)), 1);
      const left = await store.turnEvents({ from: T0, to: new Date(T0.getTime() + 86_400_000) });
      assert.deepEqual(left.map((e) => e.user), ['edge', 'new']);
    });

    test('callbacks and feedback are listed newest first; marked done once, then only listed on request', async (t) => {
      const store = await (await fresh(t))();
      const first = await store.addStaffNote({ at: T0.getTime(), kind: 'callback', platform: 'alexa', locale: 'de-DE', user: 'p-a', note: 'morgen ab 10 Uhr' });
      const second = await store.addStaffNote({ at: T0.getTime() + 1000, kind: 'feedback', platform: 'google', locale: 'en-GB', user: null, score: 4, note: 'quick' });
      assert.deepEqual(second, { id: second.id, at: T0.getTime() + 1000, kind: 'feedback', platform: 'google', locale: 'en-GB', user: null, score: 4, note: 'quick' });
      assert.deepEqual((await store.listCallbacks()).map((n) => n.id), [second.id, first.id]);
      assert.equal(await store.markCallbackDone(first.id, new Date(T0.getTime() + 5000)), true);
      assert.equal(await store.markCallbackDone(first.id, new Date(T0.getTime() + 6000)), false, 'already done');
      assert.equal(await store.markCallbackDone('999999', T0), false, 'unknown id');
      assert.equal(await store.markCallbackDone('1; DROP TABLE staff_notes', T0), false, 'not an id');
      assert.deepEqual((await store.listCallbacks()).map((n) => n.id), [second.id]);
      const all = await store.listCallbacks({ includeDone: true });
      assert.deepEqual(all.map((n) => [n.id, n.doneAt]), [[second.id, undefined], [first.id, T0.getTime() + 5000]]);
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
