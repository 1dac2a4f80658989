import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { computeKpis, kpiRange, TASK_INTENTS, type KpiFigures, type KpiReport } from '../../analytics/kpis.js';
import { loadConfig } from '../../config.js';
import { openStateStore } from '../../state/open-state-store.js';
import type { CliIo } from '../cli-io.js';

const USAGE = 'usage: shopvoice kpi [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]   (default: the last 7 days)';
const ZONE = 'Europe/Berlin';

export interface KpiCommandOptions {
  /** The environment the config is read from (tests point SHOPVOICE_DATA_DIR at their own). */
  env?: Record<string, string | undefined>;
  /** Today, for the default range (tests pin it). */
  now?: () => Date;
}

const percent = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const number = (v: number | null, digits = 0) => (v === null ? '–' : v.toFixed(digits));
const euro = (cents: number) => `${(cents / 100).toFixed(2)} €`;

const COLUMNS: Array<[string, (f: KpiFigures) => string]> = [
  ['conv', (f) => String(f.conversations)],
  ['turns/conv', (f) => number(f.turnsPerConversation, 1)],
  ['contained', (f) => percent(f.containment)],
  ['fallback', (f) => percent(f.fallbackRate)],
  ['hand-off', (f) => percent(f.handoffRate)],
  ['abandoned', (f) => percent(f.abandonment)],
  ['CSAT', (f) => percent(f.csat)],
  ['p50 ms', (f) => number(f.p50Ms)],
  ['p95 ms', (f) => number(f.p95Ms)],
  ['orders', (f) => String(f.orders)],
  ['revenue', (f) => euro(f.revenueCents)],
  ['reorder conv', (f) => percent(f.reorderConversion)],
];

/** The KPI report as aligned text: one row per day, platform and locale, the total, then the lists. */
export function kpiTable(report: KpiReport): string[] {
  const head = ['day', 'platform', 'locale', ...COLUMNS.map(([name]) => name)];
  const rows = report.rows.map((r) => [r.day, r.platform, r.locale, ...COLUMNS.map(([, cell]) => cell(r))]);
  rows.push(['total', '', '', ...COLUMNS.map(([, cell]) => cell(report.total))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const lines = [`KPIs ${report.from} to ${report.to} (${report.timeZone}); definitions: docs/kpis.md`, '', line(head), ...rows.map(line), '', 'task completion'];
  for (const intent of TASK_INTENTS) {
    const t = report.total.taskCompletion[intent];
    lines.push(`  ${intent.padEnd(20)} ${percent(t.rate).padStart(8)}  (${t.completed} of ${t.attempted})`);
  }
  lines.push('', 'products asked for and not found');
  lines.push(...(report.notFoundProducts.length ? report.notFoundProducts.map((p) => `  ${String(p.count).padStart(5)}  ${p.locale}  ${p.product}`) : ['  (none)']));
  lines.push('', 'sentences not understood (redacted)');
  lines.push(...(report.fallbackSentences.length ? report.fallbackSentences.map((s) => `  ${String(s.count).padStart(5)}  ${s.locale}  ${s.sentence}`) : ['  (none)']));
  return lines;
}

/**
 * `shopvoice kpi [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]`: the KPIs of the recorded turns
 * in the configured state store, per day, platform and locale (definitions in docs/kpis.md).
 * Days are whole days in the shop's time zone, both ends included; the default is the last seven
 * days up to today. With `--json`, the report as one JSON line.
 *
 * @example shopvoice kpi --from 2026-11-01 --to 2026-11-30
 */
export async function run(argv: string[], io: CliIo, options: KpiCommandOptions = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    io.err(`shopvoice kpi: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const today = DateTime.fromJSDate((options.now ?? (() => new Date()))(), { zone: ZONE });
  const to = values.to ?? today.toISODate()!;
  const from = values.from ?? DateTime.fromISO(to, { zone: ZONE }).minus({ days: 6 }).toISODate() ?? to;
  let range;
  try {
    range = kpiRange(from, to, ZONE);
  } catch (err) {
    io.err(`shopvoice kpi: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  let state;
  try {
    state = await openStateStore({ dataDir: loadConfig(options.env ?? process.env).dataDir });
  } catch (err) {
    io.err(`shopvoice kpi: ${(err as Error).message}`);
    return 1;
  }
  try {
    const report = computeKpis(await state.turnEvents(range), { from, to, timeZone: ZONE });
    if (values.json) io.out(JSON.stringify(report));
    else for (const line of kpiTable(report)) io.out(line);
    return 0;
  } finally {
    await state.close();
  }
}
