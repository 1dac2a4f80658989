import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';

/**
 * Trusted root certificates, parsed once and indexed by subject so that finding a certificate's
 * issuer is a map look-up. Node's `X509Certificate` parses ECDSA roots too (rule 3; node-forge,
 * which ask-sdk-express-adapter uses, drops them and then calls valid Amazon chains untrusted).
 */
export interface TrustStore {
  /**
   * The trusted root that issued `cert` (name match and a valid signature), if any. With
   * `parsedOnly`, only among the roots parsed so far (no parsing: a cheap first look).
   */
  issuerOf(cert: X509Certificate, options?: { parsedOnly?: boolean }): X509Certificate | undefined;
  /** How many roots were parsed, by key type (`rsa`, `ec`, ...). */
  readonly keyTypes: ReadonlyMap<string, number>;
}

/**
 * Builds a trust store from PEM certificates. Unparseable entries are skipped: one odd root in a
 * system bundle must not disable verification.
 *
 * The roots are parsed as far as a look-up needs them, in the order given, and each only once:
 * parsing all of Node's 144 bundled roots took about 20 ms, most of the verifier's share of a cold
 * start, while a skill only ever meets the one root its chain ends in (bench/NOTES.md, "Cold
 * start"). Put the roots most likely to be needed first (the verifier puts configured extra roots
 * before the system bundle).
 *
 * @example
 * const store = createTrustStore([testRootPem, ...tls.rootCertificates]);
 */
export function createTrustStore(pems: readonly string[]): TrustStore {
  const bySubject = new Map<string, X509Certificate[]>();
  const fingerprints = new Set<string>();
  const keyTypes = new Map<string, number>();
  let parsed = 0;
  /** Parses the next root; false when none is left. */
  const parseNext = (): boolean => {
    if (parsed >= pems.length) return false;
    const pem = pems[parsed++]!;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      return true;
    }
    if (fingerprints.has(cert.fingerprint256)) return true;
    fingerprints.add(cert.fingerprint256);
    const list = bySubject.get(cert.subject) ?? [];
    list.push(cert);
    bySubject.set(cert.subject, list);
    const type = cert.publicKey.asymmetricKeyType ?? 'unknown';
    keyTypes.set(type, (keyTypes.get(type) ?? 0) + 1);
    return true;
  };
  const issuerAmong = (cert: X509Certificate) => bySubject.get(cert.issuer)?.find((root) => cert.checkIssued(root) && cert.verify(root.publicKey));
  return {
    issuerOf(cert, options) {
      let found = issuerAmong(cert);
      if (options?.parsedOnly) return found;
      while (!found && parseNext()) found = issuerAmong(cert);
      return found;
    },
    get keyTypes() {
      while (parseNext());
      return keyTypes;
    },
  };
}

let defaultStore: TrustStore | undefined;

/** Node's bundled roots (`tls.rootCertificates`), parsed on first use and shared. */
export function defaultTrustStore(): TrustStore {
  defaultStore ??= createTrustStore(rootCertificates);
  return defaultStore;
}
