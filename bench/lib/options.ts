/** How a bench run is sized; `--quick` for CI, `--soak` adds the 60-second memory run. */
export interface BenchOptions {
  quick: boolean;
  soak: boolean;
  /** Skip `npm run build` (dist/ is already current). */
  noBuild: boolean;
  /** Exit 1 when a target is missed (off by default: on a shared machine the figures move). */
  check: boolean;
  /** Measured seconds per scenario and round. */
  durationSec: number;
  /** Rounds: every scenario is measured once per round, in turn, so neighbours' load hits all alike. */
  rounds: number;
  /** Unmeasured seconds before each scenario (JIT, caches, the certificate download). */
  warmupSec: number;
  /** Seconds of the unloaded (one connection) latency runs. */
  unloadedSec: number;
  connections: number;
  coldStartRuns: number;
  soakSec: number;
  /** Where the results go; default bench/results/latest.json. */
  out?: string;
  /** Run only these: baseline ids, scenario ids, `unloaded`, `cold-start`, `matcher`, `shopware-catalog`; `prefix*` matches by prefix. */
  only?: Set<string>;
  /** Profile every selected shopvoice scenario after the measured rounds (`--profile`). */
  profile: boolean;
  /** Seconds each scenario is profiled for. */
  profileSec: number;
}

/** Whether a part of the run is selected (everything is, without `--only`). */
export function selected(options: BenchOptions, id: string): boolean {
  if (options.only === undefined || options.only.has(id)) return true;
  for (const pattern of options.only) if (pattern.endsWith('*') && id.startsWith(pattern.slice(0, -1))) return true;
  return false;
}

export const USAGE = `usage: npm run bench -- [--quick] [--soak] [--profile] [--no-build] [--check] [--duration S] [--rounds N] [--out FILE] [--only IDS]
  --quick        CI-sized: 2 rounds of 1 s per scenario after 1 s of warm-up, 3 cold starts, short
                 micro-benchmarks (about two minutes)
  --soak         add a 60-second mixed run and judge the memory trend
  --profile      then profile each selected shopvoice scenario (a fresh server under --cpu-prof,
                 --profile-sec S seconds each, default 3) and print where its time goes
  --no-build     use dist/ as it is (skip npm run build)
  --check        exit 1 when a target is missed
  --duration S   measured seconds per scenario and round (default 3, quick 1)
  --rounds N     measured rounds (default 3, quick 2)
  --out FILE     write the results there instead of bench/results/latest.json
  --only IDS     comma-separated ids, \`prefix*\` for all that start so: baselines node-http, floor, express,
                 ask-sdk, ask-sdk-4, adapter, aog; scenarios (\`node --import tsx bench/profile.ts --list\`)
                 alexa-…, google-…, …-record, …-norecord, shopware-alexa-…; unloaded, cold-start, matcher,
                 shopware-catalog (a partial run; the other figures stay empty)`;

/** Parses the command line; throws with the usage text on anything unknown. */
export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    quick,
    soak: argv.includes('--soak'),
    noBuild: argv.includes('--no-build'),
    check: argv.includes('--check'),
    durationSec: quick ? 1 : 3,
    rounds: quick ? 2 : 3,
    warmupSec: quick ? 1 : 2,
    unloadedSec: quick ? 2 : 5,
    connections: 50,
    coldStartRuns: quick ? 3 : 5,
    soakSec: 60,
    profile: argv.includes('--profile'),
    profileSec: quick ? 1 : 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick' || arg === '--soak' || arg === '--no-build' || arg === '--check' || arg === '--profile') continue;
    if (arg === '--duration') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(USAGE);
      options.durationSec = value;
    } else if (arg === '--profile-sec') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0) throw new Error(USAGE);
      options.profileSec = value;
    } else if (arg === '--rounds') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value <= 0) throw new Error(USAGE);
      options.rounds = value;
    } else if (arg === '--only') {
      const list = argv[++i];
      if (!list) throw new Error(USAGE);
      options.only = new Set(list.split(',').map((id) => id.trim()).filter(Boolean));
    } else if (arg === '--out') {
      options.out = argv[++i];
      if (!options.out) throw new Error(USAGE);
    } else {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}
