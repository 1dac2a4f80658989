import { cpuSnapshot, cpuUse, type CpuUse } from './cpu.js';
import { median } from './stats.js';
import { sendOnce } from './http-once.js';
import { runLoad, type LoadResult } from './load.js';
import type { Platform, Round, Scenario } from './report.js';
import type { RequestPool } from './request-pool.js';
import type { ServerProcess } from './server-process.js';

/** How long and how wide the measured runs are. */
export interface RunSize {
  warmupSec: number;
  /** Seconds of each measured round. */
  durationSec: number;
  connections: number;
}

/** What is measured: a label, a platform, the server, and the requests. */
export interface ScenarioSpec {
  id: string;
  label: string;
  kind: Scenario['kind'];
  platform: Platform;
  server: ServerProcess;
  pool: RequestPool;
}

/**
 * Gets a scenario ready: one request first (it must answer 2xx, or the run stops with the
 * server's own words), then an unmeasured warm-up (JIT, caches, the certificate download).
 */
export async function warmUp(spec: ScenarioSpec, size: RunSize): Promise<void> {
  spec.pool.refresh?.();
  const first = await sendOnce(spec.server.url, spec.pool.current()[0]!);
  if (first.status < 200 || first.status >= 300) {
    throw new Error(`${spec.label}: first request answered ${first.status} ${first.body.slice(0, 300)}\n--- server output ---\n${spec.server.output()}`);
  }
  if (size.warmupSec > 0) await runLoad({ url: spec.server.url, pool: spec.pool, connections: size.connections, durationSec: size.warmupSec });
}

/** Stops the run with the server's own last words when it is gone. */
function alive(server: ServerProcess): void {
  const ended = server.exited();
  if (ended) throw new Error(`${server.name} exited (${ended}) during the run:\n${server.output()}`);
}

/** One measured round of a scenario, with a freshly signed pool. */
export async function measureRound(spec: ScenarioSpec, size: RunSize): Promise<{ load: LoadResult; cpu: CpuUse }> {
  alive(spec.server);
  spec.pool.refresh?.();
  const before = cpuSnapshot(spec.server.pid);
  const started = performance.now();
  const load = await runLoad({ url: spec.server.url, pool: spec.pool, connections: size.connections, durationSec: size.durationSec });
  alive(spec.server);
  return { load, cpu: cpuUse(before, cpuSnapshot(spec.server.pid), (performance.now() - started) / 1000, load.requests) };
}

/**
 * A scenario's figures from its rounds: latency and CPU of the median round (by req/s), errors of
 * all rounds together, and each round kept so ratios can be taken round by round.
 */
export function summarizeRounds(spec: ScenarioSpec, connections: number, measured: Array<{ load: LoadResult; cpu: CpuUse }>): Scenario {
  const byRps = [...measured].sort((a, b) => a.load.rps - b.load.rps);
  const middle = byRps[(byRps.length - 1) >> 1]!;
  const load: LoadResult = {
    ...middle.load,
    rps: median(measured.map((m) => m.load.rps)),
    requests: measured.reduce((n, m) => n + m.load.requests, 0),
    non2xx: measured.reduce((n, m) => n + m.load.non2xx, 0),
    errors: measured.reduce((n, m) => n + m.load.errors, 0),
    timeouts: measured.reduce((n, m) => n + m.load.timeouts, 0),
  };
  const rounds: Round[] = measured.map((m) => ({ rps: m.load.rps, serverUsPerRequest: m.cpu.serverUsPerRequest, otherCores: m.cpu.otherCores }));
  const cpu: CpuUse = {
    serverUsPerRequest: median(rounds.map((r) => r.serverUsPerRequest)),
    otherCores: median(rounds.map((r) => r.otherCores)),
  };
  return { id: spec.id, label: spec.label, kind: spec.kind, platform: spec.platform, connections, load, cpu, rounds };
}
