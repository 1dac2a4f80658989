import type { Product } from '../commerce.js';
import { buildMatcherInSlices } from './build-matcher.js';
import type { ProductMatcher } from './matcher.js';

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
        live = { matcher: await build(products), version };
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
