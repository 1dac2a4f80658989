// A/B of the /alexa request over HTTP between builds: `node --import tsx bench/micro/http-ab.ts
// <repoRootA> <repoRootB> [rounds]` starts `bin/shopvoice.js serve` of each checkout (dist/ built),
// drives the same signed requests at both in alternating rounds (so a neighbour's load hits both
// alike) and prints server CPU µs per request, the best and the median round of each.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuSnapshot, cpuUse } from '../lib/cpu.js';
import { runLoad } from '../lib/load.js';
import { pinToLoadCore } from '../lib/machine.js';
import { signedAlexaPool } from '../lib/request-pool.js';
import { freePort, startServer, type ServerProcess } from '../lib/server-process.js';
import { prepareCertificates, shopvoiceEnv } from '../lib/shopvoice-setup.js';
import type { AlexaTurnName } from '../lib/alexa-requests.js';

const [a, b, roundsText = '4'] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: http-ab.ts <repoRootA> <repoRootB> [rounds]');
const here = resolve(import.meta.dirname, '../..');
pinToLoadCore();
const work = mkdtempSync(join(tmpdir(), 'shopvoice-ab-'));
const certs = await prepareCertificates(work);
const intent = (process.env.INTENT ?? 'ProductLookupIntent') as AlexaTurnName;
const servers: Array<{ root: string; server: ServerProcess; us: number[] }> = [];
for (const [i, spec] of [a, b].entries()) {
  // `root` or `root?KEY=value&KEY2=value`: the same checkout under other settings.
  const [root = '', query = ''] = spec.split('?');
  const extra = Object.fromEntries(new URLSearchParams(query));
  const port = await freePort();
  // A bench/servers/*.ts script is a baseline; anything else a checkout of shopvoice.
  const command = root.endsWith('.ts')
    ? [process.execPath, '--import', 'tsx', resolve(root)]
    : [process.execPath, '--import', join(here, 'bench/lib/s3-stand-in.mjs'), join(resolve(root), 'bin/shopvoice.js'), 'serve'];
  const server = await startServer({ name: `v${i}`, command, env: { ...shopvoiceEnv(certs, port, join(work, `data${i}`)), ...extra }, port, cwd: root.endsWith('.ts') ? here : resolve(root), logFile: join(work, `v${i}.log`) });
  servers.push({ root: spec, server, us: [] });
}
const pool = signedAlexaPool(intent, 16, certs.signing);
for (const s of servers) await runLoad({ url: s.server.url, pool, connections: 50, durationSec: 2 });
for (let round = 0; round < Number(roundsText); round++) {
  for (const s of servers) {
    pool.refresh?.();
    const before = cpuSnapshot(s.server.pid);
    const load = await runLoad({ url: s.server.url, pool, connections: 50, durationSec: 3 });
    if (load.non2xx + load.errors > 0) throw new Error(`${s.root}: ${load.non2xx} non-2xx, ${load.errors} errors`);
    s.us.push(cpuUse(before, cpuSnapshot(s.server.pid), 3, load.requests).serverUsPerRequest);
  }
}
for (const s of servers) {
  await s.server.stop();
  const sorted = [...s.us].sort((x, y) => x - y);
  console.log(`${s.root}: best ${sorted[0]!.toFixed(0)} µs, median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} µs (${s.us.map((u) => u.toFixed(0)).join(' ')})`);
}
process.exit(0);
