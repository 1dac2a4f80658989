// Per-call cost of the request path's metrics: prom-client's own Counter/Histogram against the
// accumulators of src/server/metric-series.ts (bench/NOTES.md, "Metrics"). Run:
//   node --import tsx bench/micro/metric-series.ts
import { Counter, Histogram, Registry } from 'prom-client';
import { CounterSeries, HistogramSeries } from '../../src/server/metric-series.js';

const N = 2_000_000;
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 5, 8];

function time(label: string, fn: (i: number) => void): number {
  for (let i = 0; i < N / 10; i++) fn(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  const us = Number(process.hrtime.bigint() - started) / 1000 / N;
  process.stdout.write(`${label.padEnd(44)} ${us.toFixed(3)} µs\n`);
  return us;
}

const registry = new Registry();
const counter4 = new Counter({ name: 'a_total', help: 'a', labelNames: ['platform', 'intent', 'locale', 'outcome'], registers: [registry] });
const counter2 = new Counter({ name: 'b_total', help: 'b', labelNames: ['route', 'status'], registers: [registry] });
const histogram = new Histogram({ name: 'c_seconds', help: 'c', labelNames: ['method', 'result'], buckets: BUCKETS, registers: [registry] });
const series4 = new CounterSeries({ name: 'd_total', help: 'd', labelNames: ['platform', 'intent', 'locale', 'outcome'] as const, registers: [registry] });
const series2 = new CounterSeries({ name: 'e_total', help: 'e', labelNames: ['route', 'status'] as const, registers: [registry] });
const seriesH = new HistogramSeries({ name: 'f_seconds', help: 'f', labelNames: ['method', 'result'] as const, buckets: BUCKETS, registers: [registry] });
const intents = ['ProductLookupIntent', 'StoreHoursIntent', 'OrderStatusIntent'];

const c4 = time('prom-client Counter inc, 4 labels', (i) => counter4.inc({ platform: 'alexa', intent: intents[i % 3]!, locale: 'de-DE', outcome: 'ok' }));
const s4 = time('CounterSeries inc, 4 labels', (i) => series4.inc('alexa', intents[i % 3]!, 'de-DE', 'ok'));
const c2 = time('prom-client Counter inc, 2 labels', () => counter2.inc({ route: '/alexa', status: '200' }));
const s2 = time('CounterSeries inc, 2 labels', () => series2.inc('/alexa', '200'));
const h2 = time('prom-client Histogram observe, 2 labels', (i) => histogram.observe({ method: 'shopInfo', result: 'ok' }, (i % 100) / 1000));
const sh = time('HistogramSeries observe, 2 labels', (i) => seriesH.observe((i % 100) / 1000, 'shopInfo', 'ok'));

// One /alexa ProductLookupIntent request: a turn (4 labels), a request (2), its latency (2) and
// about three catalog calls (2 each).
const promClient = c4 + c2 + h2 + 3 * h2;
const own = s4 + s2 + sh + 3 * sh;
process.stdout.write(`per request: prom-client ${promClient.toFixed(2)} µs, own ${own.toFixed(2)} µs, difference ${(promClient - own).toFixed(2)} µs\n`);
