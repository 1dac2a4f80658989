import { rootCertificates } from 'node:tls';
import { createCertCache } from './cert-cache.js';
import { checkChainDates, validateCertChain } from './cert-chain.js';
import { parseCertChainUrl } from './cert-chain-url.js';
import { createCertChainFetcher, type CertChainFetcher } from './fetch-cert-chain.js';
import { verifySkillId, verifyTimestamp } from './request-checks.js';
import { headerValue, signatureFromHeaders, verifyBodySignature, type RequestHeaders } from './request-signature.js';
import { createTrustStore, defaultTrustStore, type TrustStore } from './trust-store.js';
import { AlexaVerificationError } from './verification-error.js';

/** How the verifier is set up; only `skillIds` is required. */
export interface AlexaVerifierOptions {
  /** Accepted skill ids; empty accepts any. */
  skillIds: readonly string[];
  /** Clock, ms epoch. */
  now?: () => number;
  /** Downloads a chain; default `createCertChainFetcher()` (https only, 3 s, 64 KiB, no redirects). */
  fetchCertChain?: CertChainFetcher;
  /** Trusted root PEMs; default `tls.rootCertificates`. */
  trustedRoots?: readonly string[];
  /** Roots trusted in addition (config's `extraRootsFile`: tests and benchmarks sign with their own). */
  extraTrustedRoots?: readonly string[];
  /** Rule 5, in seconds; default in `verifyTimestamp` (150 s). */
  timestampToleranceSec?: number;
  /** Rule 5, largest age of an `AlexaSkillEvent.*`, in seconds; default in `verifyTimestamp` (1 h). */
  skillEventToleranceSec?: number;
  /** How long a validated chain is kept before it is downloaded again, in ms. */
  cacheTtlMs?: number;
  /** Most certificate URLs cached that have verified a request. */
  maxCacheEntries?: number;
  /** Most certificate downloads at once. */
  maxConcurrentDownloads?: number;
  /** How long a URL whose chain could not be loaded is refused without a new download, in ms. */
  failureTtlMs?: number;
}

/** Checks that an HTTP request comes from Alexa, for this skill, just now. */
export interface AlexaVerifier {
  /**
   * Resolves when the request passes every rule; otherwise rejects with an
   * `AlexaVerificationError` (answer HTTP 400 with a generic body, rule 7).
   * `parsedBody` must be `JSON.parse(rawBody)`; the signature is checked over `rawBody`.
   */
  verify(headers: RequestHeaders, rawBody: Buffer, parsedBody: unknown): Promise<void>;
}

const DEFAULTS = {
  cacheTtlMs: 60 * 60 * 1000, // 1 h
  maxCacheEntries: 32, // URLs that verified a request
  maxProbation: 4, // URLs whose chain validated but verified nothing yet
  maxConcurrentDownloads: 4, // Alexa uses one URL at a time; more in flight is somebody probing
  failureTtlMs: 60 * 1000, // 1 min
  maxFailures: 256, // URLs
};

/**
 * Our own Alexa request verifier (platform-rules.md rules 1–6), on `node:crypto` and WHATWG URL.
 * Everything that needs no certificate runs first (skill id, timestamp, a well-formed signature,
 * the URL), so a request failing those causes no network traffic; the chain is downloaded and
 * validated once per URL and cached, so a warm request costs one RSA verify plus a date comparison.
 *
 * @example
 * const verifier = createAlexaVerifier({ skillIds: config.alexa.skillIds });
 * await verifier.verify(req.headers, rawBody, JSON.parse(rawBody.toString('utf8')));
 */
export function createAlexaVerifier(options: AlexaVerifierOptions): AlexaVerifier {
  const now = options.now ?? Date.now;
  const fetchCertChain = options.fetchCertChain ?? createCertChainFetcher();
  const tolerance = {
    toleranceSec: options.timestampToleranceSec,
    skillEventToleranceSec: options.skillEventToleranceSec,
  };
  let trust: TrustStore | undefined;
  // Parsed on the first download, not at start-up: cold start stays small.
  const trustStore = (): TrustStore => (trust ??= buildTrustStore(options));

  const cache = createCertCache(
    async (url) => {
      let pem: Buffer;
      try {
        pem = await fetchCertChain(url);
      } catch (cause) {
        if (cause instanceof AlexaVerificationError) throw cause;
        throw new AlexaVerificationError('cert-fetch', `download failed: ${String(cause)}`, { cause });
      }
      return validateCertChain(pem.toString('utf8'), trustStore());
    },
    {
      ttlMs: options.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
      maxEntries: options.maxCacheEntries ?? DEFAULTS.maxCacheEntries,
      maxProbation: DEFAULTS.maxProbation,
      maxConcurrentLoads: options.maxConcurrentDownloads ?? DEFAULTS.maxConcurrentDownloads,
      failureTtlMs: options.failureTtlMs ?? DEFAULTS.failureTtlMs,
      maxFailures: DEFAULTS.maxFailures,
      now,
    },
  );

  // Alexa sends the same certificate URL on every request: the last accepted header and its
  // parsed URL are kept, so a warm request does not parse it again. One entry, so a sender
  // cannot grow it; only headers that passed rule 1 get in.
  let lastCertUrl: { header: string; url: URL } | undefined;
  const certChainUrl = (header: string | undefined): URL => {
    if (lastCertUrl !== undefined && lastCertUrl.header === header) return lastCertUrl.url;
    const url = parseCertChainUrl(header);
    if (header !== undefined) lastCertUrl = { header, url };
    return url;
  };

  return {
    async verify(headers, rawBody, parsedBody) {
      verifySkillId(parsedBody, options.skillIds);
      verifyTimestamp(parsedBody, now(), tolerance);
      const signature = signatureFromHeaders(headers);
      const url = certChainUrl(headerValue(headers, 'signaturecertchainurl'));
      const chain = await cache.get(url);
      checkChainDates(chain, now());
      verifyBodySignature(rawBody, signature, chain.signingKey);
      cache.admit(url, chain);
    },
  };
}

function buildTrustStore(options: AlexaVerifierOptions): TrustStore {
  const extra = options.extraTrustedRoots ?? [];
  if (options.trustedRoots === undefined && extra.length === 0) return defaultTrustStore();
  // Configured roots first: a store is searched in order (trust-store.ts).
  return createTrustStore([...extra, ...(options.trustedRoots ?? rootCertificates)]);
}
