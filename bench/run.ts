// `npm run bench`: throughput, latency, CPU per request, cold start and memory of shopvoice on
// every path a customer takes (issue 20), against baselines measured in the same run on the same
// machine (issue 8). Servers run pinned to core 0, this runner and autocannon to core 1. How to
// read the output: the README's "Benchmarks" section.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureShopwareCatalog } from './shopware/measure.js';
import { BASELINES } from './lib/baselines.js';
import { measureMatcherMicro } from './lib/catalog-micro.js';
import { googleRequests } from './lib/google-requests.js';
import { runLoad } from './lib/load.js';
import { machineInfo, pinToLoadCore } from './lib/machine.js';
import { measureRound, summarizeRounds, warmUp, type RunSize, type ScenarioSpec } from './lib/measure.js';
import { parseOptions, selected, USAGE } from './lib/options.js';
import { printResults } from './lib/print-results.js';
import { profileScenario } from './lib/profile-run.js';
import type { BenchResults, Scenario } from './lib/report.js';
import { fixedPool, mixedPool, signedAlexaPool, type RequestPool } from './lib/request-pool.js';
import { scenarioPool, SHOPVOICE_SCENARIOS } from './lib/scenarios.js';
import { freePort, startServer, type ServerProcess } from './lib/server-process.js';
import { createFleet, type ShopvoiceRole } from './lib/servers.js';
import { coldStarts, probeVerification, type ShopvoiceSite } from './lib/shopvoice-run.js';
import { prepareCertificates } from './lib/shopvoice-setup.js';
import { memoryTrend, type MemorySample } from './lib/soak.js';
import { judge } from './lib/targets.js';
import { describeInstances, instancesScenario } from './lib/instances.js';
import { describeLambdaBundles, lambdaBundles } from './lib/lambda-bundles.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (process.argv.includes('--help')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const options = parseOptions(process.argv.slice(2));
const POOL_SIZE = 16; // distinct requests per scenario, each with its own request id (and session)
const size: RunSize = { warmupSec: options.warmupSec, durationSec: options.durationSec, connections: options.connections };
const log = (line: string) => process.stdout.write(`${line}\n`);

function build(): void {
  log('building dist/ (npm run build) ...');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) {
    // tsc still writes dist/ on type errors; say so loudly, the figures are of what was built.
    log(`warning: npm run build reported errors (dist/ written anyway):\n${(result.stdout + result.stderr).trim().split('\n').slice(0, 8).join('\n')}`);
  }
}

