// `node --import tsx bench/micro/google-turn.ts [intent] [n]`: CPU µs of one /google request
// through the neutral endpoint in-process (no socket), basic auth on, on the embedded demo shop:
// the Dialogflow side of bench/micro/alexa-turn.ts, for quick before/after comparisons.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { createTurnHandler, googleEndpoint } from '../../src/server/endpoints.js';
import { createMetrics } from '../../src/server/metrics.js';
import { closeDeps, openDeps } from '../../src/server/open-deps.js';
import { createRequestScope } from '../../src/server/request-scope.js';
import { GOOGLE_CREDENTIALS, GOOGLE_TURNS, googleRequests, type GoogleTurnName } from '../lib/google-requests.js';

const intent = (process.argv[2] ?? 'ProductLookupIntent') as GoogleTurnName;
const n = Number(process.argv[3] ?? 20000);
if (!(intent in GOOGLE_TURNS)) throw new Error(`unknown intent ${intent}; one of ${Object.keys(GOOGLE_TURNS).join(', ')}`);
const dir = mkdtempSync(join(tmpdir(), 'shopvoice-micro-'));
const config = loadConfig({
  SHOPVOICE_DATA_DIR: dir,
  SHOPVOICE_GOOGLE_USER: GOOGLE_CREDENTIALS.user,
  SHOPVOICE_GOOGLE_PASSWORD: GOOGLE_CREDENTIALS.password,
  SHOPVOICE_LOG_LEVEL: 'info',
});
const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
const deps = await openDeps(config, log);
const endpoint = googleEndpoint(deps, createTurnHandler(deps, createMetrics()));
const calls = googleRequests(intent, 64).map((r) => ({ method: 'POST', headers: Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])), body: Buffer.from(r.body ?? '') }));
let status = 0;
const once = async (i: number) => {
  const started = performance.now();
  const call = calls[i % calls.length]!;
  const scope = createRequestScope(log, { id: `r${i}`, started, deadline: started + 4000, authorization: call.headers.authorization });
  const answer = await endpoint(call, scope);
  status = answer.status;
  if (i === 0) console.log(answer.body.slice(0, 400));
};
for (let i = 0; i < 3000; i++) await once(i);
if (status !== 200) throw new Error(`status ${status}`);
const cpu = process.cpuUsage();
for (let i = 0; i < n; i++) await once(i);
const used = process.cpuUsage(cpu);
console.log(`${intent}: ${((used.user + used.system) / n).toFixed(1)} µs CPU per request (in-process, no socket; n=${n})`);
await closeDeps(deps);
rmSync(dir, { recursive: true, force: true });
