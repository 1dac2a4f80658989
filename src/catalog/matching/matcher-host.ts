import type { Product } from '../commerce.js';
import { buildMatcherInSlices } from './build-matcher.js';
import type { MatchResult, ProductMatcher } from './matcher.js';
import { remember } from '../../remember.js';
import type { Language } from '../commerce.js';

/** Answers kept per matcher (each a few candidate ids): shoppers ask for the same names again and again. */
export const KEPT_ANSWERS_MAX = 5_000;

/**
 * A matcher that answers a query it was asked before from memory. Its answers are frozen and
 * belong to one matcher: a rebuilt catalog starts with none (bench/NOTES.md, "Matcher").
 */
export function keepingAnswers(matcher: ProductMatcher, max = KEPT_ANSWERS_MAX): ProductMatcher {
  const kept = new Map<string, MatchResult>();
  return {
    get size() {
      return matcher.size;
    },
    search(spoken: string, language: Language, limit = 5): MatchResult {
      const key = `${language}${limit}\u0000${spoken}`;
      const known = kept.get(key);
      if (known) return known;
      const result = matcher.search(spoken, language, limit);
      for (const candidate of result.candidates) Object.freeze(candidate);
      Object.freeze(result.candidates);
      return remember(kept, key, Object.freeze(result), max);
    },
  };
}

/** Keeps a matcher current with the catalog without ever making a request wait on a rebuild. */
export interface MatcherHost {
  /**
   * The matcher to search with. Only the very first call waits (for the first build); after
   * that it returns at once and, when the catalog version changed, a new matcher is built in the
   * background and swapped in when ready.
   */
  matcher(): Promise<ProductMatcher>;
  /** Checks the version now and rebuilds if it changed; resolves when the new matcher is live. */
  refresh(): Promise<void>;
  /** The catalog version the live matcher was built from. */
  readonly version: string | undefined;
}

export interface MatcherHostOptions {
  /** How often `matcher()` may ask the catalog for its version, in milliseconds (default 5000). */
  checkEveryMs?: number;
  /** Clock in milliseconds, for tests (default Date.now). */
  now?: () => number;
  /** Reports a failed background rebuild; the previous matcher stays live. */
  onError?: (error: unknown) => void;
  /** Builds a matcher (default: buildMatcherInSlices, which yields to requests while it works). */
  build?: (products: Product[]) => ProductMatcher | Promise<ProductMatcher>;
}

/**
 * Holds one live matcher for a catalog. Rebuilds are single-flight (one at a time, never two
 * for the same version) and sliced, so request handling continues on the old matcher.
 *
 * @example
 * const host = createMatcherHost(() => shop.listProducts(), () => shop.catalogVersion());
 * const { candidates } = (await host.matcher()).search('hafermilch', 'de');
 */
export function createMatcherHost(
  loadProducts: () => Promise<Product[]>,
  versionOf: () => Promise<string>,
  options: MatcherHostOptions = {},
): MatcherHost {
  const build = options.build ?? ((products: Product[]) => buildMatcherInSlices(products));
  const checkEveryMs = options.checkEveryMs ?? 5000;
  const now = options.now ?? Date.now;
  let live: { matcher: ProductMatcher; version: string } | undefined;
  let inFlight: Promise<void> | undefined;
  let lastCheck = -Infinity;

  const rebuild = (): Promise<void> => {
    inFlight ??= (async () => {
      try {
        lastCheck = now();
        const version = await versionOf();
        if (live && live.version === version) return;
        const products = await loadProducts();
        live = { matcher: keepingAnswers(await build(products)), version };
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    get version() {
      return live?.version;
    },
    async matcher() {
      if (!live) await rebuild();
      else if (now() - lastCheck >= checkEveryMs) {
        rebuild().catch((error: unknown) => options.onError?.(error));
      }
      return live!.matcher;
    },
    refresh: rebuild,
  };
}
