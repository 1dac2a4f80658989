// Baseline: node:http doing only what no verified /alexa server can skip — read the body,
// JSON.parse it, check the Signature-256 RSA signature over the raw bytes with the signing
// certificate's key (parsed once, as any server caches it) — and answering the fixed JSON. The
// floor of a verified Alexa endpoint on this machine: no skill, no state, no log line, no metrics.
// A ratio to the express + ask-sdk-core baselines can never be higher than theirs to this floor.
import { verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { splitPemCertificates } from '../../src/platforms/alexa/verifier/cert-chain.js';
import { FIXED_ALEXA_RESPONSE, listenOnBenchPort } from './listen.js';

const chainFile = process.env.BENCH_CHAIN_PEM;
if (!chainFile) throw new Error('BENCH_CHAIN_PEM must be set by the bench runner');
const leafPem = splitPemCertificates(readFileSync(chainFile, 'utf8'))[0];
if (!leafPem) throw new Error(`${chainFile} holds no certificate`);
const signingKey = new X509Certificate(leafPem).publicKey;
const answer = Buffer.from(JSON.stringify(FIXED_ALEXA_RESPONSE));
const refused = Buffer.from('{"error":"invalid request"}');

listenOnBenchPort((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    let ok = false;
    try {
      JSON.parse(raw.toString('utf8'));
      const signature = Buffer.from(String(req.headers['signature-256'] ?? ''), 'base64');
      ok = verify('sha256', raw, signingKey, signature);
    } catch {
      ok = false;
    }
    const body = ok ? answer : refused;
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