async function main(): Promise<void> {
  const runStarted = performance.now();
  pinToLoadCore();
  if (!options.noBuild) build();
  const work = mkdtempSync(join(tmpdir(), 'shopvoice-bench-'));
  const certs = await prepareCertificates(work);
  const site: ShopvoiceSite = { repoRoot, workDir: work, dataDir: join(work, 'data'), certs };
  const poolSite = { signing: certs.signing, size: POOL_SIZE };
  const fleet = createFleet(site);
  const servers: ServerProcess[] = [];
  const start = async (name: string, command: string[], env: Record<string, string>) => {
    const port = await freePort();
    const server = await startServer({ name, command, env: { ...env, PORT: String(port) }, port, cwd: repoRoot, logFile: join(work, `${name}.log`) });
    servers.push(server);
    return server;
  };
  let fleetWords = '';

  try {
    // Every server runs for the whole load phase (idle ones cost nothing), so the rounds can take
    // the scenarios in turn.
    log('starting the baseline servers and shopvoice (node bin/shopvoice.js serve, and its variants) ...');
    const specs: ScenarioSpec[] = [];
    for (const b of BASELINES.filter((spec) => selected(options, spec.id))) {
      const server = await start(b.id, [process.execPath, '--import', 'tsx', join(repoRoot, b.script)], { BENCH_ROOT_PEM: certs.rootFile, BENCH_CHAIN_PEM: certs.chainFile });
      const pool: RequestPool = b.pool === 'alexa' ? signedAlexaPool('ProductLookupIntent', POOL_SIZE, certs.signing) : fixedPool(googleRequests('ProductLookupIntent', POOL_SIZE));
      specs.push({ id: b.id, label: b.label, kind: 'baseline', platform: b.platform, server, pool });
    }
    const wanted = SHOPVOICE_SCENARIOS.filter((s) => selected(options, s.id));
    const roles = new Set<ShopvoiceRole>(['shopvoice', ...wanted.map((s) => s.role)]);
    const byRole = new Map<ShopvoiceRole, ServerProcess>();
    for (const role of roles) {
      const server = await fleet.start(role);
      servers.push(server);
      byRole.set(role, server);
    }
    const shopvoice = byRole.get('shopvoice')!;
    const verification = await probeVerification(shopvoice.url, site);

    // Each scenario's answer is checked once before any load: a scenario must never measure an
    // error path or a fallback unnoticed (scenarios.ts says what each must answer).
    log(`checking each scenario's answer (${wanted.length} scenarios) ...`);
    const heard = new Map<string, string>();
    const shopvoicePools = new Map<string, RequestPool>();
    for (const def of wanted) {
      const server = byRole.get(def.role)!;
      const { pool, heard: said } = await scenarioPool(def, server.url, poolSite);
      heard.set(def.id, said.speech);
      if (def.role === 'shopvoice') shopvoicePools.set(def.id, pool);
      specs.push({ id: def.id, label: `shopvoice ${def.label}`, kind: 'shopvoice', platform: def.platform, server, pool });
    }

    log(`warm-up: ${size.warmupSec} s per scenario, ${size.connections} connections (${specs.length} scenarios) ...`);
    for (const spec of specs) await warmUp(spec, size);
    const rounds = new Map(specs.map((spec) => [spec.id, [] as Array<Awaited<ReturnType<typeof measureRound>>>]));
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round} of ${options.rounds}: ${specs.length} scenarios, ${size.durationSec} s each ...`);
      for (const spec of specs) rounds.get(spec.id)!.push(await measureRound(spec, size));
    }
    const scenarios: Scenario[] = specs.map((spec) => {
      const s = summarizeRounds(spec, size.connections, rounds.get(spec.id)!);
      const said = heard.get(spec.id);
      return said === undefined ? s : { ...s, heard: said };
    });

    const unloaded: Scenario[] = [];
    if (selected(options, 'unloaded')) {
      log('unloaded latency (1 connection) ...');
      const one = { ...size, connections: 1, durationSec: options.unloadedSec };
      for (const spec of [
        { id: 'alexa-ProductLookupIntent-unloaded', label: 'shopvoice /alexa ProductLookup resolved id, 1 connection', platform: 'alexa' as const, pool: signedAlexaPool('ProductLookupIntent', POOL_SIZE, certs.signing) },
        { id: 'google-ProductLookupIntent-unloaded', label: 'shopvoice /google ProductLookup resolved id, 1 connection', platform: 'google' as const, pool: fixedPool(googleRequests('ProductLookupIntent', POOL_SIZE)) },
      ]) {
        const full: ScenarioSpec = { ...spec, kind: 'shopvoice', server: shopvoice };
        await warmUp(full, one);
        unloaded.push(summarizeRounds(full, 1, [await measureRound(full, one)]));
      }
    }
    const rssAfterRunMiB = shopvoice.rssMiB();

    let soak: BenchResults['memory']['soak'];
    if (options.soak) {
      log(`soak: ${options.soakSec} s of mixed /alexa and /google traffic (every scenario of the default server), resident memory sampled every second ...`);
      const samples: MemorySample[] = [{ sec: 0, rssMiB: shopvoice.rssMiB() }];
      const pools = shopvoicePools.size > 0 ? [...shopvoicePools.values()] : [signedAlexaPool('ProductLookupIntent', POOL_SIZE, certs.signing), fixedPool(googleRequests('ProductLookupIntent', POOL_SIZE))];
      const pool = mixedPool(pools);
      const load = await runLoad({ url: shopvoice.url, pool, connections: size.connections, durationSec: options.soakSec, onTick: (sec) => samples.push({ sec, rssMiB: shopvoice.rssMiB() }) });
      soak = memoryTrend(samples, 15);
      scenarios.push({ id: 'soak-mixed', label: `shopvoice soak, mixed /alexa + /google, ${options.soakSec} s`, kind: 'shopvoice', platform: 'any', connections: size.connections, load });
    }
    await Promise.all(servers.map((s) => s.stop()));

    if (options.profile) {
      log(`profiles: ${options.profileSec} s per scenario under node --cpu-prof ...`);
      for (const def of wanted) {
        const digest = await profileScenario(def, fleet, poolSite, {
          seconds: options.profileSec,
          warmupSec: 1,
          connections: size.connections,
          top: 12,
          keepDir: join(repoRoot, 'bench/results'),
          workDir: work,
        });
        const s = scenarios.find((x) => x.id === def.id);
        if (s) s.profile = digest;
      }
    }
    fleetWords = await fleet.close();
    const violations = /^fake-shopware violations: (\d+)$/m.exec(fleetWords)?.[1];
    const storeApiCalls = /^fake-shopware calls: (.*)$/m.exec(fleetWords)?.[1];
    if (roles.has('shopware') && violations === undefined) log(`warning: the Shopware stand-in did not report its violations:\n${fleetWords}`);

    let coldStart: BenchResults['coldStart'];
    if (selected(options, 'cold-start')) {
      log(`cold starts of node bin/shopvoice.js serve (${options.coldStartRuns} each) ...`);
      coldStart = await coldStarts(site, options.coldStartRuns);
    }
    const catalog: BenchResults['catalog'] = {};
    if (selected(options, 'matcher')) {
      log('matcher against a resolved-id turn\'s catalog access (in-process) ...');
      catalog.matcher = await measureMatcherMicro(options.quick ? { rounds: 3, ops: 500 } : { rounds: 7, ops: 2000 });
    }
    if (selected(options, 'shopware-catalog')) {
      log('Shopware adapter against the embedded shop, catalog calls (in-process) ...');
      catalog.shopware = await measureShopwareCatalog(options.quick ? { rounds: 3, calls: 500 } : { rounds: 5, calls: 2000 });
    }
    const lambda = selected(options, 'lambda') ? await lambdaBundles(site, options.coldStartRuns, log) : undefined;
    const instances = selected(options, 'instances') ? await instancesScenario(site, size, options.rounds, log) : undefined;

    const partial: Omit<BenchResults, 'targets'> = {
      date: new Date().toISOString(),
      machine: machineInfo(repoRoot),
      settings: {
        ...size,
        rounds: options.rounds,
        only: options.only ? [...options.only].join(',') : 'all',
        unloadedSec: options.unloadedSec,
        coldStartRuns: options.coldStartRuns,
        quick: options.quick,
        soak: options.soak,
        profile: options.profile,
        profileSec: options.profileSec,
        poolSize: POOL_SIZE,
        serverCpu: 0,
        loadCpu: 1,
      },
      scenarios,
      unloaded,
      verification,
      coldStart,
      memory: { rssAfterRunMiB, soak },
      catalog,
      ...(violations !== undefined ? { shopwareViolations: Number(violations) } : {}),
      ...(storeApiCalls !== undefined ? { shopwareStoreApiCalls: storeApiCalls } : {}),
      runSec: (performance.now() - runStarted) / 1000,
      ...{ lambda, instances },
    };
    const results: BenchResults = { ...partial, targets: judge(partial) };
    printResults(results, log);
    [...(lambda ? describeLambdaBundles(lambda) : []), ...(instances ? describeInstances(instances) : [])].forEach(log);
    const out = options.out ?? join(repoRoot, 'bench/results/latest.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
    log(`\nwritten to ${out}`);
    if (options.check && results.targets.some((t) => t.met === false)) process.exitCode = 1;
    rmSync(work, { recursive: true, force: true });
  } catch (error) {
    log(`the servers' logs are kept in ${work}`);
    throw error;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await fleet.close().catch(() => '');
    await certs.standIn.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
