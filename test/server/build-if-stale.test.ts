import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

// `npm start` compiles only when a source is newer than dist/ (issue 12, section 4). The script runs
// in a scratch project whose "tsc" only notes that it was called; file times are set, not waited for.
const script = new URL('../../scripts/build-if-stale.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'shopvoice-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function project(): void {
  for (const sub of ['src/server', 'dist/server', 'node_modules/typescript/bin']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'src/server/main.ts'), 'export {};\n');
  writeFileSync(join(dir, 'tsconfig.build.json'), '{}\n');
  writeFileSync(join(dir, 'node_modules/typescript/bin/tsc'), "require('node:fs').writeFileSync('tsc-called', process.argv.slice(2).join(' '));\n");
}

function start(): boolean {
  rmSync(join(dir, 'tsc-called'), { force: true });
  const result = spawnSync(process.execPath, [script], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return existsSync(join(dir, 'tsc-called'));
}

const at = (path: string, seconds: number) => utimesSync(join(dir, path), seconds, seconds);

describe('npm start builds only when dist/ is stale', () => {
  it('builds without a dist/, not with a current one, again once a source changes', () => {
    project();
    at('src/server/main.ts', 1_000);
    at('tsconfig.build.json', 1_000);
    assert.equal(start(), true, 'no compiled output yet');
    writeFileSync(join(dir, 'dist/server/main.js'), 'export {};\n');
    at('dist/server/main.js', 2_000);
    assert.equal(start(), false, 'dist/ is current');
    at('src/server/main.ts', 3_000);
    assert.equal(start(), true, 'a source changed');
    at('src/server/main.ts', 1_000);
    at('tsconfig.build.json', 3_000);
    assert.equal(start(), true, 'the build settings changed');
  });
});
