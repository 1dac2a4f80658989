import type { ValidatedChain } from './cert-chain.js';

/** Options of the chain cache; defaults live in `createAlexaVerifier`. */
export interface CertCacheOptions {
  /** How long a validated chain is kept before it is downloaded again, in ms. */
  ttlMs: number;
  /** Most URLs kept; the oldest entry goes first. */
  maxEntries: number;
  now: () => number;
}

/** Validated chains by normalised certificate URL. */
export interface CertCache {
  /** The chain for `url`: cached, or loaded once however many requests ask at the same time. */
  get(url: URL): Promise<ValidatedChain> | ValidatedChain;
  readonly size: number;
}

/**
 * Caches the parsed signing key and the result of chain validation per URL (rule 2), so a warm
 * request costs one RSA verify. Dates are not the cache's business: the caller checks them on
 * every use (`checkChainDates`), because a chain can expire while it is cached. Failed loads are
 * not cached. Only chains that passed validation get in, which only Amazon can produce for a URL
 * under s3.amazonaws.com/echo.api/, so eviction order (insertion) is not an attack surface.
 *
 * @example
 * const cache = createCertCache((url) => download(url).then(validate), { ttlMs: 3_600_000, maxEntries: 32, now: Date.now });
 * const chain = await cache.get(url);
 */
export function createCertCache(load: (url: URL) => Promise<ValidatedChain>, options: CertCacheOptions): CertCache {
  const entries = new Map<string, { chain: ValidatedChain; expiresAt: number }>();
  const inFlight = new Map<string, Promise<ValidatedChain>>();

  function store(key: string, chain: ValidatedChain): void {
    entries.delete(key);
    entries.set(key, { chain, expiresAt: options.now() + options.ttlMs });
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    get(url) {
      const key = url.href;
      const hit = entries.get(key);
      if (hit !== undefined && hit.expiresAt > options.now()) return hit.chain;
      let pending = inFlight.get(key);
      if (pending === undefined) {
        pending = load(url)
          .then((chain) => {
            store(key, chain);
            return chain;
          })
          .finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
    get size() {
      return entries.size;
    },
  };
}
