// Certificate chains and request signatures made the way Alexa makes them, for tests,
// end-to-end runs and benchmarks. Keys are generated at run time (never committed) and cached
// per process, so a second chain costs a few milliseconds.
import 'reflect-metadata'; // tsyringe, used inside @peculiar/x509, needs the Reflect polyfill
import * as x509 from '@peculiar/x509';
import { KeyObject, sign, webcrypto } from 'node:crypto';
import type { CertChainFetcher } from '../../src/platforms/alexa/verifier/index.js';
import { launchRequest } from './alexa-requests.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** Key algorithm of a certificate: RSA 2048 or ECDSA P-256. */
export type KeyType = 'rsa' | 'ec';

/** A certificate URL that passes rule 1 (what Alexa sends today looks like this). */
export const ALEXA_CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-12.pem';

/** Options of `makeChain`; every one has a default that yields a chain the verifier accepts. */
export interface ChainOptions {
  /** Key type of the root and the intermediate. Alexa's signing certificate itself stays RSA. */
  keyType?: KeyType;
  /** Key type of the signing (leaf) certificate; `ec` only to test that it is refused. */
  leafKeyType?: KeyType;
  /** Leaf validity; default one day ago to one year ahead of the real clock. */
  notBefore?: Date;
  notAfter?: Date;
  /** DNS names in the leaf's subject alternative names. */
  san?: string[];
  /** Issue from a rogue root and intermediate that copy the trusted ones' names but not their keys. */
  untrustedRoot?: boolean;
  /** Put an intermediate between root and leaf (default true). */
  intermediate?: boolean;
  /** The intermediate's basicConstraints CA flag (default true). */
  intermediateIsCa?: boolean;
  /** Append the root to `chainPem`, as some servers do. */
  includeRoot?: boolean;
  /**
   * Add subject/authority key identifiers (default true). Without them a rogue issuer with the
   * same name passes `checkIssued`, so only the signature check tells it apart.
   */
  keyIdentifiers?: boolean;
}

/** A generated chain. Trust `rootPem` (unless `untrustedRoot`), serve `chainPem`, sign with `leafKey`. */
export interface TestChain {
  rootPem: string;
  intermediatePem?: string;
  leafPem: string;
  /** Leaf first, then the intermediate (and the root with `includeRoot`), as Alexa serves it. */
  chainPem: string;
  /** Private key of the leaf, for `signAlexaBody`. */
  leafKey: KeyObject;
  /** The same key as PKCS #8 PEM (e.g. for a TLS server using the chain). */
  leafKeyPem: string;
}

interface Issuer {
  name: string;
  keys: CryptoKeyPair;
  keyType: KeyType;
  pem: string;
}

const ALGORITHMS = {
  rsa: {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
  },
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
} as const;

const LONG_AGO = new Date('2000-01-01T00:00:00Z');
const FAR_AHEAD = new Date('2090-01-01T00:00:00Z');
const ROOT_NAME = 'CN=shopvoice Test Root, O=shopvoice tests';
const INTERMEDIATE_NAME = 'CN=shopvoice Test Intermediate, O=shopvoice tests';

const keyPairs = new Map<string, Promise<CryptoKeyPair>>();
const roots = new Map<string, Promise<Issuer>>();

function keyPair(slot: string, type: KeyType): Promise<CryptoKeyPair> {
  const id = `${slot}-${type}`;
  let pair = keyPairs.get(id);
  if (pair === undefined) {
    pair = webcrypto.subtle.generateKey(ALGORITHMS[type], true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
    keyPairs.set(id, pair);
  }
  return pair;
}

/** The root used for `untrustedRoot: false` / `true` of a key type, made once per process. */
function root(type: KeyType, rogue: boolean, keyIdentifiers: boolean): Promise<Issuer> {
  const id = `${type}-${rogue}-${keyIdentifiers}`;
  let made = roots.get(id);
  if (made === undefined) {
    made = (async () => {
      const keys = await keyPair(rogue ? 'rogue-root' : 'root', type);
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        name: ROOT_NAME,
        keys,
        notBefore: LONG_AGO,
        notAfter: FAR_AHEAD,
        signingAlgorithm: ALGORITHMS[type],
        extensions: [
          new x509.BasicConstraintsExtension(true, undefined, true),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          ...(keyIdentifiers ? [await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)] : []),
        ],
      });
      return { name: ROOT_NAME, keys, keyType: type, pem: cert.toString('pem') };
    })();
    roots.set(id, made);
  }
  return made;
}

interface IssueParams {
  subject: string;
  issuer: Issuer;
  keys: CryptoKeyPair;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** keyUsage keyCertSign (else digitalSignature); apart from `ca` to test a non-CA issuer. */
  signsCerts: boolean;
  san?: string[];
  keyIdentifiers: boolean;
}

