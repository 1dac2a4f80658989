// Runs every test/**/*.test.ts file with Node's built-in test runner, through tsx.
// Node 20's `--test` does not expand globs or pick up .ts files from a folder, hence the list.
//
// With no file arguments it then runs the suites that reach the domain a second time under
// libfaketime (Debian's `faketime`) at a Sunday-night instant: a test that reads the real clock
// somewhere (store hours, "heute", "morgen") fails there even if it passed in the daytime.
// `SHOPVOICE_REQUIRE_FAKETIME=1` (set by .ci/run) makes a missing faketime an error.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Sunday 6 December 2026, 23:30 in Berlin: shops closed, "heute" ends in 30 minutes. */
const SUNDAY_NIGHT = '@2026-12-06 22:30:00';
/** Folders whose tests never reach the domain (certificates, model files, bench guards). */
const CLOCK_FREE = new Set(['alexa-verify', 'models', 'bench', 'architecture']);
const FAKETIME_LIBS = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'];

function collect(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : collect(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

function run(files, env = process.env) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit', env });
  return result.status ?? 1;
}

const args = process.argv.slice(2);
if (args.length > 0) process.exit(run(args));

const status = run(collect('test'));
if (status !== 0) process.exit(status);

const lib = FAKETIME_LIBS.find((path) => existsSync(path));
if (!lib) {
  const message = 'faketime is not installed (apt-get install faketime): the Sunday-night clock run was skipped';
  if (process.env.SHOPVOICE_REQUIRE_FAKETIME === '1') {
    console.error(message);
    process.exit(1);
  }
  console.log(`# ${message}`);
  process.exit(0);
}
const domainSuites = readdirSync('test')
  .filter((name) => statSync(join('test', name)).isDirectory() && !CLOCK_FREE.has(name) && name !== 'fixtures' && name !== 'support')
  .flatMap((name) => collect(join('test', name)));
console.log(`# again under libfaketime at ${SUNDAY_NIGHT.slice(1)} UTC (Sunday night in Berlin): ${domainSuites.length} files`);
process.exit(
  run(domainSuites, {
    ...process.env,
    LD_PRELOAD: lib,
    FAKETIME: SUNDAY_NIGHT,
    // Timers and timeouts keep real time; only the wall clock moves to Sunday night.
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    FAKETIME_DONT_RESET: '1',
    TZ: 'UTC',
  }),
);
