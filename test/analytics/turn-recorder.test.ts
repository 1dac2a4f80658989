import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DateTime } from 'luxon';
import { createPseudonymizer } from '../../src/analytics/pseudonym.js';
import { createTurnRecorder, type Ticker } from '../../src/analytics/turn-recorder.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import type { TurnEvent } from '../../src/state/turn-event.js';

const NOW = new Date('2026-11-24T09:00:00Z');
const DAY = 86_400_000;

function turn(n: number): VoiceTurn {
  return {
    platform: 'alexa', locale: 'de-DE', kind: 'intent', intent: 'AMAZON.HelpIntent', slots: {}, confirmation: 'NONE',
    user: { id: 'amzn1.ask.account.X', accessToken: 'secret-token' }, session: { id: `s${n}`, isNew: false, state: {} },
    now: DateTime.fromMillis(NOW.getTime() + n),
  };
}
const reply: VoiceReply = { endSession: false, state: {}, handledAs: 'AMAZON.HelpIntent', outcome: 'ok' };

/** A ticker the test fires by hand. */
function manualTicker(): Ticker & { fire(): void; stopped: boolean } {
  let tick = () => {};
  const t = {
    stopped: false,
    every(_ms: number, fn: () => void) {
      tick = fn;
      return { stop: () => void (t.stopped = true) };
    },
    fire: () => tick(),
  };
  return t;
}

/** A store that keeps batches, fails while `failing`, and remembers purges. */
function fakeStore() {
  const store = {
    batches: [] as TurnEvent[][],
    purges: [] as Date[],
    failing: false,
    async recordTurnEvents(events: readonly TurnEvent[]) {
      if (store.failing) throw new Error('database down');
      store.batches.push([...events]);
    },
    async purgeTurnEvents(before: Date) {
      store.purges.push(before);
      return 0;
    },
  };
  return store;
}

/** A logger that keeps its lines. */
function captureLog() {
  const lines: Array<Record<string, unknown>> = [];
  const keep = (obj: object) => void lines.push(obj as Record<string, unknown>);
  return { lines, log: { debug: keep, info: keep, warn: keep, error: keep } };
}

const pseudonyms = createPseudonymizer([{ id: 'k', secret: '0123456789abcdef' }]);

test('events wait in the buffer until the batch is full, the interval ticks, or the recorder closes', async () => {
  const store = fakeStore();
  const ticker = manualTicker();
  const recorder = createTurnRecorder({ state: store, pseudonyms, log: captureLog().log, now: () => NOW, ticker, batchSize: 3 });
  recorder.record(turn(3), reply, 5);
  recorder.record(turn(4), reply, 5);
  assert.equal(store.batches.length, 0, 'nothing written on the reply path below the batch size');
  recorder.record(turn(5), reply, 5);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(store.batches.map((b) => b.length), [3], 'a full batch is written at once');
  recorder.record(turn(6), reply, 5);
  recorder.record(turn(7), reply, 5);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(store.batches.map((b) => b.length), [3], 'the next ones wait for the tick');
  ticker.fire();
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(store.batches.map((b) => b.length), [3, 2]);
  recorder.record(turn(8), reply, 5);
  await recorder.close();
  assert.equal(ticker.stopped, true);
  assert.deepEqual(store.batches.map((b) => b.length), [3, 2, 1], 'close writes the rest');
  recorder.record(turn(9), reply, 5);
  await recorder.flush();
  assert.equal(store.batches.flat().length, 6, 'nothing is recorded after close');
  assert.deepEqual(store.purges, [new Date(NOW.getTime() - 90 * DAY)], 'purged once a day at most, 90 days by default');
});

test('a failing store keeps the events (bounded, the oldest dropped and counted) and they are written once it answers', async () => {
  const store = fakeStore();
  const ticker = manualTicker();
  const { log, lines } = captureLog();
  const recorder = createTurnRecorder({ state: store, pseudonyms, log, now: () => NOW, ticker, batchSize: 2, maxBuffered: 3, retentionDays: 7 });
  store.failing = true;
  for (let n = 1; n <= 5; n += 1) recorder.record(turn(n), reply, n);
  await recorder.flush();
  assert.equal(recorder.dropped, 2);
  assert.ok(lines.some((l) => l.event === 'analytics.write.failed'));
  store.failing = false;
  ticker.fire();
  await recorder.flush();
  assert.deepEqual(store.batches.flat().map((e) => e.latencyMs), [3, 4, 5], 'in order, the newest kept');
  assert.deepEqual(store.purges, [new Date(NOW.getTime() - 7 * DAY)]);
  await recorder.close();
});

test('the recorded event holds a pseudonym, never the token or the platform id', async () => {
  const store = fakeStore();
  const recorder = createTurnRecorder({ state: store, pseudonyms, log: captureLog().log, now: () => NOW, ticker: manualTicker() });
  recorder.record(turn(1), reply, 12.6);
  await recorder.close();
  const [event] = store.batches.flat();
  assert.equal(event!.latencyMs, 13);
  assert.equal(event!.user, pseudonyms.user('amzn1.ask.account.X').user);
  assert.doesNotMatch(JSON.stringify(event), /secret-token|amzn1|"s1"/);
});
