import { join } from 'node:path';
import { googleRequests } from './google-requests.js';
import { sendOnce } from './http-once.js';
import { measureColdStart, type ColdStart } from './cold-start.js';
import { signedAlexaRequest, alexaBody } from './alexa-requests.js';
import type { ColdStartFigures } from './report.js';
import { shopvoiceCommand, shopvoiceEnv, type BenchCertificates } from './shopvoice-setup.js';
import { freePort } from './server-process.js';

/** Where a shopvoice process of this run lives. */
export interface ShopvoiceSite {
  repoRoot: string;
  workDir: string;
  dataDir: string;
  certs: BenchCertificates;
}

/** A fresh signed ProductLookupIntent request, as Alexa would send it now. */
export function freshAlexaRequest(site: ShopvoiceSite) {
  return signedAlexaRequest(alexaBody('ProductLookupIntent', site.certs.signing.skillId), site.certs.signing.leafKey, site.certs.signing.certUrl);
}

const spoke = (status: number, body: string) => status === 200 && body.includes('outputSpeech');
const fulfilled = (status: number, body: string) => status === 200 && body.includes('fulfillmentText');

async function coldStartOnce(site: ShopvoiceSite, platform: 'alexa' | 'google'): Promise<ColdStart> {
  const port = await freePort();
  return measureColdStart({
    command: shopvoiceCommand(site.repoRoot),
    env: shopvoiceEnv(site.certs, port, site.dataDir),
    cwd: site.repoRoot,
    logFile: join(site.workDir, 'cold-start.log'),
    baseUrl: `http://127.0.0.1:${port}`,
    request: platform === 'alexa' ? () => freshAlexaRequest(site) : () => googleRequests('ProductLookupIntent', 1)[0]!,
    accept: platform === 'alexa' ? spoke : fulfilled,
  });
}

/** A one-line node:http server: how long Node itself takes here to answer its first request. */
async function nodeFloorOnce(site: ShopvoiceSite): Promise<ColdStart> {
  const port = await freePort();
  const script = `require('node:http').createServer((q, s) => { q.resume(); q.on('end', () => s.end('{}')); }).listen(${port}, '127.0.0.1')`;
  return measureColdStart({
    command: [process.execPath, '-e', script],
    env: {},
    cwd: site.repoRoot,
    logFile: join(site.workDir, 'cold-start.log'),
    baseUrl: `http://127.0.0.1:${port}`,
    request: () => ({ method: 'GET', path: '/' }),
  });
}

/**
 * Cold starts of the operator's command: the first one on an empty data folder (it creates and
 * seeds the demo shop), then `runs` each to the first /alexa answer and to the first /google
 * answer, each in a new process, and the same number of bare node:http starts for scale.
 */
export async function coldStarts(site: ShopvoiceSite, runs: number): Promise<ColdStartFigures> {
  const first = await coldStartOnce(site, 'alexa');
  const figures: ColdStartFigures = { runs, alexaMs: [], googleMs: [], firstStartAlexaMs: first.ms, nodeFloorMs: [] };
  for (let i = 0; i < runs; i++) {
    figures.alexaMs.push((await coldStartOnce(site, 'alexa')).ms);
    figures.googleMs.push((await coldStartOnce(site, 'google')).ms);
    figures.nodeFloorMs.push((await nodeFloorOnce(site)).ms);
  }
  return figures;
}

/**
 * Checks that verification is really on in the server under test: a signed request whose body
 * was changed afterwards, and one without signature headers, must both get 400.
 */
export async function probeVerification(baseUrl: string, site: ShopvoiceSite): Promise<{ tamperedStatus: number; unsignedStatus: number; live: boolean }> {
  const signed = freshAlexaRequest(site);
  const tamperedBody = Buffer.from(String(signed.body).replace('spülmittel zitrone', 'spülmittel zitronf'));
  const tampered = await sendOnce(baseUrl, { ...signed, body: tamperedBody });
  const { signature: _s, 'signature-256': _s256, signaturecertchainurl: _u, ...unsignedHeaders } = signed.headers!;
  const unsigned = await sendOnce(baseUrl, { ...signed, headers: unsignedHeaders });
  return { tamperedStatus: tampered.status, unsignedStatus: unsigned.status, live: tampered.status === 400 && unsigned.status === 400 };
}

