import { median } from './stats.js';
import { errorCount, ratio, type BenchResults, type Scenario, type Target } from './report.js';

const find = (list: Scenario[], id: string) => list.find((s) => s.id === id);

function atLeast(name: string, value: number | undefined, goal: number, note = ''): Target {
  return {
    name,
    goal: `≥ ${goal}×`,
    value: value === undefined ? 'not measured' : `${value.toFixed(2)}×${note}`,
    met: value === undefined ? null : value >= goal,
  };
}

/**
 * The same comparison by server CPU per request: on a machine other processes also use, req/s
 * moves with their load, CPU time per request far less.
 */
function byCpu(scenario: Scenario | undefined, baseline: Scenario | undefined): string {
  if (!scenario?.cpu || !baseline?.cpu) return '';
  return ` (by server CPU per request ${(baseline.cpu.serverUsPerRequest / scenario.cpu.serverUsPerRequest).toFixed(2)}×)`;
}

function atMost(name: string, value: number | undefined, goal: number, unit: string): Target {
  return {
    name,
    goal: `≤ ${goal} ${unit}`,
    value: value === undefined ? 'not measured' : `${value.toFixed(2)} ${unit}`,
    met: value === undefined ? null : value <= goal,
  };
}

/** Judges a run against the targets of issues 8 and 12. */
export function judge(results: Omit<BenchResults, 'targets'>): Target[] {
  const all = results.scenarios;
  const product = find(all, 'alexa-ProductLookupIntent');
  const askSdk = find(all, 'ask-sdk');
  const adapter = find(all, 'adapter');
  const aog = find(all, 'aog');
  const unloaded = find(results.unloaded, 'alexa-ProductLookupIntent-unloaded');
  // The Dialogflow baseline answers the ProductLookupIntent request, as the Alexa ones do.
  const googleProduct = find(all, 'google-ProductLookupIntent');
  const ours = [...all, ...results.unloaded].filter((s) => s.kind === 'shopvoice');
  const errors = ours.reduce((n, s) => n + errorCount(s.load), 0);
  const soak = results.memory.soak;
  return [
    {
      name: 'Alexa verification is live (tampered body and unsigned request refused)',
      goal: '400 and 400',
      value: `${results.verification.tamperedStatus} and ${results.verification.unsignedStatus}`,
      met: results.verification.live,
    },
    atLeast('/alexa ProductLookupIntent ÷ express + minimal ask-sdk-core', product && askSdk && ratio(product, askSdk), 1.0, byCpu(product, askSdk)),
    atLeast('/alexa ProductLookupIntent ÷ ask-sdk-express-adapter verified', product && adapter && ratio(product, adapter), 2.0, byCpu(product, adapter)),
    atMost('/alexa ProductLookupIntent unloaded p50', unloaded?.load.p50, 1, 'ms'),
    atMost('/alexa ProductLookupIntent unloaded p99', unloaded?.load.p99, 10, 'ms'),
    atLeast('/google ProductLookupIntent ÷ express + minimal actions-on-google', googleProduct && aog && ratio(googleProduct, aog), 1.0, byCpu(googleProduct, aog)),
    atMost('cold start to the first /alexa answer (median)', results.coldStart && median(results.coldStart.alexaMs), 400, 'ms'),
    atMost('cold start to the first /google answer (median)', results.coldStart && median(results.coldStart.googleMs), 500, 'ms'),
    { name: 'errors under load (non-2xx, connection errors, timeouts)', goal: '0', value: String(errors), met: errors === 0 },
    {
      name: 'memory flat over the soak run',
      goal: 'RSS floor (after collections) up < 5 % or < 2 MiB/min',
      value: soak
        ? `floor ${soak.floorsMiB.map((f) => f.toFixed(0)).join(' → ')} MiB (${soak.floorSlopeMiBPerMin.toFixed(1)} MiB/min), peak ${soak.peakMiB.toFixed(0)} MiB`
        : 'not run (--soak)',
      met: soak ? soak.flat : null,
    },
  ];
}
