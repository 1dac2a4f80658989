import { readFileSync } from 'node:fs';
import type { Config } from '../config.js';
import { createAlexaVerifier, splitPemCertificates, type AlexaVerifier } from '../platforms/alexa/verifier/index.js';

/**
 * The verifier the configuration asks for: the configured skill ids, Node's trust store plus the
 * roots in `SHOPVOICE_ALEXA_EXTRA_ROOTS` (tests and benchmarks sign with their own chain);
 * undefined when `SHOPVOICE_ALEXA_VERIFY=false`. A named roots file without a certificate stops
 * the start rather than silently trusting nothing extra.
 */
export function alexaVerifierFromConfig(alexa: Config['alexa']): AlexaVerifier | undefined {
  if (!alexa.verify) return undefined;
  const file = alexa.extraRootsFile;
  const extraTrustedRoots = file ? splitPemCertificates(readFileSync(file, 'utf8')) : [];
  if (file && extraTrustedRoots.length === 0) throw new Error(`SHOPVOICE_ALEXA_EXTRA_ROOTS: no PEM certificate in ${file}`);
  return createAlexaVerifier({ skillIds: alexa.skillIds, extraTrustedRoots });
}
