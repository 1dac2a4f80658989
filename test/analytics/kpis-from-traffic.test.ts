// Every KPI checked against traffic recorded from real turns: conversations driven through the
// simulator's in-process transport (the real adapters, domain and demo shop), recorded by the
// turn recorder into the state store, read back and computed. Feedback has no turn path yet, so
// two turns carry a score as the recorder's extra.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { computeKpis, kpiRange, type KpiReport } from '../../src/analytics/kpis.js';
import { createPseudonymizer } from '../../src/analytics/pseudonym.js';
import type { TurnExtras } from '../../src/analytics/turn-event-from.js';
import { createTurnRecorder } from '../../src/analytics/turn-recorder.js';
import { silentLogger } from '../../src/domain/deps.js';
import { openConversation, type TurnInput } from '../../src/simulator/conversation.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { freshBackends, type FreshBackends, type SimBackend } from '../../src/simulator/sim-backend.js';
import type { TurnEvent } from '../../src/state/turn-event.js';
import { observedTransport } from './observed-transport.js';

const models = openModelSet(defaultModelsRoot());
const pseudonyms = createPseudonymizer([{ id: 'k1', secret: 'test-analytics-secret-1' }]);
let backends: FreshBackends;
let backend: SimBackend;
let report: KpiReport;
let events: TurnEvent[];

before(async () => {
  backends = await freshBackends();
  backend = await backends.open();
  const recorder = createTurnRecorder({
    state: backend.deps.state,
    pseudonyms,
    log: silentLogger,
    now: () => new Date('2026-11-24T00:00:00Z'),
    ticker: { every: () => ({ stop() {} }) },
  });
  let latency = 0;
  let extras: TurnExtras = {};
  const transport = observedTransport(backend.deps, (turn, reply) => recorder.record(turn, reply, (latency += 10), extras));
  /** One conversation: each step a sentence, or a sentence with extras, or another input. */
  const talk = async (platform: 'alexa' | 'google', locale: string, clock: string, steps: Array<string | [string, TurnExtras] | TurnInput>, accessToken?: string) => {
    const conversation = await openConversation({ platform, locale, models, transport, clock, seed: `${platform}-${clock}`, ...(accessToken ? { accessToken } : {}) });
    for (const step of steps) {
      const [input, more]: [TurnInput, TurnExtras] =
        typeof step === 'string' ? [{ utterance: step }, {}] : Array.isArray(step) ? [{ utterance: step[0] }, step[1]] : [step, {}];
      extras = { ...more, ...('utterance' in input ? { utterance: input.utterance } : {}) };
      await conversation.turn(input);
    }
  };
  await talk('alexa', 'de-DE', '2026-11-22T10:00:00+01:00', ['ich möchte nachbestellen', 'ja'], 'demo-token-anna');
  await talk('alexa', 'de-DE', '2026-11-22T11:00:00+01:00', ['habt ihr raketentreibstoff', 'stop']);
  await talk('alexa', 'de-DE', '2026-11-22T12:00:00+01:00', ['lila elefanten tanzen 4711 mal', 'blumenkohl quantenphysik', { sessionEnded: 'EXCEEDED_MAX_REPROMPTS' }]);
  await talk('google', 'en-US', '2026-11-23T09:00:00+01:00', [['do you have organic oat milk', { feedback: 5 }]]);
  await talk('google', 'en-US', '2026-11-23T10:00:00+01:00', [['I want to talk to a human', { feedback: 3 }]]);
  await recorder.close();
  events = await backend.deps.state.turnEvents(kpiRange('2026-11-22', '2026-11-23'));
  report = computeKpis(events, { from: '2026-11-22', to: '2026-11-23' });
});

after(async () => {
  await backend?.close();
  await backends?.close();
});

