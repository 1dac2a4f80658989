import type { ValidatedChain } from './cert-chain.js';
import { AlexaVerificationError } from './verification-error.js';

/** Options of the chain cache; defaults live in `createAlexaVerifier`. */
export interface CertCacheOptions {
  /** How long a validated chain is kept before it is downloaded again, in ms. */
  ttlMs: number;
  /** Most chains kept that have verified a request; the least recently used goes first. */
  maxEntries: number;
  /** Most chains kept that validated but have not (yet) verified a request. */
  maxProbation: number;
  /** Most downloads running at once; a request that would start one more fails at once. */
  maxConcurrentLoads: number;
  /** How long a URL whose download or validation failed is refused without trying again, in ms. */
  failureTtlMs: number;
  /** Most failed URLs remembered; the oldest is forgotten first. */
  maxFailures: number;
  now: () => number;
}

/** Validated chains by normalised certificate URL. */
export interface CertCache {
  /** The chain for `url`: cached, or loaded once however many requests ask at the same time. */
  get(url: URL): Promise<ValidatedChain> | ValidatedChain;
  /** Marks `url`'s chain as having verified a real request's signature: only such chains are kept long. */
  admit(url: URL, chain: ValidatedChain): void;
  /** Chains that have verified a request. */
  readonly size: number;
}

interface Entry {
  chain: ValidatedChain;
  expiresAt: number;
}

/**
 * Caches the parsed signing key and the result of chain validation per URL (rule 2), so a warm
 * request costs one RSA verify. Dates are not the cache's business: the caller checks them on
 * every use (`checkChainDates`), because a chain can expire while it is cached.
 *
 * Anyone can send a request naming any path under s3.amazonaws.com/echo.api/, and Amazon serves
 * several genuine chains there, so the cache must not work for an attacker (issue: "an edge that
 * does not work for the attacker"):
 * - admission: a freshly validated chain waits in a small probation area; only a chain that then
 *   verified a request's signature (`admit`) enters the main cache, so forged requests can never
 *   evict the chain real requests use;
 * - downloads are capped (`maxConcurrentLoads`); past the cap a request fails at once instead of
 *   queueing on the network;
 * - a URL that failed is refused for `failureTtlMs`, so repeating it costs no download.
 *
 * @example
 * const cache = createCertCache(load, { ttlMs: 3_600_000, maxEntries: 32, maxProbation: 4,
 *   maxConcurrentLoads: 4, failureTtlMs: 60_000, maxFailures: 256, now: Date.now });
 * const chain = await cache.get(url); verifyBodySignature(body, sig, chain.signingKey); cache.admit(url, chain);
 */
export function createCertCache(load: (url: URL) => Promise<ValidatedChain>, options: CertCacheOptions): CertCache {
  const admitted = new Map<string, Entry>();
  const probation = new Map<string, Entry>();
  const failures = new Map<string, { error: AlexaVerificationError; until: number }>();
  const inFlight = new Map<string, Promise<ValidatedChain>>();

  /** Inserts as the newest entry and drops the oldest past `max` (a Map iterates in insertion order). */
  function put<V>(map: Map<string, V>, key: string, value: V, max: number): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > max) map.delete(map.keys().next().value as string);
  }

  function fresh(map: Map<string, Entry>, key: string, now: number): Entry | undefined {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > now) return entry;
    map.delete(key);
    return undefined;
  }

  function start(url: URL, key: string, now: number): Promise<ValidatedChain> {
    const failed = failures.get(key);
    if (failed !== undefined) {
      if (failed.until > now) return Promise.reject(failed.error);
      failures.delete(key);
    }
    if (inFlight.size >= options.maxConcurrentLoads) {
      return Promise.reject(new AlexaVerificationError('cert-fetch', `${inFlight.size} certificate downloads already running`));
    }
    const pending = load(url)
      .then(
        (chain) => {
          put(probation, key, { chain, expiresAt: options.now() + options.ttlMs }, options.maxProbation);
          return chain;
        },
        (cause: unknown) => {
          const error = cause instanceof AlexaVerificationError ? cause : new AlexaVerificationError('cert-fetch', String(cause), { cause });
          put(failures, key, { error, until: options.now() + options.failureTtlMs }, options.maxFailures);
          throw error;
        },
      )
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
    return pending;
  }

  return {
    get(url) {
      const key = url.href;
      const now = options.now();
      const hit = fresh(admitted, key, now) ?? fresh(probation, key, now);
      if (hit !== undefined) return hit.chain;
      return inFlight.get(key) ?? start(url, key, now);
    },
    admit(url, chain) {
      const key = url.href;
      const entry = admitted.get(key);
      if (entry !== undefined && entry.chain === chain) {
        // Least recently used goes first: a chain in use moves to the back.
        if (admitted.size > 1) put(admitted, key, entry, options.maxEntries);
        return;
      }
      const waiting = probation.get(key);
      if (waiting === undefined || waiting.chain !== chain) return;
      probation.delete(key);
      put(admitted, key, waiting, options.maxEntries);
    },
    get size() {
      return admitted.size;
    },
  };
}
