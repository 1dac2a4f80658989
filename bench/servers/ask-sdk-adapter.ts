// Baseline: ask-sdk-express-adapter 2.14.0 with verification on (its SkillRequestSignatureVerifier
// and TimestampVerifier) in front of the same minimal skill — Amazon's own way to self-host.
//
// The adapter has no option for a certificate source or extra roots: it downloads the chain from
// the request's URL (s3.amazonaws.com) and checks it against `tls.rootCertificates` only. So this
// baseline replaces exactly two of its private steps on the verifier instance:
// - `_getCertChainByUrl`: returns the bench's chain (BENCH_CHAIN_PEM) instead of downloading it;
// - `_validateCertChain`: the library's own checks (dates, SAN echo-api.amazon.com, node-forge
//   `verifyCertificateChain`), with the bench's test root (BENCH_ROOT_PEM) added to the CA store.
// Both run once, on the first request (the chain is cached by URL). Every request after that runs
// the library's code unchanged: re-parsing the PEM for `crypto.createVerify`, the second
// JSON.parse of the TimestampVerifier, and so on.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rootCertificates } from 'node:tls';
import { SkillBuilders } from 'ask-sdk-core';
import { ExpressAdapter, SkillRequestSignatureVerifier } from 'ask-sdk-express-adapter';
import express from 'express';
import { splitPemCertificates } from '../../src/platforms/alexa/verifier/cert-chain.js';
import { listenOnBenchPort } from './listen.js';
import { minimalSkill } from './minimal-skill.js';

/** The few node-forge calls the library's chain check makes (node-forge ships no types). */
interface Forge {
  pki: {
    certificateFromPem(pem: string): ForgeCertificate;
    createCaStore(certs: string[]): { addCertificate(pem: string): void };
    verifyCertificateChain(store: unknown, chain: ForgeCertificate[]): boolean;
  };
}
interface ForgeCertificate {
  validity: { notBefore: Date; notAfter: Date };
  getExtension(name: string): unknown;
}

// The adapter's own copy of node-forge, resolved from the adapter, not from wherever npm hoisted it.
const forge = createRequire(createRequire(import.meta.url).resolve('ask-sdk-express-adapter'))('node-forge') as Forge;
const chainPem = readFileSync(requiredEnv('BENCH_CHAIN_PEM'), 'utf8');
const rootPem = readFileSync(requiredEnv('BENCH_ROOT_PEM'), 'utf8');

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set by the bench runner`);
  return value;
}

/** The library's `_validateCertChain` with one more trusted root (see the file comment). */
function validateCertChain(pem: string): void {
  const certs = splitPemCertificates(pem).map((p) => forge.pki.certificateFromPem(p));
  const signing = certs[0];
  if (!signing) throw new Error('no certificate in chain');
  const now = Date.now();
  if (now < signing.validity.notBefore.getTime() || now > signing.validity.notAfter.getTime()) throw new Error('expired');
  const san = signing.getExtension('subjectAltName') as { altNames?: { value: string }[] } | undefined;
  if (!san?.altNames?.some((n) => n.value === 'echo-api.amazon.com')) throw new Error('SAN missing');
  const store = forge.pki.createCaStore([]);
  for (const root of [...rootCertificates, rootPem]) {
    try {
      store.addCertificate(root);
    } catch {
      // node-forge cannot parse ECDSA roots; the library skips them the same way.
    }
  }
  forge.pki.verifyCertificateChain(store, certs);
}

const signatureVerifier = Object.assign(new SkillRequestSignatureVerifier(), {
  _getCertChainByUrl: async () => chainPem,
  _validateCertChain: validateCertChain,
});

const adapter = new ExpressAdapter(minimalSkill(SkillBuilders.custom()), false, true, [signatureVerifier]);
const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.post('/alexa', adapter.getRequestHandlers());
listenOnBenchPort(app);
