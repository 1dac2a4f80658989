import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mock, test } from 'node:test';
import { createLwaTokenClient } from '../../src/notifications/lwa-token-client.js';
import { buildOrderStatusEvent } from '../../src/notifications/order-status-event.js';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { createOutboxWorker, type WorkerTimers } from '../../src/notifications/outbox-worker.js';
import { createProactiveEventsSender } from '../../src/notifications/proactive-events-sender.js';
import { retryDelayMs } from '../../src/notifications/retry-delay.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';

const T0 = Date.parse('2026-11-24T09:00:00Z');

/** The test's clock: starts at T0 and moves only with `tick`, together with node:test's mock timers. */
let clockMs = T0;
function tick(ms: number): void {
  clockMs += ms;
  mock.timers.tick(ms);
}

/** An outbox, the fake Alexa, and a worker on node:test's mock clock (Date and setTimeout). */
async function setUp(t: { after(fn: () => unknown): void }, workerOptions: { maxAttempts?: number } = {}) {
  clockMs = T0;
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  t.after(() => mock.timers.reset());
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-worker-'));
  const store = openSqliteOutbox(dir);
  const fake = await startFakeAlexaEvents();
  t.after(async () => {
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const now = () => new Date(clockMs);
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now });
  const sender = createProactiveEventsSender({ url: fake.eventsUrl, tokens, now });
  // Every sleep the worker asks for is recorded, and announced so the test knows when to tick.
  const sleeps: number[] = [];
  let announce: (() => void) | undefined;
  const timers: WorkerTimers = {
    setTimeout: (fn, ms) => {
      sleeps.push(ms);
      const handle = setTimeout(fn, ms);
      announce?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const asleep = () => new Promise<void>((resolve) => (announce = resolve));
  const worker = createOutboxWorker({ store, sender, now, timers, random: () => 0.5, owner: 'test-worker', ...workerOptions });
  const enqueue = (orderNumber: string) => {
    const event = buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status: 'ORDER_PREPARING' }, 'amzn1.ask.account.ANNA', { sellerNames: { 'en-US': 'Lindenhof Markt' }, now: now() });
    return store.enqueue(event, now()).then(() => event);
  };
  return { store, fake, worker, sleeps, asleep, enqueue };
}

test('backoff: 500 waits 22.5 s (jittered 30 s), then 429 waits its Retry-After of 10 min, then 202; nothing is sent early', async (t) => {
  const { fake, worker, sleeps, asleep, enqueue, store } = await setUp(t);
  const event = await enqueue('10042');
  fake.cue({ status: 500 }, { status: 429, retryAfter: '600' });
  let sleeping = asleep();
  const drained = worker.drain();
  await sleeping;
  assert.deepEqual(sleeps, [22_500]);
  sleeping = asleep();
  tick(22_499);
  assert.equal(fake.log.length, 1, 'not sent before its retry is due');
  tick(1);
  await sleeping;
  assert.deepEqual(sleeps, [22_500, 600_000], 'Retry-After beats the 45 s backoff');
  tick(600_000);
  assert.deepEqual(await drained, { claimed: 3, sent: 1, retried: 2, dead: 0 });
  assert.deepEqual(fake.log.map((l) => l.status), [500, 429, 202]);
  assert.equal(fake.accepted.get(event.referenceId), 1);
  assert.deepEqual(await store.backlog(new Date(clockMs)), { pending: 0, due: 0, dead: 0, sent: 1 });
});

test('an event that keeps failing is dead-lettered after maxAttempts with the last reason', async (t) => {
  const { fake, worker, asleep, enqueue, store } = await setUp(t, { maxAttempts: 3 });
  const event = await enqueue('10043');
  fake.cue({ status: 500 }, { status: 502 }, { status: 503 });
  const drained = worker.drain();
  for (let i = 0; i < 2; i += 1) {
    await asleep();
    tick(3_600_000);
  }
  assert.deepEqual(await drained, { claimed: 3, sent: 0, retried: 2, dead: 1 });
  const [dead] = await store.listDeadLetters();
  assert.equal(dead?.referenceId, event.referenceId);
  assert.match(dead!.reason, /^gave up after 3 attempts: HTTP 503/);
});

