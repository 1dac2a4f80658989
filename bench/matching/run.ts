/**
 * `npm run bench:matching [-- --million] [-- --queries N] [-- --no-baselines] [-- --engines shopvoice,…]`
 *
 * Runs the spoken-name matcher and the MiniSearch and FlexSearch baselines over the same
 * generated catalog and labelled queries, each engine in a fresh process so its memory is its
 * own, prints one table and writes bench/results/matching-latest.json. The 1,000,000-product run
 * of the matcher gets a 1.5 GB heap (`--max-old-space-size=1536`): finishing at all is the proof
 * that catalog, queries and index fit in it. `--engines` re-measures only those engines and keeps
 * the other runs already in the results file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ENGINE_NAMES, type EngineName } from './engines.js';

const { values } = parseArgs({
  options: {
    million: { type: 'boolean', default: false },
    'no-baselines': { type: 'boolean', default: false },
    queries: { type: 'string', default: '2000' },
    size: { type: 'string', default: '100000' },
    engines: { type: 'string', default: ENGINE_NAMES.join(',') },
  },
});
const engines = new Set(values.engines.split(',').map((e) => e.trim()));

interface Plan {
  engine: EngineName;
  size: number;
  queries: number;
  heapMB: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'results', 'matching-latest.json');
const queries = Number(values.queries);
const size = Number(values.size);
const plans: Plan[] = [{ engine: 'shopvoice', size, queries, heapMB: 1536 }];
// MiniSearch with fuzzy search takes ~0.1–0.6 s a query at 100,000 names: fewer queries keep the
// run short, and its accuracy and percentiles are still well measured.
if (!values['no-baselines']) {
  plans.push({ engine: 'minisearch', size, queries: Math.min(queries, 500), heapMB: 4096 });
  plans.push({ engine: 'flexsearch', size, queries, heapMB: 4096 });
}
if (values.million) {
  plans.push({ engine: 'shopvoice', size: 1_000_000, queries, heapMB: 1536 });
  if (!values['no-baselines']) {
    plans.push({ engine: 'minisearch', size: 1_000_000, queries: Math.min(queries, 100), heapMB: 8192 });
    plans.push({ engine: 'flexsearch', size: 1_000_000, queries: Math.min(queries, 500), heapMB: 8192 });
  }
}

type Run = Record<string, unknown>;
const round2 = (x: number): number => Math.round(x * 100) / 100;
const runs: Run[] = [];
for (const plan of plans.filter((p) => engines.has(p.engine))) {
  process.stderr.write(`running ${plan.engine} over ${plan.size} products (${plan.queries} queries, heap ${plan.heapMB} MB)…\n`);
  const child = spawnSync(
    process.execPath,
    [`--max-old-space-size=${plan.heapMB}`, '--expose-gc', '--import', 'tsx', join(here, 'run-engine.ts'),
      '--engine', plan.engine, '--size', String(plan.size), '--queries', String(plan.queries)],
    { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 30 * 60_000 },
  );
  const line = child.stdout.trim().split('\n').pop() ?? '';
  // Other work on the machine shows up in the latency percentiles; the load says how much.
  const context = { heapLimitMB: plan.heapMB, measuredAt: new Date().toISOString(), loadAverage1m: round2(loadavg()[0]!) };
  if (child.status === 0 && line.startsWith('{')) runs.push({ ...JSON.parse(line), ...context });
  else runs.push({ engine: plan.engine, products: plan.size, ...context, failed: (child.stderr || String(child.error ?? child.signal)).trim().split('\n').slice(-3).join(' ') });
}
// Keep earlier runs of engines and sizes not measured now.
const key = (r: Run): string => `${String(r.engine)}@${String(r.products)}`;
const earlier: Run[] = existsSync(out) ? ((JSON.parse(readFileSync(out, 'utf8')) as { runs?: Run[] }).runs ?? []) : [];
const measured = new Set(runs.map(key));
const order = (r: Run): number => Number(r.products) * 10 + ENGINE_NAMES.indexOf(r.engine as EngineName);
const allRuns = [...earlier.filter((r) => !measured.has(key(r))), ...runs].sort((a, b) => order(a) - order(b));

const pct = (x: unknown): string => (typeof x === 'number' ? `${(x * 100).toFixed(1)}%` : '–');
const num = (x: unknown, digits = 2): string => (typeof x === 'number' ? x.toFixed(digits) : '–');
const rows = allRuns.map((r) =>
  r.failed
    ? `| ${r.engine} | ${r.products} | failed: ${String(r.failed).slice(0, 80)} |`
    : `| ${r.engine} | ${r.products} | ${r.queries} | ${pct(r.top1)} | ${pct(r.top3)} | ${num(r.p50Ms)} | ${num(r.p99Ms)} | ${num(Number(r.buildMs) / 1000, 1)} | ${r.indexMB} | ${r.peakRssMB} / ${r.heapLimitMB} | ${num(r.loadAverage1m, 1)} |`,
);
const table = [
  '| engine | products | queries | top-1 | top-3 | p50 ms | p99 ms | build s | index MB | peak RSS / heap limit MB | load (1 min) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n');
process.stdout.write(table + '\n');

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  runs: allRuns,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
process.stderr.write(`written ${out}\n`);
