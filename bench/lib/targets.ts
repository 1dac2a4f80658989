import { SHOPWARE_TARGET_RATIO } from '../shopware/measure.js';
import { median } from './stats.js';
import { errorCount, ratio, type BenchResults, type Scenario, type Target } from './report.js';
import { RECORDING_PAIRS, SHOPWARE_PAIRS, SHOPVOICE_SCENARIOS, UNVERIFIED_ALEXA } from './scenarios.js';

const find = (list: Scenario[], id: string) => list.find((s) => s.id === id);

function atLeast(issue: number, name: string, value: number | undefined, goal: number, note = ''): Target {
  return {
    issue,
    name,
    goal: `≥ ${goal}×`,
    value: value === undefined ? 'not measured' : `${value.toFixed(2)}×${note}`,
    met: value === undefined ? null : value >= goal,
  };
}

function atMost(issue: number, name: string, value: number | undefined, goal: number, unit: string, note = ''): Target {
  return {
    issue,
    name,
    goal: `≤ ${goal} ${unit}`,
    value: value === undefined ? 'not measured' : `${value.toFixed(2)} ${unit}${note}`,
    met: value === undefined ? null : value <= goal,
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

const cpuRatio = (a: Scenario | undefined, b: Scenario | undefined) => (a?.cpu && b?.cpu ? a.cpu.serverUsPerRequest / b.cpu.serverUsPerRequest : undefined);

/**
 * The faster of the two express + minimal ask-sdk-core baselines (express 4 and 5): a user picks
 * either, so /alexa is judged against the better one, by median req/s of the run.
 */
export function fasterAskSdk(scenarios: Scenario[]): Scenario | undefined {
  const candidates = ['ask-sdk', 'ask-sdk-4'].map((id) => find(scenarios, id)).filter((s): s is Scenario => s !== undefined);
  return candidates.sort((a, b) => b.load.rps - a.load.rps)[0];
}

/**
 * What issue 20's /alexa target asks of the machine: no verified server can answer faster than
 * the floor (node:http, JSON.parse and the signature check, nothing else), so no /alexa scenario's
 * ratio to the ask-sdk-core baseline can exceed the floor's. Said, not judged: it is the bound the
 * 1.5× target meets, not something the code can change.
 */
function ceiling(floor: Scenario | undefined, askSdk: Scenario | undefined): Target {
  const value = floor && askSdk ? ratio(floor, askSdk) : undefined;
  return {
    issue: 20,
    name: `ceiling of every /alexa ratio: verified floor ÷ faster express + ask-sdk-core (${askSdk?.id ?? '—'})`,
    goal: 'informative; the 1.5× target needs ≥ 1.5×',
    value: value === undefined ? 'not measured' : `${value.toFixed(2)}×${byCpu(floor, askSdk)}`,
    met: null,
  };
}

/**
 * /alexa without the signature check against the baselines, which have none: how the rest of the
 * request path compares. Said, not judged (issues 12 and 20 ask for verification on).
 */
function likeForLike(unverified: Scenario | undefined, askSdk5: Scenario | undefined, faster: Scenario | undefined): Target {
  const parts = [
    askSdk5 && unverified ? `${ratio(unverified, askSdk5)?.toFixed(2)}× express 5 + ask-sdk-core${byCpu(unverified, askSdk5)}` : undefined,
    faster && unverified && faster !== askSdk5 ? `${ratio(unverified, faster)?.toFixed(2)}× ${faster.id}${byCpu(unverified, faster)}` : undefined,
  ].filter(Boolean);
  return {
    issue: 20,
    name: 'like for like: /alexa ProductLookup resolved with verification off ÷ the unverified ask-sdk-core baselines',
    goal: 'informative',
    value: parts.length > 0 ? parts.join('; ') : 'not measured',
    met: null,
  };
}

/** Judges a run against the targets of issues 8, 12, 16, 18 and 20. */
export function judge(results: Omit<BenchResults, 'targets'>): Target[] {
  const all = results.scenarios;
  const product = find(all, 'alexa-ProductLookupIntent');
  const askSdk5 = find(all, 'ask-sdk');
  const askSdk = fasterAskSdk(all);
  const adapter = find(all, 'adapter');
  const aog = find(all, 'aog');
  const unloaded = find(results.unloaded, 'alexa-ProductLookupIntent-unloaded');
  const googleProduct = find(all, 'google-ProductLookupIntent');
  const ours = [...all, ...results.unloaded].filter((s) => s.kind === 'shopvoice');
  const errors = ours.reduce((n, s) => n + errorCount(s.load), 0);
  const soak = results.memory.soak;
  const alexaMs = results.coldStart && median(results.coldStart.alexaMs);
  const googleMs = results.coldStart && median(results.coldStart.googleMs);
  const onDefault = SHOPVOICE_SCENARIOS.filter((s) => s.role === 'shopvoice');
  const targets: Target[] = [
    {
      issue: 8,
      name: 'Alexa verification is live (tampered body and unsigned request refused)',
      goal: '400 and 400',
      value: `${results.verification.tamperedStatus} and ${results.verification.unsignedStatus}`,
      met: results.verification.live,
    },
    atLeast(8, '/alexa ProductLookupIntent ÷ express 5 + minimal ask-sdk-core', product && askSdk5 && ratio(product, askSdk5), 1.0, byCpu(product, askSdk5)),
    atLeast(8, '/alexa ProductLookupIntent ÷ ask-sdk-express-adapter verified', product && adapter && ratio(product, adapter), 2.0, byCpu(product, adapter)),
    atMost(8, '/alexa ProductLookupIntent unloaded p50', unloaded?.load.p50, 1, 'ms'),
    atMost(8, '/alexa ProductLookupIntent unloaded p99', unloaded?.load.p99, 10, 'ms'),
    atLeast(12, '/google ProductLookupIntent ÷ express + minimal actions-on-google', googleProduct && aog && ratio(googleProduct, aog), 1.0, byCpu(googleProduct, aog)),
    atMost(8, 'cold start to the first /alexa answer (median)', alexaMs, 400, 'ms'),
    // Issue 20's targets: every path a customer takes.
    ceiling(find(all, 'floor'), askSdk),
    likeForLike(find(all, UNVERIFIED_ALEXA), askSdk5, askSdk),
    ...onDefault.filter((d) => d.platform === 'alexa').map((d) => {
      const s = find(all, d.id);
      return atLeast(20, `${d.id} ÷ faster express + ask-sdk-core (${askSdk?.id ?? '—'})`, s && askSdk && ratio(s, askSdk), 1.5, byCpu(s, askSdk));
    }),
    ...onDefault.filter((d) => d.platform === 'google').map((d) => {
      const s = find(all, d.id);
      return atLeast(20, `${d.id} ÷ express + actions-on-google`, s && aog && ratio(s, aog), 2.0, byCpu(s, aog));
    }),
    atMost(20, 'cold start to the first /alexa answer (median)', alexaMs, 300, 'ms'),
    atMost(12, 'cold start to the first /google answer (median)', googleMs, 500, 'ms'),
    atMost(20, `matcher query ("${results.catalog.matcher?.matcherQuery ?? '—'}") ÷ a resolved-id turn's catalog access, CPU`, results.catalog.matcher?.ratio, 2, '×',
      results.catalog.matcher ? ` (${results.catalog.matcher.matcherUs.toFixed(1)} against ${results.catalog.matcher.resolvedUs.toFixed(1)} µs: ${results.catalog.matcher.resolvedCalls.join(' + ')})` : ''),
    // Issue 18: recording turn events costs at most 5 % of throughput.
    ...RECORDING_PAIRS.map((pair) => {
      const on = find(all, pair.recorded);
      const off = find(all, pair.unrecorded);
      return atLeast(18, `/${pair.platform} follow-up with recording ÷ without (recording overhead ≤ 5 %)`, on && off && ratio(on, off), 0.95, byCpu(on, off));
    }),
    // Issue 16: the Shopware adapter costs at most 1.2× the embedded shop's CPU.
    ...SHOPWARE_PAIRS.map((pair) => {
      const sw = find(all, pair.shopware);
      const emb = find(all, pair.embedded);
      const r = cpuRatio(sw, emb);
      return atMost(16, `${pair.shopware} ÷ ${pair.embedded}, server CPU per request`, r, SHOPWARE_TARGET_RATIO, '×',
        r !== undefined ? ` (${sw!.cpu!.serverUsPerRequest.toFixed(0)} against ${emb!.cpu!.serverUsPerRequest.toFixed(0)} µs)` : '');
    }),
    atMost(16, 'Shopware adapter ÷ embedded shop, CPU per findProducts + getProduct (warm, in-process)', results.catalog.shopware?.ratio, SHOPWARE_TARGET_RATIO, '×',
      results.catalog.shopware ? ` (${results.catalog.shopware.shopwareUs.toFixed(1)} against ${results.catalog.shopware.embeddedUs.toFixed(1)} µs)` : ''),
    {
      issue: 16,
      name: 'Shopware stand-in: requests and answers valid against Shopware\'s OpenAPI document',
      goal: '0 violations',
      value: results.shopwareViolations === undefined && results.catalog.shopware === undefined ? 'not measured' : String((results.shopwareViolations ?? 0) + (results.catalog.shopware?.violations.length ?? 0)),
      met: results.shopwareViolations === undefined && results.catalog.shopware === undefined ? null : (results.shopwareViolations ?? 0) + (results.catalog.shopware?.violations.length ?? 0) === 0,
    },
    { issue: 8, name: 'errors under load (non-2xx, connection errors, timeouts)', goal: '0', value: String(errors), met: errors === 0 },
    {
      issue: 8,
      name: 'memory flat over the soak run',
      goal: 'RSS floor (after collections) up < 5 % or < 2 MiB/min',
      value: soak
        ? `floor ${soak.floorsMiB.map((f) => f.toFixed(0)).join(' → ')} MiB (${soak.floorSlopeMiBPerMin.toFixed(1)} MiB/min), peak ${soak.peakMiB.toFixed(0)} MiB`
        : 'not run (--soak)',
      met: soak ? soak.flat : null,
    },
  ];
  return targets;
}
