import { median } from './stats.js';
import { profileLines, scenarioTable, targetLines, type BenchResults } from './report.js';

/** Above this, other processes used enough CPU during a scenario to move its figures. */
const BUSY_OTHER_CORES = 0.25;

/** Prints a run's figures: the table, unloaded latency, cold start, memory, micro-measurements, profiles, the targets. */
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
  const matcher = results.catalog.matcher;
  if (matcher) {
    log(`\nmatcher (in-process, embedded demo shop, median of ${matcher.rounds} rounds × ${matcher.opsPerRound}): findProducts("${matcher.matcherQuery}") ${matcher.matcherUs.toFixed(1)} µs CPU;`);
    log(`  a resolved-id ProductLookup turn's catalog access (${matcher.resolvedCalls.join(' + ')}) ${matcher.resolvedUs.toFixed(1)} µs; the unresolved turn calls ${matcher.unresolvedCalls.join(' + ')}`);
  }
  const sw = results.catalog.shopware;
  if (sw) {
    log(`Shopware catalog calls (in-process, warm, median of ${sw.rounds} rounds × ${sw.callsPerRound}): ${sw.shopwareUs.toFixed(1)} µs against the embedded shop's ${sw.embeddedUs.toFixed(1)} µs per findProducts + getProduct (${sw.ratio.toFixed(2)}×); ${sw.requestsDuring} Store API requests meanwhile`);
  }
  if (results.shopwareStoreApiCalls !== undefined) log(`Shopware stand-in, Store API requests over the whole run: ${results.shopwareStoreApiCalls}`);
  const answered = results.scenarios.filter((s) => s.heard !== undefined);
  if (answered.length > 0) {
    log('\nwhat each scenario answered (checked once before the load):');
    for (const s of answered) log(`  ${s.id}: ${s.heard!.length > 110 ? `${s.heard!.slice(0, 107)}...` : s.heard}`);
  }
  const profiled = results.scenarios.filter((s) => s.profile);
  if (profiled.length > 0) {
    log(`\nwhere the time goes (node --cpu-prof, ${results.settings.profileSec} s per scenario; profiles in bench/results/*.cpuprofile):`);
    for (const s of profiled) {
      log(`  ${s.id} (${Math.round(s.profile!.rps)} req/s profiled)`);
      for (const line of profileLines(s.profile!)) log(`    ${line}`);
    }
  }
  log(`\ntargets (issues 8, 12, 16, 18, 20):\n${targetLines(results.targets)}`);
  if (results.runSec !== undefined) log(`\nthe run took ${Math.round(results.runSec)} s`);
}
