// `node --import tsx bench/micro/alexa-turn.ts [intent] [n]`: CPU µs of one /alexa request through
// the neutral endpoint in-process (no socket, no signature check), on the embedded demo shop:
// for quick before/after comparisons of the request path's own work. The socket, HTTP parsing
// and verification are in `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { alexaEndpoint, createTurnHandler } from '../../src/server/endpoints.js';
import { createMetrics } from '../../src/server/metrics.js';
import { closeDeps, openDeps } from '../../src/server/open-deps.js';
import { createRequestScope } from '../../src/server/request-scope.js';
import { ALEXA_TURNS, alexaBody, type AlexaTurnName } from '../lib/alexa-requests.js';

const intent = (process.argv[2] ?? 'ProductLookupIntent') as AlexaTurnName;
const n = Number(process.argv[3] ?? 20000);
if (!(intent in ALEXA_TURNS)) throw new Error(`unknown intent ${intent}`);
const dir = mkdtempSync(join(tmpdir(), 'shopvoice-micro-'));
const config = loadConfig({ SHOPVOICE_DATA_DIR: dir, SHOPVOICE_ALEXA_VERIFY: 'false', SHOPVOICE_LOG_LEVEL: 'info' });
const log = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false }));
const deps = await openDeps(config, log);
const metrics = createMetrics();
const endpoint = alexaEndpoint(deps, createTurnHandler(deps, metrics));
const bodies = Array.from({ length: 64 }, () => Buffer.from(JSON.stringify(alexaBody(intent, 'amzn1.ask.skill.bench'))));
const headers = { 'content-type': 'application/json; charset=utf-8' };
let status = 0;
const once = async (i: number) => {
  const started = performance.now();
  const scope = createRequestScope(log, { id: `r${i}`, started, deadline: started + 4000 });
  const answer = await endpoint({ method: 'POST', headers, body: bodies[i % bodies.length]! }, scope);
  status = answer.status;
  if (i === 0) console.log(answer.body.slice(0, 600));
};
for (let i = 0; i < 3000; i++) await once(i);
if (status !== 200) throw new Error(`status ${status}`);
const cpu = process.cpuUsage();
for (let i = 0; i < n; i++) await once(i);
const used = process.cpuUsage(cpu);
console.log(`${intent}: ${((used.user + used.system) / n).toFixed(1)} µs CPU per request (in-process, no socket, no verification; n=${n})`);
await closeDeps(deps);
rmSync(dir, { recursive: true, force: true });
