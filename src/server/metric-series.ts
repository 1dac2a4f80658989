import type { Metric, Registry } from 'prom-client';

/**
 * Labelled counters and histograms for the per-request hot path, kept in a prom-client `Registry`.
 *
 * Why: prom-client 15 builds a hash string from the label object and validates its names on every
 * `inc`/`observe` (its `labels()` children re-hash on each call too). In the profile of an /alexa
 * request that, with the garbage of those strings, was more than the 3 % of a request that pays for
 * keeping this file (bench/NOTES.md, "Metrics"). These take the label VALUES positionally, find
 * the series through one Map per label (no string is built, and the values' hashes are cached in
 * the strings), and keep per-bucket counts that are cumulated only when scraped. One Map keyed by
 * the joined values instead of nested Maps was slower (a new string to concatenate and hash on
 * every call).
 *
 * They register through `Registry.registerMetric` and answer `get()` (and the histogram
 * `getForPromString()`) with objects of the very shape prom-client's own Counter/Histogram
 * return, so the registry renders them byte for byte as it would render those: series in
 * first-seen order, labels in `labelNames` order, prom-client's `le`, `_bucket`/`_sum`/`_count`
 * lines and number format (test/metrics/exposition.test.ts compares the two).
 * `registry.resetMetrics()` calls `reset()`.
 *
 * Bounded: past `maxSeries` label sets (2048 by default) a new label set is counted in the series
 * whose every label is `other` (which may make `maxSeries + 1`), and `overflowed` turns true
 * until `reset()`. Totals stay right and memory stays bounded. Callers map request-borne values
 * onto closed sets first (metrics.ts), so this only guards against a future mistake.
 */

/** A label set as prom-client keeps it: label name → value, in `labelNames` order. */
export type Labels = Record<string, string>;

/** One value per label name, in `labelNames` order. */
export type LabelValues<N extends readonly string[]> = { readonly [K in keyof N]: string };

export interface SeriesOptions<N extends readonly string[]> {
  name: string;
  help: string;
  /** At least one: an unlabelled metric gains nothing here, use prom-client's own. */
  labelNames: N;
  /** Registries to join now; a registry made later takes the series with `registerMetric`. */
  registers?: Registry[];
  /** Label sets before new ones are folded into the all-`other` series; 2048 by default. */
  maxSeries?: number;
}

const MAX_SERIES = 2048;

/** Series lookup (one Map per label, the last one holding the series) and registry plumbing. */
abstract class LabelledSeries<N extends readonly string[], S extends { readonly labels: Labels }> {
  /** Not readonly: an OpenMetrics registry's `metrics()` strips counters' `_total` in place. */
  name: string;
  readonly help: string;
  readonly labelNames: N;
  readonly aggregator = 'sum';
  abstract readonly type: 'counter' | 'histogram';
  /** Set once a label set past `maxSeries` has been folded into the all-`other` series. */
  overflowed = false;
  /** Every series in first-seen order: prom-client's order (its hash map's insertion order). */
  protected all: S[] = [];
  private root = new Map<string, unknown>();
  private readonly depth: number;
  private readonly maxSeries: number;

  constructor(options: SeriesOptions<N>) {
    if (options.labelNames.length === 0) throw new Error(`${options.name}: no label names`);
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames;
    this.depth = options.labelNames.length;
    this.maxSeries = options.maxSeries ?? MAX_SERIES;
    // The registry only reads the members prom-client's registry uses; its types want a prom-client class.
    for (const registry of options.registers ?? []) registry.registerMetric(this as unknown as Metric);
  }

  /** Forget every series, as prom-client's `reset()` does (for `registry.resetMetrics()`). */
  reset(): void {
    this.root = new Map();
    this.all = [];
    this.overflowed = false;
  }

  protected abstract create(labels: Labels): S;

  /** The series of these label values: the hot path, so no allocation once it exists. */
  protected series(values: LabelValues<N>): S {
    let node = this.root;
    const last = this.depth - 1;
    for (let i = 0; i < last; i++) {
      const next = node.get(values[i] as string) as Map<string, unknown> | undefined;
      if (next === undefined) return this.add(values);
      node = next;
    }
    return (node.get(values[last] as string) as S | undefined) ?? this.add(values);
  }

