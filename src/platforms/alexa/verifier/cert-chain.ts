import { X509Certificate, type KeyObject } from 'node:crypto';
import type { TrustStore } from './trust-store.js';
import { AlexaVerificationError } from './verification-error.js';

/** The SAN entry Alexa's signing certificate must carry (rule 3). */
export const ALEXA_SIGNING_SAN = 'DNS:echo-api.amazon.com';

/** Longest path (signing certificate to root) we follow; Amazon's is three. */
const MAX_PATH_LENGTH = 6;

/**
 * A downloaded chain whose structure passed every check. Only the dates are left to check, on
 * every use, because a cached chain can expire while it sits in the cache (rule 2).
 */
export interface ValidatedChain {
  /** Public key of the signing certificate, parsed once (RSA). */
  signingKey: KeyObject;
  /** Latest `notBefore` along the path, ms epoch. */
  validFrom: number;
  /** Earliest `notAfter` along the path, ms epoch (inclusive, RFC 5280 §4.1.2.5). */
  validTo: number;
}

/** Splits a PEM bundle into its certificates, in order. */
export function splitPemCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * Validates a PEM chain (signing certificate first, then intermediates) against `trust`
 * (rule 3): the signing certificate has an RSA key and the SAN `echo-api.amazon.com`; each link
 * names its issuer (`checkIssued`) and carries the issuer's valid signature
 * (`verify(issuerPublicKey)`); every intermediate is a CA; the path ends at a trusted root.
 * Certificates in the bundle that the path does not need (cross-signs, extra roots) are ignored.
 *
 * @example
 * const chain = validateCertChain(pemText, defaultTrustStore());
 * checkChainDates(chain, Date.now());
 */
export function validateCertChain(pem: string, trust: TrustStore): ValidatedChain {
  const pool = parseAll(splitPemCertificates(pem));
  const signing = pool[0];
  if (signing === undefined) throw fail('no certificate in the downloaded chain');
  if (signing.publicKey.asymmetricKeyType !== 'rsa') {
    throw fail(`signing certificate key is ${signing.publicKey.asymmetricKeyType}, not rsa`);
  }
  if (!sanEntries(signing).includes(ALEXA_SIGNING_SAN)) {
    throw fail('signing certificate SAN lacks echo-api.amazon.com');
  }

  // Cheap first: roots already parsed, else the bundle's next link, the rest of the trust store
  // only where the bundle has no issuer (parsing the store is the expensive part of a cold start,
  // trust-store.ts). A bundle whose links lead away from every trusted root (an untrusted
  // cross-sign) is walked again asking the whole store at every step, as a path builder must.
  const path = buildPath(signing, pool, trust, false) ?? buildPath(signing, pool, trust, true)!;
  if (typeof path === 'string') throw fail(path);

  return {
    signingKey: signing.publicKey,
    validFrom: Math.max(...path.map((c) => Date.parse(c.validFrom))),
    validTo: Math.min(...path.map((c) => Date.parse(c.validTo))),
  };
}

/** Throws unless `nowMs` lies inside the validity window of every certificate on the path. */
export function checkChainDates(chain: ValidatedChain, nowMs: number): void {
  if (nowMs < chain.validFrom) throw fail('certificate not yet valid');
  if (nowMs > chain.validTo) throw fail('certificate expired');
}

/**
 * The path from the signing certificate to a trusted root, or why there is none. `eager` asks the
 * whole trust store before every step; otherwise the bundle is followed first, and any dead end
 * gives undefined so the caller tries eagerly (only the eager walk's reason is reported).
 */
function buildPath(signing: X509Certificate, pool: X509Certificate[], trust: TrustStore, eager: boolean): X509Certificate[] | string | undefined {
  const path = [signing];
  let current = signing;
  for (;;) {
    const root = trust.issuerOf(current, { parsedOnly: !eager });
    if (root !== undefined) {
      path.push(root);
      return path;
    }
    if (path.length >= MAX_PATH_LENGTH) return eager ? 'chain too long' : undefined;
    const issuer = pool.find((c) => !path.includes(c) && current.checkIssued(c) && current.verify(c.publicKey));
    if (issuer === undefined) {
      const last = eager ? undefined : trust.issuerOf(current);
      if (last !== undefined) {
        path.push(last);
        return path;
      }
      return eager ? `chain does not reach a trusted root (stuck at ${oneLine(current.subject)})` : undefined;
    }
    if (!issuer.ca) return eager ? `intermediate ${oneLine(issuer.subject)} is not a CA` : undefined;
    path.push(issuer);
    current = issuer;
  }
}

function parseAll(pems: string[]): X509Certificate[] {
  try {
    return pems.map((p) => new X509Certificate(p));
  } catch (cause) {
    throw new AlexaVerificationError('cert-chain', 'unparseable certificate in chain', { cause });
  }
}

/**
 * `subjectAltName` is a `, `-separated list; Node quotes entries that contain a comma (since
 * the CVE-2021-44532 fix), so a crafted name cannot smuggle in a second entry.
 */
function sanEntries(cert: X509Certificate): string[] {
  return cert.subjectAltName?.split(', ') ?? [];
}

function oneLine(name: string): string {
  return name.replace(/\n/g, ', ');
}

function fail(reason: string): AlexaVerificationError {
  return new AlexaVerificationError('cert-chain', reason);
}