test('every turn was recorded, the session end included, with how it was recognised and its latency', () => {
  assert.equal(events.length, 9);
  assert.deepEqual(events.map((e) => e.latencyMs), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  assert.ok(events.every((e) => e.recognisedBy === 'platform'));
  assert.deepEqual(events.map((e) => e.handledAs), [
    'ReorderIntent', 'ReorderIntent', 'ProductLookupIntent', 'AMAZON.StopIntent',
    'AMAZON.FallbackIntent', 'AMAZON.FallbackIntent', 'SessionEndedRequest', 'ProductLookupIntent', 'HumanHandoffIntent',
  ]);
});

test('conversations, turns per conversation, per day, platform and locale (days in the shop time zone)', () => {
  assert.equal(report.total.conversations, 5);
  assert.equal(report.total.turns, 8, 'the session end is not a turn');
  assert.equal(report.total.turnsPerConversation, 1.6);
  assert.deepEqual(report.rows.map((r) => [r.day, r.platform, r.locale, r.conversations, r.turns]), [
    ['2026-11-22', 'alexa', 'de-DE', 3, 6],
    ['2026-11-23', 'google', 'en-US', 2, 2],
  ]);
  assert.deepEqual(report.days.map((d) => [d.day, d.conversations]), [['2026-11-22', 3], ['2026-11-23', 2]]);
});

test('containment and hand-off rate: the asked-for person and the escalated fallback are hand-offs', () => {
  assert.equal(report.total.handoffRate, 2 / 5);
  assert.equal(report.total.containment, 3 / 5);
  assert.equal(report.rows[0]!.handoffRate, 1 / 3);
});

test('fallback rate counts not-understood turns, not products the shop lacks', () => {
  assert.equal(report.total.fallbackRate, 2 / 8);
});

test('abandonment: silence after a fallback counts, stop after a product answer does not', () => {
  assert.equal(report.total.abandonment, 1 / 5);
});

test('task completion per intent: a product found, a reorder placed', () => {
  assert.deepEqual(report.total.taskCompletion.ProductLookupIntent, { attempted: 2, completed: 1, rate: 0.5 });
  assert.deepEqual(report.total.taskCompletion.ReorderIntent, { attempted: 1, completed: 1, rate: 1 });
  assert.deepEqual(report.total.taskCompletion.OrderStatusIntent, { attempted: 0, completed: 0, rate: null });
});

test('orders, revenue and reorder conversion come from the read-back and the confirmed total', () => {
  assert.equal(report.total.readBacks, 1);
  assert.equal(report.total.orders, 1);
  assert.equal(report.total.revenueCents, 1600);
  assert.equal(report.total.reorderConversion, 1);
  assert.equal(report.rows[1]!.orders, 0);
});

test('CSAT is the share of 4 and 5 among the scores', () => {
  assert.equal(report.total.feedbackCount, 2);
  assert.equal(report.total.csat, 0.5);
});

test('p50 and p95 response time are nearest-rank percentiles over the turns', () => {
  // Turn latencies 10…90 without the session end's 70: [10,20,30,40,50,60,80,90].
  assert.equal(report.total.p50Ms, 40);
  assert.equal(report.total.p95Ms, 90);
});

test('products not found and fallen-back sentences are listed with counts, redacted', () => {
  assert.deepEqual(report.notFoundProducts, [{ product: 'raketentreibstoff', locale: 'de-DE', count: 1 }]);
  assert.deepEqual(report.fallbackSentences, [
    { sentence: 'blumenkohl quantenphysik', locale: 'de-DE', count: 1 },
    { sentence: 'lila elefanten tanzen # mal', locale: 'de-DE', count: 1 },
  ]);
});

test('events are pseudonymous: no token, no platform id, the user as the keyed hash', () => {
  const text = JSON.stringify(events);
  assert.doesNotMatch(text, /demo-token|amzn1\.ask\.account|amzn1\.echo|10042/);
  const users = new Set(events.map((e) => e.user));
  assert.ok([...users].every((u) => typeof u === 'string' && /^[\w-]{43}$/.test(u)));
  assert.ok(events.every((e) => e.keyId === 'k1'));
  assert.ok(events.every((e) => !('speech' in e) && (e.utterance === undefined || e.handledAs === 'AMAZON.FallbackIntent')), 'no sentence kept unless it fell back');
});
