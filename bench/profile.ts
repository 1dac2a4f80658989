// `node --import tsx bench/profile.ts [scenario] [seconds]`: runs the server of the scenario
// (the operator's `node bin/shopvoice.js serve`, or its recording-off or Shopware variant) under
// `node --cpu-prof`, pinned like in the bench, drives the scenario with 50 connections (its answer
// checked first), and prints where the server's CPU time went, by package and by function. The
// profile is kept in bench/results/ (git-ignored) for Chrome DevTools or speedscope.
//   scenario: any shopvoice scenario id of `npm run bench` (default alexa-ProductLookupIntent);
//             `node --import tsx bench/profile.ts --list` lists them. TOP=N sets the list length.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinToLoadCore } from './lib/machine.js';
import { profileScenario } from './lib/profile-run.js';
import { findScenario, SHOPVOICE_SCENARIOS } from './lib/scenarios.js';
import { createFleet } from './lib/servers.js';
import { prepareCertificates } from './lib/shopvoice-setup.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [id = 'alexa-ProductLookupIntent', seconds = '8'] = process.argv.slice(2);
if (id === '--list' || id === '--help') {
  for (const s of SHOPVOICE_SCENARIOS) console.log(`${s.id.padEnd(40)} ${s.label}`);
  process.exit(0);
}
const def = findScenario(id);
if (!def) {
  console.error(`unknown scenario ${id}; one of:\n${SHOPVOICE_SCENARIOS.map((s) => `  ${s.id}`).join('\n')}`);
  process.exit(2);
}

pinToLoadCore();
const work = mkdtempSync(join(tmpdir(), 'shopvoice-profile-'));
const certs = await prepareCertificates(work);
const fleet = createFleet({ repoRoot, workDir: work, dataDir: join(work, 'data'), certs });
try {
  const p = await profileScenario(def, fleet, { signing: certs.signing, size: 16 }, {
    seconds: Number(seconds),
    warmupSec: 2,
    connections: 50,
    top: Number(process.env.TOP ?? 25),
    keepDir: join(repoRoot, 'bench/results'),
    workDir: work,
  });
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;
  console.log(`${def.id} (${def.label}): ${Math.round(p.rps)} req/s under the profiler, ${p.errors} errors; busy ${Math.round(p.busyMs)} ms of CPU`);
  console.log('\nself time by package:');
  for (const c of p.packages) console.log(`${pct(c.share)}  ${c.name}`);
  console.log('\nself time by function:');
  for (const c of p.functions) console.log(`${pct(c.share)}  ${c.name}`);
  console.log('\ntotal time (self + callees) by function:');
  for (const c of p.inclusive) console.log(`${pct(c.share)}  ${c.name}`);
  console.log(`\nprofile: ${p.file}`);
} finally {
  await fleet.close();
  await certs.standIn.close();
  rmSync(work, { recursive: true, force: true });
}
