import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { register as globalRegistry } from 'prom-client';
import type { VoiceReply } from '../../src/domain/turn.js';
import { createMetrics } from '../../src/server/metrics.js';
import { intentRequest, launchRequest } from '../support/alexa-requests.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { breakerOf, startHarness, type Harness } from '../server/harness.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of m[2] ? m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g) : []) labels[k!] = v!;
    return { name: m[1]!, labels, value: Number(m[3]) };
  });
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

describe('GET /metrics', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ resilience: { breakAfterFailures: 2, retries: 0, halfOpenAfterMs: 60_000 } });
  });
  after(() => h.close());

  async function scrape(): Promise<Sample[]> {
    const res = await h.get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4; charset=utf-8$/);
    return parse(res.text);
  }

  test('counts turns by platform, intent, locale and outcome, and times them', async () => {
    await h.post('/alexa', launchRequest({ locale: 'de-DE' }));
    await h.post('/alexa', launchRequest({ locale: 'de-DE' }));
    await h.post('/alexa', intentRequest('OrderStatusIntent', { locale: 'en-US' }, ['orderNumber']));
    await h.post('/google', dialogflowRequest('StoreHoursIntent', { languageCode: 'en' }));
    await h.post('/alexa', '{"version":');
    const s = await scrape();
    assert.equal(value(s, 'shopvoice_turns_total', { platform: 'alexa', intent: 'LaunchRequest', locale: 'de-DE', outcome: 'ok' }), 2);
    assert.equal(value(s, 'shopvoice_turns_total', { platform: 'alexa', intent: 'OrderStatusIntent', locale: 'en-US', outcome: 'unlinked' }), 1);
    assert.equal(value(s, 'shopvoice_turns_total', { platform: 'google', intent: 'StoreHoursIntent', locale: 'en-US', outcome: 'ok' }), 1);
    assert.equal(value(s, 'shopvoice_request_duration_seconds_count', { platform: 'alexa', outcome: 'ok' }), 2);
    assert.equal(value(s, 'shopvoice_request_duration_seconds_count', { platform: 'alexa', outcome: 'rejected' }), 1);
    assert.equal(value(s, 'shopvoice_request_duration_seconds_bucket', { platform: 'google', outcome: 'ok', le: '5' }), 1);
    assert.equal(value(s, 'shopvoice_http_requests_total', { route: '/alexa', status: '400' }), 1);
    assert.ok((value(s, 'shopvoice_catalog_call_duration_seconds_count', { method: 'shopInfo', result: 'ok' }) ?? 0) >= 4);
    assert.ok((value(s, 'shopvoice_catalog_call_duration_seconds_count', { method: 'listStores', result: 'ok' }) ?? 0) >= 1);
    assert.equal(value(s, 'shopvoice_catalog_breaker_state', { state: 'closed' }), 1);
  });

  test('made-up intent names and locales collapse into a closed set of labels ("other" at worst): no series explosion', async () => {
    const counted = (samples: Sample[]) => samples.filter((x) => x.name === 'shopvoice_turns_total').reduce((sum, x) => sum + x.value, 0);
    const before = counted(await scrape());
    for (let i = 0; i < 30; i++) {
      await h.post('/alexa', intentRequest(`Made.Up.Intent${i}`, { locale: `xx-${i}` }));
    }
    const s = await scrape();
    assert.equal(counted(s) - before, 30, 'every made-up turn is counted');
    const turnSeries = s.filter((x) => x.name === 'shopvoice_turns_total');
    assert.ok(turnSeries.every((x) => !/Made\.Up/.test(x.labels.intent!) && !/^xx/.test(x.labels.locale!)));
    assert.ok(turnSeries.length < 10, `${turnSeries.length} series`);
    // The app answers them as the fallback in a supported locale; a reply that still carries an
    // unknown name or locale is counted as "other".
    const metrics = createMetrics();
    metrics.turn('alexa', { handledAs: 'Made.Up.Intent', outcome: 'ok' } as unknown as VoiceReply, 'xx-1');
    assert.match(await metrics.render(), /^shopvoice_turns_total\{platform="alexa",intent="other",locale="other",outcome="ok"\} 1$/m);
  });

  test('catalog failures by method and reason, and the breaker opening', async () => {
    h.faults.set('*', { failTimes: Infinity });
    await h.post('/alexa', launchRequest());
    await h.post('/alexa', launchRequest());
    await h.post('/alexa', launchRequest());
    assert.equal(breakerOf(h), 'open');
    const s = await scrape();
    assert.equal(value(s, 'shopvoice_catalog_call_failures_total', { method: 'shopInfo', reason: 'error' }), 2);
    assert.equal(value(s, 'shopvoice_catalog_call_failures_total', { method: 'shopInfo', reason: 'breaker_open' }), 1);
    assert.equal(value(s, 'shopvoice_catalog_breaker_state', { state: 'open' }), 1);
    assert.equal(value(s, 'shopvoice_catalog_breaker_state', { state: 'closed' }), 0);
    assert.equal(value(s, 'shopvoice_turns_total', { platform: 'alexa', intent: 'LaunchRequest', locale: 'de-DE', outcome: 'error' }), 3);
  });

  test('process metrics when asked for (the server does), not otherwise', async () => {
    assert.match(await createMetrics({ processMetrics: true }).render(), /^process_cpu_seconds_total /m);
    assert.doesNotMatch(await createMetrics().render(), /process_cpu_seconds_total/);
  });

  test('the app\'s registry is its own: nothing is registered in prom-client\'s global one', async () => {
    assert.equal((await globalRegistry.metrics()).trim(), '');
  });
});
