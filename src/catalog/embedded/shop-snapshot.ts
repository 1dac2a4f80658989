import { performance } from 'node:perf_hooks';
import type { Customer, FaqTopic, Order, Product, ShopInfo, SpecialDay, Store } from '../commerce.js';

/**
 * What the embedded shop keeps in memory for one state of its database: every turn is served
 * from here, and nothing in it is ever changed (frozen objects), only the whole snapshot replaced.
 * The one cache policy of the embedded shop (bench/NOTES.md, "Embedded shop").
 */
export interface ShopSnapshot {
  /** The `catalog_version` setting (the matcher's index is built for one). */
  catalogVersion?: string;
  shopInfo?: ShopInfo;
  stores?: Store[];
  faqTopics?: FaqTopic[];
  /** Bounded maps: their keys come from requests (product ids, variant groups, date ranges). */
  products: Map<string, Product>;
  variants: Map<string, Product[]>;
  specialDays: Map<string, SpecialDay[]>;
  /** Customers by access token: only tokens that found one (an unknown token is asked again). */
  customers: Map<string, Customer>;
  /** A customer's orders, newest first, by customer id. */
  orders: Map<string, Order[]>;
}

export interface SnapshotKeeper {
  /** The snapshot for now: a new, empty one when the database changed since it was taken. */
  current(): ShopSnapshot;
  /** Drops the snapshot at once (this process wrote to the database). */
  invalidate(): void;
}

/** Entries kept at most per map of a snapshot. */
export const SNAPSHOT_MAX_ENTRIES = 10_000;

/**
 * How often the database is asked whether another connection wrote to it (`PRAGMA data_version`
 * moves on every commit by another connection: `shopvoice shop import`, `shop configure`, an edit
 * by hand). What this process writes is seen at once ({@link SnapshotKeeper.invalidate}).
 */
export const SNAPSHOT_CHECK_MS = 1000;

const empty = (): ShopSnapshot => ({ products: new Map(), variants: new Map(), specialDays: new Map(), customers: new Map(), orders: new Map() });

/**
 * Keeps one snapshot per database state.
 *
 * @example
 *   const snapshots = snapshotKeeper(() => sql('PRAGMA data_version').pluck().get() as number);
 *   const info = (snapshots.current().shopInfo ??= readShopInfo());
 */
export function snapshotKeeper(dataVersion: () => number, options: { checkEveryMs?: number; now?: () => number } = {}): SnapshotKeeper {
  const checkEveryMs = options.checkEveryMs ?? SNAPSHOT_CHECK_MS;
  const now = options.now ?? (() => performance.now());
  let snapshot = empty();
  let version: number | undefined;
  let checkedAt = -Infinity;
  return {
    current() {
      const at = now();
      if (at - checkedAt >= checkEveryMs) {
        checkedAt = at;
        const seen = dataVersion();
        if (seen !== version) {
          version = seen;
          snapshot = empty();
        }
      }
      return snapshot;
    },
    invalidate() {
      snapshot = empty();
      checkedAt = -Infinity;
    },
  };
}
