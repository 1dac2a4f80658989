import type { Commerce, Product } from './commerce.js';
import { createMatcherHost, type MatcherFactory } from './matching/index.js';

/** A hosted shop's catalog as read at one version: every product by id and in id order. */
export interface CatalogSnapshot {
  version: string;
  byId: Map<string, Product>;
  sorted: Product[];
}

export interface HostedCatalogOptions<S extends CatalogSnapshot> {
  /** Asks the shop for its catalog version (one request). */
  readVersion(): Promise<string>;
  /** Reads the whole catalog at a version. */
  load(version: string): Promise<S>;
  /** How long a seen version is trusted before the shop is asked again; 0 asks every time. */
  versionTtlMs: number;
  /** Monotonic clock in ms (tests drive their own). */
  monotonic: () => number;
  matcherFactory?: MatcherFactory;
}

export interface HostedCatalog<S extends CatalogSnapshot> {
  catalogVersion(): Promise<string>;
  /** The catalog of the current version, read again (once, however many ask) when the version moved. */
  current(): Promise<S>;
  /** The port's catalog reads, answered from the snapshot and its matcher. */
  reads: Pick<Commerce, 'findProducts' | 'getProduct' | 'listVariants' | 'listProducts'>;
}

/**
 * The catalog of a shop that answers over the network (Shopware, Shopify), kept in memory per
 * catalog version. The version is asked for at most once per `versionTtlMs` however many requests
 * want it: while a check is under way the last version seen is used (before, a burst of about 50
 * concurrent version requests went out at each expiry, bench/NOTES.md "Every path"); only the very
 * first check, or every check with a TTL of 0, is waited for. A new version is loaded once, and the
 * matcher is rebuilt from it in the background.
 *
 * @example
 *   const catalog = hostedCatalog({ readVersion, load, versionTtlMs: 30_000, monotonic: () => performance.now() });
 *   return { ...catalog.reads, catalogVersion: catalog.catalogVersion, … };
 */
export function hostedCatalog<S extends CatalogSnapshot>(options: HostedCatalogOptions<S>): HostedCatalog<S> {
  const { versionTtlMs, monotonic } = options;
  let versionSeen: { version: string; at: number } | undefined;
  let checking: Promise<string> | undefined;
  async function catalogVersion(): Promise<string> {
    if (versionSeen && monotonic() - versionSeen.at < versionTtlMs) return versionSeen.version;
    checking ??= options.readVersion().then((version) => {
      versionSeen = { version, at: monotonic() };
      return version;
    }).finally(() => { checking = undefined; });
    if (!versionSeen || versionTtlMs === 0) return checking;
    checking.catch(() => undefined);
    return versionSeen.version;
  }

  let snapshot: S | undefined;
  let loading: Promise<S> | undefined;
  async function current(): Promise<S> {
    const version = await catalogVersion();
    if (snapshot?.version === version) return snapshot;
    loading ??= options.load(version).then(
      (s) => { snapshot = s; loading = undefined; return s; },
      (error: unknown) => { loading = undefined; throw error; },
    );
    return loading;
  }

  const host = createMatcherHost(async () => (await current()).sorted, catalogVersion, {
    checkEveryMs: versionTtlMs,
    ...(options.matcherFactory ? { build: options.matcherFactory } : {}),
  });
  /** Each snapshot's variant families, grouped once (not a scan of the whole catalog per answer). */
  const families = new WeakMap<S, Map<string, Product[]>>();
  const familiesOf = (s: S): Map<string, Product[]> => {
    let groups = families.get(s);
    if (!groups) {
      groups = new Map();
      for (const p of s.sorted) if (p.variantGroup) (groups.get(p.variantGroup) ?? groups.set(p.variantGroup, []).get(p.variantGroup)!).push(p);
      families.set(s, groups);
    }
    return groups;
  };

  return {
    catalogVersion,
    current,
    reads: {
      async findProducts(spoken, language, opts) {
        const result = (await host.matcher()).search(spoken, language, opts?.limit ?? 5);
        const { byId } = await current();
        const candidates = result.candidates.flatMap((c) => {
          const product = byId.get(c.id);
          return product ? [{ product, score: c.score }] : [];
        });
        return { decision: candidates.length > 0 ? result.decision : 'none', candidates };
      },
      async getProduct(id) {
        return (await current()).byId.get(id);
      },
      async listVariants(group) {
        return (familiesOf(await current()).get(group) ?? []).slice();
      },
      async listProducts() {
        return (await current()).sorted;
      },
    },
  };
}
