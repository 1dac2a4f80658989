import type { Product } from '../commerce.js';
import type { MatcherFactory, ProductMatcher } from '../matching/index.js';

/** A catalog snapshot: the products and the version they belong to. */
export interface CatalogSnapshot {
  version: string;
  products: Product[];
}

/**
 * Holds the product matcher for the current catalog version. The first search builds it (and
 * waits for it); after the catalog changes, searches keep using the old matcher while a new
 * one is built on a later tick, so an import never stalls the requests in flight.
 */
export class VersionedMatcher {
  private built?: { version: string; matcher: ProductMatcher };
  private rebuilding = false;
  private failed = false;
  private stopped = false;

  constructor(
    private readonly snapshot: () => CatalogSnapshot,
    private readonly factory: MatcherFactory,
  ) {}

  /** The matcher to search with now, given the catalog's current version. */
  current(version: string): ProductMatcher {
    // A failed background rebuild is retried in the request, so its error reaches a caller.
    if (!this.built || this.failed) return this.build();
    if (this.built.version !== version && !this.rebuilding) {
      this.rebuilding = true;
      setImmediate(() => {
        try {
          if (!this.stopped) this.build();
        } catch {
          this.failed = true;
        } finally {
          this.rebuilding = false;
        }
      });
    }
    return this.built.matcher;
  }

  /** Stops background rebuilds (the database is closing). */
  stop(): void {
    this.stopped = true;
  }

  private build(): ProductMatcher {
    const { version, products } = this.snapshot();
    const matcher = this.factory(products);
    this.built = { version, matcher };
    this.failed = false;
    return matcher;
  }
}
