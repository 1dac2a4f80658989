// The KPI definitions at their edges, on constructed events where no turn path shows them
// (a stop right after a fallback, a conversation crossing midnight, no traffic at all).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KPI_DEFINITIONS } from '../../src/analytics/kpi-definitions.js';
import { computeKpis, kpiRange } from '../../src/analytics/kpis.js';
import type { TurnEvent } from '../../src/state/turn-event.js';

const base = Date.parse('2026-11-22T22:50:00Z'); // 23:50 in Berlin

function turnIn(session: string, minute: number, handledAs: string, extra: Partial<TurnEvent> = {}): TurnEvent {
  return {
    at: base + minute * 60_000, session, user: null, keyId: null, platform: 'google', locale: 'de-DE', kind: 'intent',
    intent: handledAs, handledAs, recognisedBy: 'platform', outcome: handledAs === 'AMAZON.FallbackIntent' ? 'fallback' : 'ok',
    latencyMs: 100, endSession: false, handoff: false, ...extra,
  };
}

test('abandonment: stop right after a fallback, and a last fallback nobody answered, count; stop after help does not', () => {
  const report = computeKpis([
    turnIn('a', 0, 'AMAZON.FallbackIntent'), turnIn('a', 1, 'AMAZON.StopIntent', { endSession: true }),
    turnIn('b', 0, 'AMAZON.FallbackIntent'),
    turnIn('c', 0, 'AMAZON.FallbackIntent'), turnIn('c', 1, 'AMAZON.HelpIntent'), turnIn('c', 2, 'AMAZON.CancelIntent'),
    turnIn('d', 0, 'StoreHoursIntent'),
  ], { from: '2026-11-22', to: '2026-11-23' });
  assert.equal(report.total.abandonment, 2 / 4);
  assert.deepEqual(report.total.taskCompletion.StoreHoursIntent, { attempted: 1, completed: 1, rate: 1 });
});

test('a conversation counts on the shop-time-zone day of its first turn, all its turns with it', () => {
  const report = computeKpis([turnIn('x', 0, 'LaunchRequest'), turnIn('x', 20, 'ShopFaqIntent'), turnIn('y', 15, 'ShopFaqIntent')], { from: '2026-11-22', to: '2026-11-23' });
  assert.deepEqual(report.days.map((d) => [d.day, d.conversations, d.turns]), [['2026-11-22', 1, 2], ['2026-11-23', 1, 1]]);
  const utc = computeKpis([turnIn('x', 0, 'LaunchRequest')], { from: '2026-11-22', to: '2026-11-22', timeZone: 'UTC' });
  assert.equal(utc.days[0]!.day, '2026-11-22');
});

test('without traffic every rate is empty (null), never a made-up 0 % or 100 %', () => {
  const { total } = computeKpis([], { from: '2026-11-22', to: '2026-11-22' });
  assert.equal(total.conversations, 0);
  for (const key of ['turnsPerConversation', 'containment', 'fallbackRate', 'handoffRate', 'abandonment', 'csat', 'p50Ms', 'p95Ms', 'reorderConversion'] as const) {
    assert.equal(total[key], null, key);
  }
});

test('a session that only ended (no turn) is no conversation', () => {
  const { total } = computeKpis([turnIn('z', 0, 'SessionEndedRequest', { kind: 'session-ended' })], { from: '2026-11-22', to: '2026-11-22' });
  assert.equal(total.conversations, 0);
});

test('kpiRange covers whole days in the shop time zone, DST change included', () => {
  const { from, to } = kpiRange('2026-10-25', '2026-10-25');
  assert.equal(from.toISOString(), '2026-10-24T22:00:00.000Z');
  assert.equal(to.getTime() - from.getTime(), 25 * 3600_000, 'the day the clocks go back has 25 hours');
  assert.throws(() => kpiRange('2026-11-30', '2026-11-01'), /after/);
  assert.throws(() => kpiRange('yesterday', '2026-11-01'), /not a date/);
});

test('every KPI is defined in docs/kpis.md and in both console languages', () => {
  const doc = readFileSync(new URL('../../docs/kpis.md', import.meta.url), 'utf8');
  for (const [name, text] of Object.entries(KPI_DEFINITIONS)) {
    assert.match(doc, new RegExp(`\`${name}\``), `docs/kpis.md defines ${name}`);
    assert.ok(text.en[1].length > 20 && text.de[1].length > 20, name);
  }
});