  private add(given: readonly string[]): S {
    if (given.length !== this.depth || given.some((v) => typeof v !== 'string')) {
      throw new TypeError(`${this.name}: wants ${this.depth} string label values (${this.labelNames.join(', ')}), got ${String(given)}`);
    }
    let values = given;
    if (this.all.length >= this.maxSeries) {
      this.overflowed = true;
      values = given.map(() => 'other');
    }
    let node = this.root;
    for (let i = 0; i < this.depth - 1; i++) {
      let next = node.get(values[i]!) as Map<string, unknown> | undefined;
      if (next === undefined) node.set(values[i]!, (next = new Map()));
      node = next;
    }
    const leaf = values[this.depth - 1]!;
    let series = node.get(leaf) as S | undefined;
    if (series === undefined) {
      const labels: Labels = {};
      this.labelNames.forEach((name, i) => (labels[name] = values[i]!));
      node.set(leaf, (series = this.create(labels)));
      this.all.push(series);
    }
    return series;
  }
}

interface CounterCell {
  readonly labels: Labels;
  value: number;
}

/**
 * A labelled counter that a registry renders exactly as prom-client's `Counter`, counting up by one
 * without prom-client's per-call label hashing (bench/NOTES.md, "Metrics").
 */
export class CounterSeries<const N extends readonly string[]> extends LabelledSeries<N, CounterCell> {
  readonly type = 'counter';

  inc(...values: LabelValues<N>): void {
    this.series(values).value += 1;
  }

  /** Counts `amount` (finite, not negative, as prom-client's `inc` demands) in the series of the label values. */
  incBy(amount: number, ...values: LabelValues<N>): void {
    if (!Number.isFinite(amount) || amount < 0) throw new TypeError(`${this.name}: cannot add ${amount}`);
    this.series(values).value += amount;
  }

  /** What prom-client's `Counter.get()` returns (fresh value objects; the label objects are shared). */
  async get() {
    return {
      help: this.help,
      name: this.name,
      type: this.type,
      values: this.all.map(({ value, labels }) => ({ value, labels })),
      aggregator: this.aggregator,
    };
  }

  protected create(labels: Labels): CounterCell {
    return { labels, value: 0 };
  }
}

interface HistogramCell {
  readonly labels: Labels;
  /** Observations per bucket, not cumulative: `counts[i]` holds those in (bounds[i-1], bounds[i]]. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

/** One exposition sample, as prom-client's Histogram hands it to the registry. */
interface Point {
  labels: { le?: number | string };
  sharedLabels: Labels;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

/**
 * A labelled histogram that a registry renders exactly as prom-client's `Histogram`, without its
 * per-call label hashing (bench/NOTES.md): a linear scan of the few bounds,
 * one count per bucket.
 */
export class HistogramSeries<const N extends readonly string[]> extends LabelledSeries<N, HistogramCell> {
  readonly type = 'histogram';
  private readonly bounds: readonly number[];

  /** `buckets`: finite upper bounds in ascending order (`+Inf` is implied, as in prom-client). */
  constructor(options: SeriesOptions<N> & { buckets: readonly number[] }) {
    super(options);
    const { buckets } = options;
    if (options.labelNames.includes('le')) throw new Error(`${options.name}: le is a reserved label name`);
    if (!buckets.every((b, i) => Number.isFinite(b) && (i === 0 || b > buckets[i - 1]!))) {
      throw new Error(`${options.name}: buckets must be finite and ascending`);
    }
    this.bounds = [...buckets];
  }

  /** Records `value` (seconds, say) in the series of the label values; throws on NaN/±Infinity like prom-client. */
  observe(value: number, ...values: LabelValues<N>): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const series = this.series(values);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    if (i < bounds.length) series.counts[i]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** What prom-client's `Histogram.getForPromString()` returns: the registry's text format reads it. */
  async getForPromString() {
    return { name: this.name, help: this.help, type: this.type, values: this.points(), aggregator: this.aggregator };
  }

  /** What prom-client's `Histogram.get()` returns: the points with their series' labels merged in. */
  async get() {
    const values = this.points().map(({ labels, sharedLabels, value, metricName, exemplar }) => ({
      value, metricName, exemplar, labels: { ...labels, ...sharedLabels },
    }));
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  protected create(labels: Labels): HistogramCell {
    return { labels, counts: new Float64Array(this.bounds.length), sum: 0, count: 0 };
  }

  /** Per series: cumulative `_bucket`s, `+Inf`, `_sum`, `_count`, with prom-client's keys and order. */
  private points(): Point[] {
    const bucket = `${this.name}_bucket`;
    const points: Point[] = [];
    for (const { labels, counts, sum, count } of this.all) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += counts[i]!;
        points.push({ labels: { le }, sharedLabels: labels, value: cumulative, metricName: bucket, exemplar: null });
      });
      points.push(
        { labels: { le: '+Inf' }, sharedLabels: labels, value: count, metricName: bucket, exemplar: null },
        { labels: {}, sharedLabels: labels, value: sum, metricName: `${this.name}_sum`, exemplar: undefined },
        { labels: {}, sharedLabels: labels, value: count, metricName: `${this.name}_count`, exemplar: undefined },
      );
    }
    return points;
  }
}
