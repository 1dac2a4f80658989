// Quick A/B of the /alexa request over HTTP: shopvoice with the given extra env vs the node:http
// fixed-JSON floor, server CPU µs per request. `node --import tsx bench/micro/http-variants.ts KEY=V ...`
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuSnapshot, cpuUse } from '../lib/cpu.js';
import { runLoad } from '../lib/load.js';
import { pinToLoadCore } from '../lib/machine.js';
import { signedAlexaPool } from '../lib/request-pool.js';
import { freePort, startServer } from '../lib/server-process.js';
import { prepareCertificates, shopvoiceCommand, shopvoiceEnv } from '../lib/shopvoice-setup.js';

const repoRoot = resolve(import.meta.dirname, '../..');
pinToLoadCore();
const work = mkdtempSync(join(tmpdir(), 'shopvoice-ab-'));
const certs = await prepareCertificates(work);
const extra = Object.fromEntries(process.argv.slice(2).filter((a) => a.includes('=')).map((a) => a.split('=', 2) as [string, string]));
const intent = (process.env.INTENT ?? 'ProductLookupIntent') as 'ProductLookupIntent';
async function measure(name: string, command: string[], env: Record<string, string>) {
  const port = await freePort();
  const server = await startServer({ name, command, env: { ...env, PORT: String(port) }, port, cwd: repoRoot, logFile: join(work, `${name}.log`) });
  const pool = signedAlexaPool(intent, 16, certs.signing);
  await runLoad({ url: server.url, pool, connections: 50, durationSec: 2 });
  const results: string[] = [];
  for (let round = 0; round < 3; round++) {
    pool.refresh?.();
    const before = cpuSnapshot(server.pid);
    const load = await runLoad({ url: server.url, pool, connections: 50, durationSec: 3 });
    const use = cpuUse(before, cpuSnapshot(server.pid), 3, load.requests);
    results.push(`${Math.round(load.rps)} req/s ${use.serverUsPerRequest.toFixed(0)} µs (non2xx ${load.non2xx})`);
  }
  await server.stop();
  console.log(`${name}: ${results.join(' | ')}`);
}
if (process.env.BASELINE) await measure('ask-sdk', [process.execPath, '--import', 'tsx', join(repoRoot, 'bench/servers/express-ask-sdk.ts')], {});
await measure('shopvoice', shopvoiceCommand(repoRoot), { ...shopvoiceEnv(certs, 0, join(work, 'data')), ...extra });
process.exit(0);
