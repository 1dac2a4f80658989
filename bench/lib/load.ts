import autocannon, { type Client } from 'autocannon';
import type { RequestPool } from './request-pool.js';
import { percentile } from './stats.js';

/** How one load run is driven. */
export interface LoadOptions {
  url: string;
  pool: RequestPool;
  connections: number;
  durationSec: number;
  /** How often a pool with `refresh` is renewed during the run. */
  refreshMs?: number;
  /** Called about once a second while the run lasts (the soak run samples memory). */
  onTick?: (elapsedSec: number) => void;
}

/** What one run measured. Latencies in milliseconds, exact (not autocannon's 1 ms buckets). */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** Response-time samples without per-sample allocation; grows by doubling. */
class Samples {
  private data = new Float64Array(1 << 16);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/**
 * Runs autocannon in this process (the runner is pinned to the load core) against `url` with the
 * pool's requests, renewing expiring pools as it goes. Latency percentiles come from every
 * response's own time, so sub-millisecond figures are exact.
 *
 * @example const r = await runLoad({ url, pool, connections: 50, durationSec: 10 });
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const clients: Client[] = [];
  const samples = new Samples();
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSec,
    timeout: 10,
    requests: options.pool.current(),
    setupClient: (client) => clients.push(client),
  });
  instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) samples.push(responseTimeMs);
  });
  const started = Date.now();
  const refresh = options.pool.refresh
    ? setInterval(() => {
        options.pool.refresh!();
        const fresh = options.pool.current();
        for (const client of clients) client.setRequests(fresh);
      }, options.refreshMs ?? 5_000)
    : undefined;
  const tick = options.onTick ? setInterval(() => options.onTick!((Date.now() - started) / 1000), 1_000) : undefined;
  try {
    const result = await instance;
    const sorted = samples.sorted();
    const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]));
    return {
      rps: result.requests.total / result.duration,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN,
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
    };
  } finally {
    clearInterval(refresh);
    clearInterval(tick);
  }
}
