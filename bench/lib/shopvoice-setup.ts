import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCertServer, type LocalCertServer } from '../../test/alexa-verify/local-cert-server.js';
import { makeChain } from '../../test/support/alexa-certs.js';
import { TEST_SKILL_ID } from '../../test/support/alexa-requests.js';
import { GOOGLE_CREDENTIALS } from './google-requests.js';
import type { AlexaSigning } from './request-pool.js';

/** The certificate side of a run: what the load signs with, and what the servers trust. */
export interface BenchCertificates {
  signing: AlexaSigning;
  rootFile: string;
  chainFile: string;
  /** The HTTPS stand-in for s3.amazonaws.com that serves the chain. */
  standIn: LocalCertServer;
}

/**
 * Generates a chain like Amazon's (test root → intermediate → RSA signing certificate for
 * echo-api.amazon.com), writes the root and the chain to `dir`, and serves the chain from a local
 * HTTPS server posing as s3.amazonaws.com (its TLS certificate is issued by the same test root).
 */
export async function prepareCertificates(dir: string): Promise<BenchCertificates> {
  const chain = await makeChain();
  const rootFile = join(dir, 'bench-root.pem');
  const chainFile = join(dir, 'bench-chain.pem');
  writeFileSync(rootFile, chain.rootPem);
  writeFileSync(chainFile, chain.chainPem);
  const standIn = await startLocalCertServer(chain.chainPem);
  return {
    signing: { leafKey: chain.leafKey, certUrl: 'https://s3.amazonaws.com/echo.api/ok.pem', skillId: TEST_SKILL_ID },
    rootFile,
    chainFile,
    standIn,
  };
}

/**
 * The operator's command, `node bin/shopvoice.js serve` from the compiled build, with the one
 * preload that routes the chain download to the stand-in (bench/lib/s3-stand-in.mjs).
 */
export function shopvoiceCommand(repoRoot: string): string[] {
  return [process.execPath, '--import', join(repoRoot, 'bench/lib/s3-stand-in.mjs'), join(repoRoot, 'bin/shopvoice.js'), 'serve'];
}

/**
 * Configuration as an operator would set it, verification on (the default), with the bench's
 * root trusted through SHOPVOICE_ALEXA_EXTRA_ROOTS, and the Dialogflow webhook on basic auth.
 * The log level is the default one.
 */
export function shopvoiceEnv(certs: BenchCertificates, port: number, dataDir: string): Record<string, string> {
  const { host, port: standInPort } = certs.standIn.connectTo;
  return {
    PORT: String(port),
    SHOPVOICE_DATA_DIR: dataDir,
    SHOPVOICE_ALEXA_SKILL_ID: certs.signing.skillId,
    SHOPVOICE_ALEXA_EXTRA_ROOTS: certs.rootFile,
    SHOPVOICE_GOOGLE_USER: GOOGLE_CREDENTIALS.user,
    SHOPVOICE_GOOGLE_PASSWORD: GOOGLE_CREDENTIALS.password,
    NODE_EXTRA_CA_CERTS: certs.rootFile,
    BENCH_S3_CONNECT_TO: `${host}:${standInPort}`,
  };
}
