// `node --import tsx bench/markdown.ts [results.json]`: prints the README's benchmark section
// body (machine, throughput table, latency, cold start, memory, targets) from a results file,
// default bench/results/latest.json, so the README can carry exactly what the last run measured.
import { readFileSync } from 'node:fs';
import { median } from './lib/stats.js';
import { markdownTable, type BenchResults } from './lib/report.js';

const file = process.argv[2] ?? new URL('./results/latest.json', import.meta.url).pathname;
const r = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
const baselines = r.scenarios.filter((s) => s.kind === 'baseline');
const ms = (list: number[]) => `${Math.round(median(list))} ms (median of ${list.length}: ${list.map(Math.round).join(', ')})`;
const m = r.machine;
const lines = [
  `Measured ${r.date.slice(0, 10)} on ${m.cpu}, ${m.nproc} cores (\`nproc --all\`), Node ${m.node}, Linux ${m.kernel}, commit ${m.commit}.`,
  `Servers pinned to core 0, autocannon to core 1, ${r.settings.connections} connections; ${r.settings.rounds} rounds of ${r.settings.durationSec} s per scenario after ${r.settings.warmupSec} s warm-up. Figures of the median round; ÷ columns: req/s ÷ the baseline's (median of the rounds' ratios); cpu µs/req: the server's CPU time per request.`,
  '',
  markdownTable(r.scenarios, baselines),
  '',
  'Unloaded (one connection):',
  '',
  markdownTable(r.unloaded, []),
  '',
];
if (r.coldStart) {
  lines.push(
    `- Cold start, \`node bin/shopvoice.js serve\` → first /alexa answer (verified, certificate downloaded): ${ms(r.coldStart.alexaMs)}; first start on an empty data folder ${Math.round(r.coldStart.firstStartAlexaMs)} ms`,
    `- Cold start → first /google answer: ${ms(r.coldStart.googleMs)}`,
    `- For scale, a one-line node:http server → first answer: ${ms(r.coldStart.nodeFloorMs)}`,
  );
}
lines.push(`- Resident memory after the run: ${r.memory.rssAfterRunMiB.toFixed(1)} MiB`);
if (r.memory.soak) {
  const s = r.memory.soak;
  lines.push(`- Soak (${s.samples.at(-1)?.sec.toFixed(0)} s mixed traffic): RSS floor after collections ${s.floorsMiB.map((f) => f.toFixed(0)).join(' → ')} MiB (${s.floorSlopeMiBPerMin.toFixed(1)} MiB/min), peak ${s.peakMiB.toFixed(0)} MiB — ${s.flat ? 'flat' : 'growing'}`);
}
lines.push('', 'Targets (issue 8):', '');
for (const t of r.targets) lines.push(`- ${t.met === null ? '·' : t.met ? '✓' : '✗'} ${t.name}: ${t.value} (target ${t.goal})`);
console.log(lines.join('\n'));
