// `npm run bench`: throughput, latency, cold start and memory of shopvoice, against baselines
// measured in the same run on the same machine (issue 8). Servers run pinned to core 0, this
// runner and autocannon to core 1. How to read the output: the README's "Benchmarks" section.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALEXA_INTENTS, type AlexaScenarioIntent } from './lib/alexa-requests.js';
import { BASELINES } from './lib/baselines.js';
import { GOOGLE_INTENTS, googleRequests, type GoogleScenarioIntent } from './lib/google-requests.js';
import { runLoad } from './lib/load.js';
import { machineInfo, pinToLoadCore } from './lib/machine.js';
import { measureRound, summarizeRounds, warmUp, type RunSize, type ScenarioSpec } from './lib/measure.js';
import { parseOptions, selected, USAGE } from './lib/options.js';
import { printResults } from './lib/print-results.js';
import type { BenchResults, Scenario } from './lib/report.js';
import { fixedPool, mixedPool, signedAlexaPool, type RequestPool } from './lib/request-pool.js';
import { freePort, startServer, type ServerProcess } from './lib/server-process.js';
import { coldStarts, probeVerification, type ShopvoiceSite } from './lib/shopvoice-run.js';
import { prepareCertificates, shopvoiceCommand, shopvoiceEnv } from './lib/shopvoice-setup.js';
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
const POOL_SIZE = 16; // distinct requests per scenario, each with its own request id
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
  pinToLoadCore();
  if (!options.noBuild) build();
  const work = mkdtempSync(join(tmpdir(), 'shopvoice-bench-'));
  const certs = await prepareCertificates(work);
  const site: ShopvoiceSite = { repoRoot, workDir: work, dataDir: join(work, 'data'), certs };
  const alexaPool = (intent: AlexaScenarioIntent): RequestPool => signedAlexaPool(intent, POOL_SIZE, certs.signing);
  const googlePool = (intent: GoogleScenarioIntent): RequestPool => fixedPool(googleRequests(intent, POOL_SIZE));
  const servers: ServerProcess[] = [];
  const start = async (name: string, command: string[], env: Record<string, string>) => {
    const port = await freePort();
    const server = await startServer({ name, command, env: { ...env, PORT: String(port) }, port, cwd: repoRoot, logFile: join(work, `${name}.log`) });
    servers.push(server);
    return server;
  };

  try {
    // Every server runs for the whole load phase (idle ones cost nothing), so the rounds can take
    // the scenarios in turn.
    log('starting the baseline servers and shopvoice (node bin/shopvoice.js serve) ...');
    const specs: ScenarioSpec[] = [];
    for (const b of BASELINES.filter((spec) => selected(options, spec.id))) {
      const server = await start(b.id, [process.execPath, '--import', 'tsx', join(repoRoot, b.script)], { BENCH_ROOT_PEM: certs.rootFile, BENCH_CHAIN_PEM: certs.chainFile });
      const pool = b.pool === 'alexa' ? alexaPool('ProductLookupIntent') : googlePool('ProductLookupIntent');
      specs.push({ id: b.id, label: b.label, kind: 'baseline', platform: b.platform, server, pool });
    }
    const shopvoice = await start('shopvoice', shopvoiceCommand(repoRoot), shopvoiceEnv(certs, 0, site.dataDir));
    const verification = await probeVerification(shopvoice.url, site);
    for (const intent of Object.keys(ALEXA_INTENTS) as AlexaScenarioIntent[]) {
      specs.push({ id: `alexa-${intent}`, label: `shopvoice /alexa ${intent}`, kind: 'shopvoice', platform: 'alexa', server: shopvoice, pool: alexaPool(intent) });
    }
    for (const intent of Object.keys(GOOGLE_INTENTS) as GoogleScenarioIntent[]) {
      specs.push({ id: `google-${intent}`, label: `shopvoice /google ${intent}`, kind: 'shopvoice', platform: 'google', server: shopvoice, pool: googlePool(intent) });
    }
    const measuredSpecs = specs.filter((spec) => selected(options, spec.id));

    log(`warm-up: ${size.warmupSec} s per scenario, ${size.connections} connections ...`);
    for (const spec of measuredSpecs) await warmUp(spec, size);
    const rounds = new Map(measuredSpecs.map((spec) => [spec.id, [] as Array<Awaited<ReturnType<typeof measureRound>>>]));
    for (let round = 1; round <= options.rounds; round++) {
      log(`round ${round} of ${options.rounds}: ${measuredSpecs.length} scenarios, ${size.durationSec} s each ...`);
      for (const spec of measuredSpecs) rounds.get(spec.id)!.push(await measureRound(spec, size));
    }
    const scenarios = measuredSpecs.map((spec) => summarizeRounds(spec, size.connections, rounds.get(spec.id)!));

    const unloaded: Scenario[] = [];
    if (selected(options, 'unloaded')) {
      log('unloaded latency (1 connection) ...');
      const one = { ...size, connections: 1, durationSec: options.unloadedSec };
      for (const spec of [
        { id: 'alexa-ProductLookupIntent-unloaded', label: 'shopvoice /alexa ProductLookupIntent, 1 connection', platform: 'alexa' as const, pool: alexaPool('ProductLookupIntent') },
        { id: 'google-ProductLookupIntent-unloaded', label: 'shopvoice /google ProductLookupIntent, 1 connection', platform: 'google' as const, pool: googlePool('ProductLookupIntent') },
      ]) {
        const full: ScenarioSpec = { ...spec, kind: 'shopvoice', server: shopvoice };
        await warmUp(full, one);
        unloaded.push(summarizeRounds(full, 1, [await measureRound(full, one)]));
      }
    }
    const rssAfterRunMiB = shopvoice.rssMiB();

    let soak: BenchResults['memory']['soak'];
    if (options.soak) {
      log(`soak: ${options.soakSec} s of mixed /alexa and /google traffic, resident memory sampled every second ...`);
      const samples: MemorySample[] = [{ sec: 0, rssMiB: shopvoice.rssMiB() }];
      const pool = mixedPool([
        ...(Object.keys(ALEXA_INTENTS) as AlexaScenarioIntent[]).map(alexaPool),
        ...(Object.keys(GOOGLE_INTENTS) as GoogleScenarioIntent[]).map(googlePool),
      ]);
      const load = await runLoad({ url: shopvoice.url, pool, connections: size.connections, durationSec: options.soakSec, onTick: (sec) => samples.push({ sec, rssMiB: shopvoice.rssMiB() }) });
      soak = memoryTrend(samples, 15);
      scenarios.push({ id: 'soak-mixed', label: `shopvoice soak, mixed /alexa + /google, ${options.soakSec} s`, kind: 'shopvoice', platform: 'any', connections: size.connections, load });
    }
    await Promise.all(servers.map((s) => s.stop()));

    let coldStart: BenchResults['coldStart'];
    if (selected(options, 'cold-start')) {
      log(`cold starts of node bin/shopvoice.js serve (${options.coldStartRuns} each) ...`);
      coldStart = await coldStarts(site, options.coldStartRuns);
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
        poolSize: POOL_SIZE,
        serverCpu: 0,
        loadCpu: 1,
      },
      scenarios,
      unloaded,
      verification,
      coldStart,
      memory: { rssAfterRunMiB, soak },
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
    await certs.standIn.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exitCode = 2;
});
