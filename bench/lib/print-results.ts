import { median } from './stats.js';
import { scenarioTable, targetLines, type BenchResults } from './report.js';

/** Above this, other processes used enough CPU during a scenario to move its figures. */
const BUSY_OTHER_CORES = 0.25;

/** Prints a run's figures: the table, unloaded latency, cold start, memory, the targets. */
export function printResults(results: BenchResults, log: (line: string) => void): void {
  const m = results.machine;
  const baselines = results.scenarios.filter((s) => s.kind === 'baseline');
  log(`\nshopvoice bench — ${m.cpu}, ${m.nproc} cores, node ${m.node}, ${results.date}`);
  log(`server on core 0, autocannon on core 1; ${results.settings.rounds} rounds of ${results.settings.durationSec} s per scenario;`);
  log('figures of the median round; ÷ columns: req/s ÷ the baseline\'s, the median of the rounds\' ratios\n');
  log(scenarioTable(results.scenarios, baselines));
  log('');
  if (results.unloaded.length > 0) log(scenarioTable(results.unloaded, []));
  const busy = [...results.scenarios, ...results.unloaded].filter((s) => (s.cpu?.otherCores ?? 0) > BUSY_OTHER_CORES);
  if (busy.length > 0) {
    log(`\nwarning: other processes used more than ${BUSY_OTHER_CORES * 100} % of a core during ${busy.length} scenario(s) ("other load"):`);
    log('req/s and latencies are noisy; the cpu µs/req column and the round-by-round ratios much less so.');
  }
  const c = results.coldStart;
  if (c) {
    const ms = (list: number[]) => `median ${Math.round(median(list))} ms (${list.map((x) => Math.round(x)).join(', ')})`;
    log(`\ncold start, node bin/shopvoice.js serve → first /alexa answer: ${ms(c.alexaMs)}; first start on an empty data folder ${Math.round(c.firstStartAlexaMs)} ms`);
    log(`cold start, node bin/shopvoice.js serve → first /google answer: ${ms(c.googleMs)}`);
    log(`for scale, node -e with a node:http server → first answer: ${ms(c.nodeFloorMs)}`);
  }
  log(`resident memory after the load runs: ${results.memory.rssAfterRunMiB.toFixed(1)} MiB`);
  const soak = results.memory.soak;
  if (soak) {
    const points = soak.samples.filter((_, i) => i % 10 === 0).map((s) => `${Math.round(s.sec)} s ${s.rssMiB.toFixed(0)}`).join(', ');
    log(`soak RSS (MiB): ${points}`);
  }
  log(`\ntargets (issue 8):\n${targetLines(results.targets)}`);
}
