// `npm start`'s first step: compiles TypeScript only when a source is newer than the compiled
// output (or there is none), so a start with a current dist/ does not pay for tsc (a few seconds).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of the files under `dir` whose names pass `keep`, 0 when none. */
function newest(dir, keep) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, keep));
    else if (keep(entry.name)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest('src', (name) => name.endsWith('.ts')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
const built = newest('dist', (name) => name.endsWith('.js'));
if (built >= sources) process.exit(0);
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
// Then the bundle bin/shopvoice.js prefers, as `npm run build` makes it (scripts/bundle-server.mjs).
if (existsSync('scripts/bundle-server.mjs')) {
  const bundle = spawnSync(process.execPath, ['scripts/bundle-server.mjs'], { stdio: 'inherit' });
  process.exit(bundle.status ?? 1);
}
