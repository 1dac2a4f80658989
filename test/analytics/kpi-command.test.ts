import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from '../../src/cli/commands/kpi.js';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import type { TurnEvent } from '../../src/state/turn-event.js';

function event(at: string, session: string, extra: Partial<TurnEvent> = {}): TurnEvent {
  return {
    at: Date.parse(at), session, user: null, keyId: null, platform: 'alexa', locale: 'de-DE', kind: 'intent',
    intent: 'ReorderIntent', handledAs: 'ReorderIntent', recognisedBy: 'platform', outcome: 'ok', latencyMs: 40, endSession: false, handoff: false, ...extra,
  };
}

async function withEvents(t: { after(fn: () => unknown): void }, events: TurnEvent[]) {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-kpi-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = openSqliteStateStore(dir);
  await store.recordTurnEvents(events);
  store.close();
  const out: string[] = [];
  const err: string[] = [];
  const cli = (args: string[], now = '2026-11-24T12:00:00Z') =>
    run(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, { env: { SHOPVOICE_DATA_DIR: dir }, now: () => new Date(now) });
  return { cli, out, err };
}

const traffic = [
  event('2026-11-20T09:00:00Z', 'a', { readBackCents: 1600 }),
  event('2026-11-20T09:01:00Z', 'a', { handledAs: 'AMAZON.YesIntent', orderCents: 1600, endSession: true }),
  event('2026-11-23T09:00:00Z', 'b', { platform: 'google', locale: 'en-US', handledAs: 'ProductLookupIntent', product: { spoken: 'moon cheese', found: false } }),
  event('2026-11-10T09:00:00Z', 'old'),
];

test('kpi --json prints the report of the days asked for as one line', async (t) => {
  const { cli, out } = await withEvents(t, traffic);
  assert.equal(await cli(['--from', '2026-11-20', '--to', '2026-11-23', '--json']), 0);
  assert.equal(out.length, 1);
  const report = JSON.parse(out[0]!);
  assert.equal(report.total.conversations, 2);
  assert.equal(report.total.revenueCents, 1600);
  assert.deepEqual(report.rows.map((r: any) => [r.day, r.platform, r.locale]), [['2026-11-20', 'alexa', 'de-DE'], ['2026-11-23', 'google', 'en-US']]);
  assert.deepEqual(report.notFoundProducts, [{ product: 'moon cheese', locale: 'en-US', count: 1 }]);
});

test('kpi prints a table for the last seven days by default, with the lists', async (t) => {
  const { cli, out } = await withEvents(t, traffic);
  assert.equal(await cli([]), 0);
  assert.match(out[0]!, /^KPIs 2026-11-18 to 2026-11-24 \(Europe\/Berlin\); definitions: docs\/kpis\.md$/);
  const rows = out.filter((l) => /^(2026|total)/.test(l));
  assert.equal(rows.length, 3, 'two days and the total; the 10th is outside');
  assert.match(rows[0]!, /^2026-11-20\s+alexa\s+de-DE\s+1\s+2\.0\s+100\.0 %.*16\.00 €\s+100\.0 %$/);
  assert.match(rows[2]!, /^total\s+2\s+1\.5/);
  assert.ok(out.some((l) => /^\s+1\s+en-US\s+moon cheese$/.test(l)));
  assert.ok(out.some((l) => /ReorderIntent\s+100\.0 %\s+\(1 of 1\)/.test(l)));
});

test('kpi refuses bad dates and unknown options with usage and exit code 2', async (t) => {
  const { cli, err } = await withEvents(t, []);
  assert.equal(await cli(['--from', '2026-11-30', '--to', '2026-11-01']), 2);
  assert.equal(await cli(['--from', 'monday']), 2);
  assert.equal(await cli(['--weekly']), 2);
  assert.equal(err.filter((l) => l.includes('usage: shopvoice kpi')).length, 3);
});
