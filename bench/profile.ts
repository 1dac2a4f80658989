// `node --import tsx bench/profile.ts [scenario] [seconds]`: runs the operator's server under
// `node --cpu-prof` (pinned like in the bench), drives one scenario with 50 connections, and prints
// where the server's CPU time went, by package and by function. The profile is kept in
// bench/results/ (git-ignored) for Chrome DevTools or speedscope.
//   scenario: alexa-ProductLookupIntent (default), alexa-StoreHoursIntent, alexa-OrderStatusIntent,
//             google-ProductLookupIntent, google-StoreHoursIntent, google-OrderStatusIntent
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlexaScenarioIntent } from './lib/alexa-requests.js';
import { googleRequests, type GoogleScenarioIntent } from './lib/google-requests.js';
import { runLoad } from './lib/load.js';
import { pinToLoadCore } from './lib/machine.js';
import { summarize, type CpuProfile } from './lib/profile-summary.js';
import { fixedPool, signedAlexaPool } from './lib/request-pool.js';
import { freePort, startServer } from './lib/server-process.js';
import { prepareCertificates, shopvoiceCommand, shopvoiceEnv } from './lib/shopvoice-setup.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [scenario = 'alexa-ProductLookupIntent', seconds = '8'] = process.argv.slice(2);
const [platform, intent] = scenario.split('-') as ['alexa' | 'google', string];

pinToLoadCore();
const work = mkdtempSync(join(tmpdir(), 'shopvoice-profile-'));
const certs = await prepareCertificates(work);
try {
  const port = await freePort();
  const profileDir = join(work, 'profile');
  const [node, ...rest] = shopvoiceCommand(repoRoot);
  const server = await startServer({
    name: 'shopvoice',
    command: [node!, '--cpu-prof', '--cpu-prof-dir', profileDir, ...rest],
    env: shopvoiceEnv(certs, port, join(work, 'data')),
    port,
    cwd: repoRoot,
    logFile: join(work, 'server.log'),
  });
  const pool = platform === 'alexa'
    ? signedAlexaPool(intent as AlexaScenarioIntent, 16, certs.signing)
    : fixedPool(googleRequests(intent as GoogleScenarioIntent, 16));
  await runLoad({ url: server.url, pool, connections: 50, durationSec: 2 });
  pool.refresh?.();
  const load = await runLoad({ url: server.url, pool, connections: 50, durationSec: Number(seconds) });
  await server.stop();
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written:\n${server.output()}`);
  const kept = join(repoRoot, 'bench/results', `${scenario}.cpuprofile`);
  mkdirSync(dirname(kept), { recursive: true });
  renameSync(join(profileDir, file), kept);
  const summary = summarize(JSON.parse(readFileSync(kept, 'utf8')) as CpuProfile, Number(process.env.TOP ?? 25));
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  console.log(`${scenario}: ${Math.round(load.rps)} req/s under the profiler, ${load.non2xx + load.errors} errors; busy ${Math.round(summary.busyMs)} ms of CPU`);
  console.log('\nself time by package:');
  for (const c of summary.packages) console.log(`${pct(c.share)}  ${c.name}`);
  console.log('\nself time by function:');
  for (const c of summary.functions) console.log(`${pct(c.share)}  ${c.name}`);
  console.log('\ntotal time (self + callees) by function:');
  for (const c of summary.inclusive) console.log(`${pct(c.share)}  ${c.name}`);
  console.log(`\nprofile: ${kept}`);
} finally {
  await certs.standIn.close();
  rmSync(work, { recursive: true, force: true });
}
