// `node --import tsx bench/micro/cold-profile.ts`: three cold starts of `bin/shopvoice.js serve` to
// the first signed /alexa answer, then one under `--cpu-prof`, summarised by package and function:
// where a cold start's time goes.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { measureColdStart } from '../lib/cold-start.js';
import { freshAlexaRequest } from '../lib/shopvoice-run.js';
import { freePort } from '../lib/server-process.js';
import { prepareCertificates, shopvoiceCommand, shopvoiceEnv } from '../lib/shopvoice-setup.js';
import { summarize } from '../lib/profile-summary.js';
const repoRoot = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'cold-'));
const certs = await prepareCertificates(work);
const site = { repoRoot, workDir: work, dataDir: join(work, 'data'), certs };
const run = async (prof: boolean) => {
  const port = await freePort();
  const [node, ...rest] = shopvoiceCommand(repoRoot);
  const r = await measureColdStart({ command: prof ? [node!, '--cpu-prof', '--cpu-prof-dir', join(work, 'prof'), ...rest] : [node!, ...rest], env: shopvoiceEnv(certs, port, site.dataDir), cwd: repoRoot, logFile: join(work, 'c.log'), baseUrl: `http://127.0.0.1:${port}`, request: () => freshAlexaRequest(site), accept: (s: number, b: string) => s === 200 && b.includes('outputSpeech') });
  return r.ms;
};
await run(false);
console.log('runs', await run(false), await run(false), await run(false));
await run(true);
const f = readdirSync(join(work, 'prof'))[0]!;
const s = summarize(JSON.parse(readFileSync(join(work, 'prof', f), 'utf8')), 40);
console.log('busy', s.busyMs);
for (const c of s.packages.slice(0, 25)) console.log((c.share * 100).toFixed(1).padStart(5), c.name);
for (const c of s.inclusive.slice(0, 40)) console.log((c.share * 100).toFixed(1).padStart(5), c.name);
process.exit(0);