test('400 and 432 are dead letters at once; 409 counts as sent', async (t) => {
  const { fake, worker, enqueue, store } = await setUp(t);
  // Events due at the same instant are claimed in reference-id order, so the cues meet a, b, c.
  const [a, b, c] = [await enqueue('1'), await enqueue('2'), await enqueue('3')].sort((x, y) => x.referenceId.localeCompare(y.referenceId));
  fake.cue({ status: 400 }, { status: 432 }, { status: 409 });
  assert.deepEqual(await worker.runOnce(), { claimed: 3, sent: 1, retried: 0, dead: 2 });
  const reasons = Object.fromEntries((await store.listDeadLetters()).map((d) => [d.referenceId, d.reason]));
  assert.match(reasons[a!.referenceId]!, /^HTTP 400/);
  assert.match(reasons[b!.referenceId]!, /^HTTP 432: notification limit/);
  assert.equal(reasons[c!.referenceId], undefined);
});

test('an event past its expiryTime is given up without being sent', async (t) => {
  const { fake, worker, enqueue, store } = await setUp(t);
  await enqueue('10044');
  tick(23 * 3600_000);
  assert.deepEqual(await worker.runOnce(), { claimed: 1, sent: 0, retried: 0, dead: 1 });
  assert.equal(fake.log.length, 0);
  assert.match((await store.listDeadLetters())[0]!.reason, /^expired at 2026-11-25T08:00:00.000Z/);
});

test('start() polls in the background until stop(), purges old events once a day; a failing run does not end the loop', async (t) => {
  const { fake, enqueue, store } = await setUp(t);
  const event = await enqueue('10045');
  mock.timers.reset(); // this test drives its own timers: each poll fires when the test says
  const polls: Array<{ fire: () => void; ms: number; cleared: boolean }> = [];
  const timers: WorkerTimers = {
    setTimeout: (fire, ms) => {
      const poll = { fire, ms, cleared: false };
      polls.push(poll);
      return poll;
    },
    clearTimeout: (poll) => void ((poll as { cleared: boolean }).cleared = true),
  };
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: () => new Date(T0) });
  const sender = createProactiveEventsSender({ url: fake.eventsUrl, tokens, now: () => new Date(T0) });
  let broken = true;
  const purged: Date[] = [];
  const flaky = {
    ...store,
    claim: (...args: Parameters<typeof store.claim>) => (broken ? Promise.reject(new Error('database restarting')) : store.claim(...args)),
    purge: (before: Date) => (purged.push(before), store.purge(before)),
  };
  const warnings: string[] = [];
  const log = { info: () => undefined, warn: (_: object, msg: string) => void warnings.push(msg) };
  const worker = createOutboxWorker({ store: flaky, sender, now: () => new Date(T0), timers, owner: 'bg', log });
  const nextPoll = async (count: number) => {
    while (polls.length < count) await new Promise((resolve) => setImmediate(resolve));
  };
  worker.start();
  worker.start();
  assert.deepEqual(polls.map((p) => p.ms), [0], 'start twice is one loop');
  polls[0]!.fire();
  await nextPoll(2);
  assert.deepEqual(warnings, ['outbox worker run failed']);
  assert.equal(polls[1]!.ms, 5000, 'polls again after a failure');
  broken = false;
  polls[1]!.fire();
  await nextPoll(3);
  assert.equal(fake.accepted.get(event.referenceId), 1);
  assert.deepEqual(purged, [new Date(T0 - 30 * 24 * 3600_000)], 'purged once, not on every poll');
  await worker.stop();
  assert.equal(polls[2]!.cleared, true, 'stop() cancels the next poll');
});

test('retry delays grow exponentially up to an hour and are never shorter than Retry-After', () => {
  assert.deepEqual([1, 2, 3, 4, 8, 9, 20].map((n) => retryDelayMs(n, () => 0)), [15_000, 30_000, 60_000, 120_000, 1_800_000, 1_800_000, 1_800_000]);
  assert.deepEqual([1, 2, 9].map((n) => retryDelayMs(n, () => 1 - 1e-12)), [30_000, 60_000, 3_600_000]);
  assert.equal(retryDelayMs(1, () => 0, 90_000), 90_000);
});
