// `node --import tsx bench/markdown.ts [results.json]`: prints the README's benchmark section
// body (machine, throughput table, latency, cold start, memory, micro-measurements, profiles,
// targets) from a results file,
// default bench/results/latest.json, so the README can carry exactly what the last run measured.
import { readFileSync } from 'node:fs';
import { median } from './lib/stats.js';
import { markdownTable, profileLines, type BenchResults } from './lib/report.js';

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
const matcher = r.catalog?.matcher;
if (matcher) {
  lines.push(`- Matcher (in-process, demo shop): \`findProducts("${matcher.matcherQuery}")\` ${matcher.matcherUs.toFixed(1)} µs CPU against ${matcher.resolvedUs.toFixed(1)} µs for a resolved-id turn's catalog access (${matcher.resolvedCalls.join(' + ')}): ${matcher.ratio.toFixed(2)}×`);
}
const shopware = r.catalog?.shopware;
if (shopware) {
  lines.push(`- Shopware adapter (in-process, warm): ${shopware.shopwareUs.toFixed(1)} µs CPU per findProducts + getProduct against the embedded shop's ${shopware.embeddedUs.toFixed(1)} µs (${shopware.ratio.toFixed(2)}×)`);
}
if (r.runSec !== undefined) lines.push(`- The run took ${Math.round(r.runSec / 60)} min (${Math.round(r.runSec)} s)`);
const profiled = r.scenarios.filter((s) => s.profile);
if (profiled.length > 0) {
  lines.push('', 'Where the time goes (`--profile`, self time of the measured seconds):', '');
  for (const s of profiled) lines.push(`- ${s.id}: ${profileLines(s.profile!, 4, 3).join('; ')}`);
}
lines.push('', 'Targets (issues 8, 12, 16, 18, 20):', '');
for (const t of r.targets) lines.push(`- ${t.met === null ? '·' : t.met ? '✓' : '✗'} ${t.issue ? `[#${t.issue}] ` : ''}${t.name}: ${t.value} (target ${t.goal})`);
console.log(lines.join('\n'));
