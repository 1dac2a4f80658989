import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Counter, Gauge, Histogram, Registry, type OpenMetricsContentType } from 'prom-client';
import type { BreakerState, CatalogCallResult, CatalogObserver } from '../../src/catalog/resilient-commerce.js';
import { SHARED_INTENT_NAMES, isSharedIntent } from '../../src/domain/intents.js';
import { isLocale, type Platform, type VoiceReply } from '../../src/domain/turn.js';
import { CounterSeries, HistogramSeries } from '../../src/server/metric-series.js';
import type { RequestOutcome } from '../../src/platforms/request-context.js';
import { createMetrics, OPERATOR_COUNTERS, PROMETHEUS_CONTENT_TYPE, routeLabel, type Metrics } from '../../src/server/metrics.js';
import { seededRandom } from '../support/seeded-random.js';

// The exposition must not change when metrics.ts's hot metrics moved from prom-client's Counter and
// Histogram to metric-series.ts: the reference below is the prom-client version, kept as it was.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 5, 8];
const NON_INTENTS = new Set(['LaunchRequest', 'SessionEndedRequest']);
const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half-open'];

/** `createMetrics()` as it was, on prom-client's own labelled Counter and Histogram. */
function referenceMetrics(): Metrics {
  const registry = new Registry();
  const turns = new Counter({
    name: 'shopvoice_turns_total',
    help: 'Answered conversation turns by platform, intent, locale and outcome.',
    labelNames: ['platform', 'intent', 'locale', 'outcome'] as const,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'shopvoice_http_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'shopvoice_request_duration_seconds',
    help: 'Time from request to finished response on the platform routes, by platform and outcome.',
    labelNames: ['platform', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const catalogSeconds = new Histogram({
    name: 'shopvoice_catalog_call_duration_seconds',
    help: 'Catalog (shop) call latency including retries, by method and result.',
    labelNames: ['method', 'result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const catalogFailures = new Counter({
    name: 'shopvoice_catalog_call_failures_total',
    help: 'Catalog calls that failed (timeout, error, breaker_open), by method and reason.',
    labelNames: ['method', 'reason'] as const,
    registers: [registry],
  });
  const breaker = new Gauge({
    name: 'shopvoice_catalog_breaker_state',
    help: 'Catalog circuit breaker: 1 for the current state, 0 for the others.',
    labelNames: ['state'] as const,
    registers: [registry],
  });
  for (const state of BREAKER_STATES) breaker.set({ state }, state === 'closed' ? 1 : 0);
  const catalog: CatalogObserver = {
    call(method, seconds, result) {
      catalogSeconds.observe({ method, result }, seconds);
      if (result !== 'ok' && result !== 'expected') catalogFailures.inc({ method, reason: result });
    },
    breakerState(current) {
      for (const state of BREAKER_STATES) breaker.set({ state }, state === current ? 1 : 0);
    },
  };
  const intent = (name: string) => (isSharedIntent(name) || NON_INTENTS.has(name) ? name : 'other');
  const counter = ({ name, help }: { name: string; help: string }) => new Counter({ name, help, labelNames: ['platform'] as const, registers: [registry] });
  const operator = {
    sessions: counter(OPERATOR_COUNTERS.sessions),
    handoffs: counter(OPERATOR_COUNTERS.handoffs),
    orders: counter(OPERATOR_COUNTERS.orders),
    orderValue: counter(OPERATOR_COUNTERS.orderValue),
  };
  return {
    registry: async () => registry,
    catalog,
    conversation(platform, newSession, reply) {
      if (newSession) operator.sessions.inc({ platform });
      if (reply.handledAs === 'HumanHandoffIntent' || reply.state.pending?.kind === 'handoff') operator.handoffs.inc({ platform });
    },
    watchOutbox() {},
    order(platform, cents) {
      operator.orders.inc({ platform });
      operator.orderValue.inc({ platform }, cents / 100);
    },
    turn(platform, reply, locale) {
      turns.inc({ platform, intent: intent(reply.handledAs), locale: isLocale(locale) ? locale : 'other', outcome: reply.outcome });
    },
    request(route, status, seconds, outcome) {
      const label = routeLabel(route);
      httpRequests.inc({ route: label, status: String(status) });
      if (label === '/alexa' || label === '/google') {
        requestSeconds.observe({ platform: label.slice(1), outcome: outcome ?? (status >= 500 ? 'failed' : 'rejected') }, seconds);
      }
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** Seconds: every bucket bound exactly, 0, above the last bound, and sums that round in binary. */
const EDGE_SECONDS = [...LATENCY_BUCKETS, 0, 8.000001, 9, 30, 0.1, 0.2, 0.3, 1e-9, 123.456];

/** Feeds `count` seeded random calls into every target alike. */
function drive(seed: number, count: number, targets: Metrics[]): void {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const seconds = () => (next() < 0.3 ? pick(EDGE_SECONDS) : next() < 0.5 ? next() * 0.1 : next() * 10);
  const routes = ['/alexa', '/alexa', '/google', '/google/', '/healthz', '/readyz', '/metrics', '/nope', '/alexa?x=1'];
  const outcomes: (RequestOutcome | undefined)[] = ['ok', 'fallback', 'error', 'unlinked', 'event', 'rejected', 'failed', undefined];
  const intents = [...SHARED_INTENT_NAMES, 'LaunchRequest', 'SessionEndedRequest', 'Made.Up.Intent', 'IntentRequest'];
  const locales = ['de-DE', 'en-US', 'en-GB', 'fr-FR', 'xx-1', ''];
  const methods = ['shopInfo', 'listStores', 'orderStatus', 'productLookup'];
  const results: CatalogCallResult[] = ['ok', 'ok', 'ok', 'expected', 'timeout', 'error', 'breaker_open'];
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.35) {
      const [route, status, s, outcome] = [pick(routes), pick([200, 200, 204, 400, 401, 404, 500, 503]), seconds(), pick(outcomes)];
      for (const t of targets) t.request(route, status, s, outcome);
    } else if (kind < 0.6) {
      const platform: Platform = pick(['alexa', 'google'] as const);
      const reply = { handledAs: pick(intents), outcome: pick(['ok', 'fallback', 'error', 'unlinked'] as const) } as unknown as VoiceReply;
      const locale = pick(locales);
      for (const t of targets) t.turn(platform, reply, locale);
    } else if (kind < 0.98) {
      const [method, s, result] = [pick(methods), seconds(), pick(results)];
      for (const t of targets) t.catalog.call(method, s, result);
    } else {
      const state = pick(BREAKER_STATES);
      for (const t of targets) t.catalog.breakerState(state);
    }
  }
}

async function assertSameExposition(ours: Registry, reference: Registry, when: string): Promise<void> {
  const [text, expected] = [await ours.metrics(), await reference.metrics()];
  assert.equal(text, expected, `${when}: metrics() text`);
  const [json, expectedJson] = [await ours.getMetricsAsJSON(), await reference.getMetricsAsJSON()];
  assert.deepStrictEqual(json, expectedJson, `${when}: getMetricsAsJSON()`);
  // deepStrictEqual ignores key order; the JSON a caller would serve does not.
  assert.equal(JSON.stringify(json), JSON.stringify(expectedJson), `${when}: getMetricsAsJSON() key order`);
}

describe('metrics exposition is byte-identical to prom-client\'s Counter and Histogram', () => {
  test('empty, then across two scrapes of seeded random observations', async () => {
    const [ours, reference] = [createMetrics(), referenceMetrics()];
    const [oursRegistry, referenceRegistry] = [await ours.registry(), await reference.registry()];
    await assertSameExposition(oursRegistry, referenceRegistry, 'before any observation');
    drive(7, 3000, [ours, reference]);
    await assertSameExposition(oursRegistry, referenceRegistry, 'first scrape');
    drive(8, 3000, [ours, reference]);
    const text = await ours.render();
    await assertSameExposition(oursRegistry, referenceRegistry, 'second scrape');
    assert.equal(text, await reference.render());
    // The sequence reached what this test is for.
    assert.match(text, /^shopvoice_catalog_call_failures_total\{method="\w+",reason="breaker_open"\} \d+$/m);
    assert.match(text, /^shopvoice_request_duration_seconds_bucket\{le="\+Inf",platform="google",outcome="failed"\} \d+$/m);
    assert.match(text, /^shopvoice_turns_total\{platform="alexa",intent="other",locale="other",outcome="\w+"\} \d+$/m);
  });

  test('bucket bounds are inclusive; above the last bound counts only in +Inf, _sum and _count', async () => {
    const [ours, reference] = [createMetrics(), referenceMetrics()];
    const [oursRegistry, referenceRegistry] = [await ours.registry(), await reference.registry()];
    for (const t of [ours, reference]) {
      for (const s of [0.005, 8, 8.5, 0.0051, 0]) t.request('/alexa', 200, s, 'ok');
      t.catalog.call('shopInfo', 0.005, 'ok');
      t.catalog.call('shopInfo', 8, 'timeout');
      t.catalog.call('shopInfo', 20, 'breaker_open');
    }
    await assertSameExposition(oursRegistry, referenceRegistry, 'bounds');
    const text = await ours.render();
    assert.match(text, /^shopvoice_request_duration_seconds_bucket\{le="0.005",platform="alexa",outcome="ok"\} 2$/m);
    assert.match(text, /^shopvoice_request_duration_seconds_bucket\{le="0.01",platform="alexa",outcome="ok"\} 3$/m);
    assert.match(text, /^shopvoice_request_duration_seconds_bucket\{le="8",platform="alexa",outcome="ok"\} 4$/m);
    assert.match(text, /^shopvoice_request_duration_seconds_bucket\{le="\+Inf",platform="alexa",outcome="ok"\} 5$/m);
    assert.match(text, /^shopvoice_request_duration_seconds_sum\{platform="alexa",outcome="ok"\} 16.5101$/m);
    assert.match(text, /^shopvoice_catalog_call_failures_total\{method="shopInfo",reason="timeout"\} 1$/m);
  });

  test('with default labels, in OpenMetrics, one metric alone, and after resetMetrics()', async () => {
    const [ours, reference] = [createMetrics(), referenceMetrics()];
    const [oursRegistry, referenceRegistry] = [await ours.registry(), await reference.registry()];
    for (const r of [oursRegistry, referenceRegistry]) r.setDefaultLabels({ instance: 'a"b', platform: 'shadowed' });
    drive(11, 500, [ours, reference]);
    await assertSameExposition(oursRegistry, referenceRegistry, 'default labels');
    for (const name of ['shopvoice_turns_total', 'shopvoice_catalog_call_duration_seconds']) {
      assert.equal(await oursRegistry.getSingleMetricAsString(name), await referenceRegistry.getSingleMetricAsString(name));
    }
    // What the registry's text format reads from a histogram, besides get().
    const forPromString = (r: Registry, name: string) => (r.getSingleMetric(name) as unknown as { getForPromString(): Promise<unknown> }).getForPromString();
    for (const name of ['shopvoice_request_duration_seconds', 'shopvoice_catalog_call_duration_seconds']) {
      assert.deepStrictEqual(await forPromString(oursRegistry, name), await forPromString(referenceRegistry, name));
    }

    for (const r of [oursRegistry, referenceRegistry]) r.resetMetrics();
    await assertSameExposition(oursRegistry, referenceRegistry, 'reset');
    drive(12, 500, [ours, reference]);
    await assertSameExposition(oursRegistry, referenceRegistry, 'after reset');

    // The registries are typed for the Prometheus format; switching one is what a caller may do.
    for (const r of [oursRegistry, referenceRegistry]) (r as unknown as Registry<OpenMetricsContentType>).setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    await assertSameExposition(oursRegistry, referenceRegistry, 'OpenMetrics');
    drive(13, 200, [ours, reference]);
    await assertSameExposition(oursRegistry, referenceRegistry, 'OpenMetrics, second scrape');
  });
});

describe('the registry is made on the first scrape', () => {
  test('what was counted before it is in it, breaker state and operator counters included', async () => {
    const [ours, reference] = [createMetrics(), referenceMetrics()];
    for (const t of [ours, reference]) {
      t.order('alexa', 1234);
      t.order('google', 99);
      t.conversation('alexa', true, { handledAs: 'HumanHandoffIntent', state: {} } as unknown as VoiceReply);
      t.catalog.breakerState('open');
    }
    drive(21, 300, [ours, reference]);
    const text = await ours.render();
    assert.equal(text, await reference.render());
    assert.match(text, /^shopvoice_order_value_euros_total\{platform="alexa"\} 12.34$/m);
    assert.match(text, /^shopvoice_handoffs_total\{platform="alexa"\} 1$/m);
    // Still the same after the registry exists.
    ours.catalog.breakerState('half-open');
    reference.catalog.breakerState('half-open');
    ours.order('alexa', 1);
    reference.order('alexa', 1);
    assert.equal(await ours.render(), await reference.render());
    assert.match(await ours.render(), /^shopvoice_catalog_breaker_state\{state="half-open"\} 1$/m);
  });

  test('the content type is prom-client\'s, known before it is loaded', () => {
    assert.equal(createMetrics().contentType, Registry.PROMETHEUS_CONTENT_TYPE);
    assert.equal(PROMETHEUS_CONTENT_TYPE, new Registry().contentType);
  });

  test('an order value that cannot be counted (negative, not a number) is refused; a fraction is counted', async () => {
    const registry = new Registry();
    const counter = new CounterSeries({ name: 'v_total', help: 'v', labelNames: ['platform'], registers: [registry] });
    assert.throws(() => counter.incBy(-1, 'alexa'), TypeError);
    assert.throws(() => counter.incBy(Number.NaN, 'alexa'), TypeError);
    // prom-client's own Counter refuses a negative amount too.
    assert.throws(() => new Counter({ name: 'p_total', help: 'p', labelNames: ['platform'], registers: [] }).inc({ platform: 'alexa' }, -1));
    counter.incBy(0.5, 'alexa');
    counter.incBy(0.25, 'alexa');
    assert.match(await registry.metrics(), /^v_total\{platform="alexa"\} 0.75$/m);
  });
});

describe('metric-series', () => {
  test('past maxSeries, new label sets are counted in the all-"other" series, and overflowed says so', async () => {
    const registry = new Registry();
    const counter = new CounterSeries({ name: 'c_total', help: 'c', labelNames: ['a', 'b'], registers: [registry], maxSeries: 2 });
    const histogram = new HistogramSeries({ name: 'h', help: 'h', labelNames: ['a'], buckets: [1], registers: [registry], maxSeries: 1 });
    for (const v of ['x', 'y', 'z', 'w', 'x']) counter.inc(v, v);
    for (const v of ['x', 'y', 'z', 'x']) histogram.observe(2, v);
    assert.ok(counter.overflowed && histogram.overflowed);
    const text = await registry.metrics();
    assert.match(text, /^c_total\{a="x",b="x"\} 2$/m);
    assert.match(text, /^c_total\{a="y",b="y"\} 1$/m);
    assert.match(text, /^c_total\{a="other",b="other"\} 2$/m);
    assert.doesNotMatch(text, /"[zw]"/);
    assert.match(text, /^h_count\{a="x"\} 2$/m);
    assert.match(text, /^h_count\{a="other"\} 2$/m);
    registry.resetMetrics();
    assert.ok(!counter.overflowed);
    counter.inc('z', 'z');
    assert.match(await registry.metrics(), /^c_total\{a="z",b="z"\} 1$/m);
  });

  test('refuses what prom-client refuses, and a wrong number of label values', () => {
    const registry = new Registry();
    const histogram = new HistogramSeries({ name: 'h', help: 'h', labelNames: ['a'], buckets: [1, 2], registers: [registry] });
    assert.throws(() => histogram.observe(Number.NaN, 'x'), TypeError);
    assert.throws(() => histogram.observe(Infinity, 'x'), TypeError);
    assert.throws(() => (histogram.observe as (v: number, ...l: string[]) => void)(1), TypeError);
    assert.throws(() => (histogram.observe as (v: number, ...l: unknown[]) => void)(1, 3), TypeError);
    assert.throws(() => new HistogramSeries({ name: 'h2', help: 'h', labelNames: ['le'], buckets: [1], registers: [] }), /reserved/);
    assert.throws(() => new HistogramSeries({ name: 'h3', help: 'h', labelNames: ['a'], buckets: [2, 1], registers: [] }), /ascending/);
    assert.throws(() => new CounterSeries({ name: 'h', help: 'h', labelNames: ['a'], registers: [registry] }), /already been registered/);
    assert.equal(registry.getSingleMetric('h'), histogram as unknown);
  });
});
