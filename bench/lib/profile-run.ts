import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from './load.js';
import { summarize, type CostCentre, type CpuProfile } from './profile-summary.js';
import { scenarioPool, type PoolSite, type ShopvoiceScenarioDef } from './scenarios.js';
import type { Fleet } from './servers.js';

/** Where one scenario's server time went, under `node --cpu-prof`. */
export interface ProfileDigest {
  /** Requests per second under the profiler (lower than unprofiled), and errors. */
  rps: number;
  errors: number;
  busyMs: number;
  packages: CostCentre[];
  functions: CostCentre[];
  inclusive: CostCentre[];
  /** The kept `.cpuprofile` (git-ignored), for Chrome DevTools or speedscope. */
  file: string;
}

export interface ProfileOptions {
  seconds: number;
  warmupSec: number;
  connections: number;
  top: number;
  /** Where the `.cpuprofile` is kept, as `<scenario id>.cpuprofile`. */
  keepDir: string;
  /** Scratch folder for the profiler's output. */
  workDir: string;
}

/**
 * Profiles one scenario: a fresh server of its role under `node --cpu-prof` (pinned like in the
 * bench), the scenario's requests (answer checked) for a warm-up and then `seconds` at
 * `connections`, then the server is stopped (V8 writes the profile on exit) and the measured
 * seconds summarised (the profile's clock starts with the process, a few ms after the spawn, so
 * the cut is a little late rather than early).
 */
export async function profileScenario(def: ShopvoiceScenarioDef, fleet: Fleet, site: PoolSite, options: ProfileOptions): Promise<ProfileDigest> {
  const profileDir = join(options.workDir, `profile-${def.id}`);
  const spawned = performance.now();
  let measuredFrom = 0;
  const server = await fleet.start(def.role, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir], name: `profile-${def.id}` });
  let load;
  try {
    const { pool } = await scenarioPool(def, server.url, site);
    if (options.warmupSec > 0) await runLoad({ url: server.url, pool, connections: options.connections, durationSec: options.warmupSec });
    pool.refresh?.();
    measuredFrom = performance.now() - spawned;
    load = await runLoad({ url: server.url, pool, connections: options.connections, durationSec: options.seconds });
  } finally {
    await server.stop();
  }
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`${def.id}: no profile written:\n${server.output()}`);
  mkdirSync(options.keepDir, { recursive: true });
  const kept = join(options.keepDir, `${def.id}.cpuprofile`);
  renameSync(join(profileDir, file), kept);
  // Only the measured seconds: start-up, the answer check and the warm-up are left out.
  const summary = summarize(JSON.parse(readFileSync(kept, 'utf8')) as CpuProfile, options.top, measuredFrom);
  return { rps: load.rps, errors: load.non2xx + load.errors, file: kept, ...summary };
}
