/**
 * One engine, one catalog size, in a fresh process (so memory is this engine's alone); prints one
 * JSON line. Started by run.ts: `node --expose-gc --import tsx bench/matching/run-engine.ts
 * --engine shopvoice --size 100000 --queries 2000`.
 */
import { parseArgs } from 'node:util';
import { buildEngine, type EngineName } from './engines.js';
import { generateCatalog } from './generate-catalog.js';
import { generateQueries } from './generate-queries.js';

const { values } = parseArgs({
  options: { engine: { type: 'string' }, size: { type: 'string' }, queries: { type: 'string' } },
});
const engineName = values.engine as EngineName;
const size = Number(values.size ?? 100_000);
const queryCount = Number(values.queries ?? 2000);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const memory = (): number => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};
const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

let catalog: ReturnType<typeof generateCatalog> | undefined = generateCatalog(size);
const queries = generateQueries(catalog, queryCount);
const products = catalog.products;
catalog = undefined;

const before = memory();
const started = performance.now();
const engine = buildEngine(engineName, products);
const buildMs = performance.now() - started;
const indexBytes = memory() - before;

// Warm-up: let the JIT see the code paths before timing (a tenth of the queries, at most 300).
for (const q of queries.slice(0, Math.min(300, Math.ceil(queries.length / 10)))) engine.search(q.text, q.language);

let top1 = 0;
let top3 = 0;
const latencies: number[] = [];
const byNoise: Record<string, { n: number; top1: number }> = {};
for (const q of queries) {
  const t0 = performance.now();
  const ids = engine.search(q.text, q.language);
  latencies.push(performance.now() - t0);
  const hit1 = ids[0] === q.expected;
  if (hit1) top1++;
  if (ids.slice(0, 3).includes(q.expected)) top3++;
  for (const noise of q.noises.length ? q.noises : ['clean']) {
    const entry = (byNoise[noise] ??= { n: 0, top1: 0 });
    entry.n++;
    if (hit1) entry.top1++;
  }
}
latencies.sort((a, b) => a - b);
const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;
process.stdout.write(
  JSON.stringify({
    engine: engineName,
    products: products.length,
    queries: queries.length,
    top1: round(top1 / queries.length, 4),
    top3: round(top3 / queries.length, 4),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    maxMs: round(latencies[latencies.length - 1]!),
    buildMs: Math.round(buildMs),
    indexMB: Math.round(indexBytes / 1e6),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    top1ByNoise: Object.fromEntries(Object.entries(byNoise).map(([k, v]) => [k, { n: v.n, top1: round(v.top1 / v.n, 4) }])),
  }) + '\n',
);