async function issue(p: IssueParams): Promise<string> {
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(p.ca, p.ca ? 0 : undefined, true),
    new x509.KeyUsagesExtension(p.signsCerts ? x509.KeyUsageFlags.keyCertSign : x509.KeyUsageFlags.digitalSignature, true),
  ];
  if (p.san !== undefined) {
    extensions.push(new x509.SubjectAlternativeNameExtension(p.san.map((value) => ({ type: 'dns' as const, value }))));
  }
  if (p.keyIdentifiers) {
    extensions.push(await x509.SubjectKeyIdentifierExtension.create(p.keys.publicKey));
    extensions.push(await x509.AuthorityKeyIdentifierExtension.create(p.issuer.keys.publicKey));
  }
  const cert = await x509.X509CertificateGenerator.create({
    subject: p.subject,
    issuer: p.issuer.name,
    publicKey: p.keys.publicKey,
    signingKey: p.issuer.keys.privateKey,
    signingAlgorithm: ALGORITHMS[p.issuer.keyType],
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    extensions,
  });
  return cert.toString('pem');
}

/**
 * Builds a root → intermediate → signing-certificate chain like Amazon's.
 *
 * @example
 * const chain = await makeChain({ keyType: 'ec' }); // RSA leaf under an ECDSA intermediate and root
 * const verifier = createAlexaVerifier({ skillIds: [], trustedRoots: [chain.rootPem], fetchCertChain: chainFetcher(chain.chainPem) });
 */
export async function makeChain(options: ChainOptions = {}): Promise<TestChain> {
  const type = options.keyType ?? 'rsa';
  const rogue = options.untrustedRoot ?? false;
  const keyIdentifiers = options.keyIdentifiers ?? true;
  const rootIssuer = await root(type, rogue, keyIdentifiers);
  let leafIssuer = rootIssuer;
  let intermediatePem: string | undefined;
  if (options.intermediate ?? true) {
    const keys = await keyPair(rogue ? 'rogue-intermediate' : 'intermediate', type);
    intermediatePem = await issue({
      subject: INTERMEDIATE_NAME,
      issuer: rootIssuer,
      keys,
      notBefore: LONG_AGO,
      notAfter: FAR_AHEAD,
      ca: options.intermediateIsCa ?? true,
      signsCerts: true,
      keyIdentifiers,
    });
    leafIssuer = { name: INTERMEDIATE_NAME, keys, keyType: type, pem: intermediatePem };
  }
  const leafKeys = await keyPair('leaf', options.leafKeyType ?? 'rsa');
  const day = 24 * 60 * 60 * 1000;
  const leafPem = await issue({
    subject: 'CN=echo-api.amazon.com',
    issuer: leafIssuer,
    keys: leafKeys,
    notBefore: options.notBefore ?? new Date(Date.now() - day),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * day),
    ca: false,
    signsCerts: false,
    san: options.san ?? ['echo-api.amazon.com'],
    keyIdentifiers,
  });
  const leafKey = KeyObject.from(leafKeys.privateKey);
  const parts = [leafPem, intermediatePem, options.includeRoot ? rootIssuer.pem : undefined];
  return {
    rootPem: rootIssuer.pem,
    intermediatePem,
    leafPem,
    chainPem: parts.filter((p): p is string => p !== undefined).join('\n') + '\n',
    leafKey,
    leafKeyPem: leafKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The `Signature-256` header Alexa would send for these exact bytes (RSA-SHA256, base64). */
export function signAlexaBody(rawBody: Buffer | string, leafKey: KeyObject): { 'signature-256': string } {
  return { 'signature-256': sign('sha256', Buffer.from(rawBody), leafKey).toString('base64') };
}

/** Every header Alexa sends that verification reads, as Node presents them (lower case). */
export function alexaHeaders(
  rawBody: Buffer | string,
  leafKey: KeyObject,
  certUrl: string = ALEXA_CERT_URL,
): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    signaturecertchainurl: certUrl,
    ...signAlexaBody(rawBody, leafKey),
  };
}

/** Options of `alexaRequestBody`. */
export interface RequestBodyOptions {
  skillId?: string;
  /** When Alexa "sent" it; default now. */
  timestamp?: Date;
  type?: string;
  /** Leave out the `session` object (skill events have none). */
  withoutSession?: boolean;
}

/**
 * An Alexa request envelope (`launchRequest` of ./alexa-requests.ts) with what verification reads
 * set: skill id, timestamp, request type, and whether there is a session.
 */
export function alexaRequestBody(options: RequestBodyOptions = {}): Record<string, unknown> {
  const body = launchRequest({
    skillId: options.skillId,
    timestamp: (options.timestamp ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  if (options.type !== undefined) (body.request as Record<string, unknown>).type = options.type;
  if (options.withoutSession) delete body.session;
  return body;
}

/** A fetcher that serves `chainPem` for every URL, counting calls (for the cache tests). */
export function chainFetcher(chainPem: string): CertChainFetcher & { calls: number } {
  const fetcher = Object.assign(
    async (_url: URL) => {
      fetcher.calls += 1;
      return Buffer.from(chainPem);
    },
    { calls: 0 },
  );
  return fetcher;
}
