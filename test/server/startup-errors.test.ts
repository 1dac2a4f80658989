import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';

// A start that cannot succeed says why in one line that names the setting and the fix, before
// any other output, and exits 1 (issue 12, section 4). Each case runs `shopvoice serve` from
// source in its own process.
const entry = new URL('./serve-entry.ts', import.meta.url).pathname;
const root = new URL('../../', import.meta.url).pathname;

function serve(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'serve'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', SHOPVOICE_GOOGLE_AUTH: 'off', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    // A start that hangs (as one under /proc did) fails the test instead of blocking the suite.
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
let taken: Server;
let takenPort: number;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shopvoice-start-'));
  taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, resolve));
  takenPort = (taken.address() as { port: number }).port;
});
after(() => {
  taken.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up errors', () => {
  const cases: Array<[string, () => Record<string, string>, RegExp]> = [
    ['a port out of range', () => ({ PORT: '70000', SHOPVOICE_DATA_DIR: join(dir, 'a') }), /^shopvoice: PORT must be a port number from 1 to 65535 \(0: any free one\), got "70000": set PORT to a free port/],
    ['a port in use', () => ({ PORT: String(takenPort), SHOPVOICE_DATA_DIR: join(dir, 'b') }), new RegExp(`^shopvoice: PORT \\d+ is already in use: stop the other server on it, or set PORT to a free port`)],
    ['a data folder under /proc', () => ({ SHOPVOICE_DATA_DIR: '/proc/shopvoice-data' }), /^shopvoice: SHOPVOICE_DATA_DIR \(\/proc\/shopvoice-data\) is not a writable folder .*: point SHOPVOICE_DATA_DIR at a folder/],
    ['a data folder that is a file', () => {
      writeFileSync(join(dir, 'plain-file'), 'x');
      return { SHOPVOICE_DATA_DIR: join(dir, 'plain-file') };
    }, /^shopvoice: SHOPVOICE_DATA_DIR \(.*plain-file\) is not a writable folder/],
    ['a database file that is not a database', () => {
      mkdirSync(join(dir, 'broken'));
      writeFileSync(join(dir, 'broken', 'shop.sqlite'), 'this is not SQLite, it is a note someone saved here');
      return { SHOPVOICE_DATA_DIR: join(dir, 'broken') };
    }, /^shopvoice: SHOPVOICE_DATA_DIR holds a database file that is not an SQLite database: .*broken\/shop\.sqlite: repair or remove/],
    ['a database path that is a folder', () => {
      mkdirSync(join(dir, 'folder-db', 'state.sqlite'), { recursive: true });
      return { SHOPVOICE_DATA_DIR: join(dir, 'folder-db') };
    }, /^shopvoice: SHOPVOICE_DATA_DIR holds a database file that cannot be opened: .*folder-db\/state\.sqlite/],
    ['an unknown log level', () => ({ SHOPVOICE_LOG_LEVEL: 'loud', SHOPVOICE_DATA_DIR: join(dir, 'c') }), /^shopvoice: SHOPVOICE_LOG_LEVEL is "loud", not a log level: use one of fatal, error, warn, info, debug, trace, silent\.$/],
    ['a switch that is not a switch', () => ({ SHOPVOICE_ALEXA_VERIFY: 'nope', SHOPVOICE_DATA_DIR: join(dir, 'd') }), /^shopvoice: SHOPVOICE_ALEXA_VERIFY is "nope", not a switch: use true or false/],
  ];
  for (const [name, env, message] of cases) {
    it(`${name}: one line naming the setting and the fix, nothing else, exit 1`, async () => {
      const result = await serve({ PORT: '0', ...env() });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.equal(result.stdout, '', 'no other output');
      const lines = result.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, message);
    });
  }
});

describe('boolean switches', () => {
  it('accept true/false, 1/0, yes/no, on/off in any case, everywhere', () => {
    for (const [word, on] of [['true', true], ['FALSE', false], ['1', true], ['0', false], ['yes', true], ['No', false], ['on', true], [' off ', false]] as const) {
      assert.equal(loadConfig({ SHOPVOICE_ALEXA_VERIFY: word }).alexa.verify, on, word);
      assert.equal(loadConfig({ SHOPVOICE_GOOGLE_AUTH: word }).google.authOff, !on, word);
    }
    assert.equal(loadConfig({}).google.authOff, false, 'auth is on by default');
    assert.equal(loadConfig({ SHOPVOICE_GOOGLE_AUTH: 'false' }).google.authOff, true, 'false no longer means on');
  });
});
