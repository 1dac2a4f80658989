import type { ShopwareCatalog } from '../shopware/measure.js';
import type { MatcherMicro } from './catalog-micro.js';
import type { CpuUse } from './cpu.js';
import type { LoadResult } from './load.js';
import type { ProfileDigest } from './profile-run.js';
import type { MemoryTrend } from './soak.js';
import { median } from './stats.js';

/** Which requests a figure is about; baselines of platform `any` compare with every scenario. */
export type Platform = 'alexa' | 'google' | 'any';

/** One measured round of a scenario. */
export interface Round {
  rps: number;
  serverUsPerRequest: number;
  otherCores: number;
}

/** One scenario's figures over its measured rounds. */
export interface Scenario {
  id: string;
  label: string;
  kind: 'baseline' | 'shopvoice';
  platform: Platform;
  connections: number;
  load: LoadResult;
  /** Server CPU per request and the machine's other load while this ran (medians of the rounds). */
  cpu?: CpuUse;
  /** Each measured round; every scenario of a run has the same number, taken in turn. */
  rounds?: Round[];
  /** The speech of the answer checked before the load (shopvoice scenarios). */
  heard?: string;
  /** Where the server's time went (`--profile`). */
  profile?: ProfileDigest;
}

/** Cold start figures, milliseconds. */
export interface ColdStartFigures {
  runs: number;
  alexaMs: number[];
  googleMs: number[];
  /** The first start, which also creates and seeds the data folder. */
  firstStartAlexaMs: number;
  /** node:http answering from a one-line script: this machine's floor for any Node server. */
  nodeFloorMs: number[];
}

/** One target, judged. `met: null` when the run did not measure it. */
export interface Target {
  /** The issue that set it. */
  issue: number;
  name: string;
  goal: string;
  value: string;
  met: boolean | null;
}

/** Everything `bench/results/latest.json` holds. */
export interface BenchResults {
  date: string;
  machine: Record<string, string | number>;
  settings: Record<string, string | number | boolean>;
  scenarios: Scenario[];
  unloaded: Scenario[];
  verification: { tamperedStatus: number; unsignedStatus: number; live: boolean };
  coldStart?: ColdStartFigures;
  memory: { rssAfterRunMiB: number; soak?: MemoryTrend };
  /** In-process micro-measurements: the matcher against a resolved turn's catalog access, Shopware's catalog calls. */
  catalog: { matcher?: MatcherMicro; shopware?: ShopwareCatalog };
  /** The Shopware stand-in's schema violations over the run (its requests are checked against Shopware's OpenAPI document). */
  shopwareViolations?: number;
  /** The Store API requests the stand-in answered over the run, by operation (start-up, warm-up and version checks). */
  shopwareStoreApiCalls?: string;
  /** Wall-clock seconds the whole run took. */
  runSec?: number;
  targets: Target[];
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

/** Errors a run saw: non-2xx answers, connection errors and timeouts. */
export function errorCount(load: LoadResult): number {
  return load.non2xx + load.errors;
}

/**
 * `scenario ÷ baseline` in requests per second, when they are comparable (same platform, or a
 * platform-neutral baseline). Scenarios are measured in turns, round by round, so the ratio is the
 * median of the rounds' ratios: a neighbour's load that comes and goes hits both sides of a pair.
 */
export function ratio(scenario: Scenario, baseline: Scenario): number | undefined {
  if (baseline.platform !== 'any' && baseline.platform !== scenario.platform) return undefined;
  const a = scenario.rounds;
  const b = baseline.rounds;
  if (a && b && a.length === b.length && a.length > 0) return median(a.map((r, i) => r.rps / b[i]!.rps));
  return scenario.load.rps / baseline.load.rps;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

/** The throughput table: one line per scenario, a ratio column per baseline. */
export function scenarioTable(scenarios: Scenario[], baselines: Scenario[]): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'cpu µs/req', 'other load', ...baselines.map((b) => `÷${b.id}`)];
  const body = scenarios.map((s) => [
    s.label,
    f0(s.load.rps),
    f2(s.load.p50),
    f2(s.load.p99),
    f2(s.load.max),
    String(errorCount(s.load)),
    s.cpu ? f0(s.cpu.serverUsPerRequest) : '',
    s.cpu ? `${Math.round(s.cpu.otherCores * 100)} %` : '',
    ...baselines.map((b) => {
      const r = ratio(s, b);
      return r === undefined ? '' : f2(r);
    }),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  return [row(head, widths), ...body.map((r) => row(r, widths))].join('\n');
}

/** The targets as lines with a verdict each. */
export function targetLines(targets: Target[]): string {
  return targets
    .map((t) => `${t.met === null ? '  ·' : t.met ? '  ✓' : '  ✗'} [#${t.issue}] ${t.name}: ${t.value} (target ${t.goal})`)
    .join('\n');
}

/** Markdown version of the table, for the README. */
export function markdownTable(scenarios: Scenario[], baselines: Scenario[]): string {
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'cpu µs/req', ...baselines.map((b) => `÷ ${b.id}`)];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const s of scenarios) {
    const ratios = baselines.map((b) => {
      const r = ratio(s, b);
      return r === undefined ? '' : f2(r);
    });
    const cpu = s.cpu ? f0(s.cpu.serverUsPerRequest) : '';
    lines.push(`| ${[s.label, f0(s.load.rps), f2(s.load.p50), f2(s.load.p99), f2(s.load.max), String(errorCount(s.load)), cpu, ...ratios].join(' | ')} |`);
  }
  return lines.join('\n');
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** A profile in two lines: self time by package, then the heaviest functions. */
export function profileLines(p: ProfileDigest, packages = 4, functions = 4): string[] {
  return [
    `self time: ${p.packages.slice(0, packages).map((c) => `${c.name} ${pct(c.share)}`).join(', ')}`,
    `top functions: ${p.functions.slice(0, functions).map((c) => `${c.name.replace(/ (dist|src)\//, ' ')} ${pct(c.share)}`).join(', ')}`,
  ];
}
