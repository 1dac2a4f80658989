import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { bundleServer } from '../../scripts/bundle-server.mjs';
import { launchRequest } from '../support/alexa-requests.js';
import { freePort } from '../support/free-port.js';

// `npm run build` bundles the compiled CLI (scripts/bundle-server.mjs) because a server started from
// the bundle answers its first request about a fifth sooner (bench/NOTES.md). What the modules find
// next to themselves at run time must still be found from the bundle: the locales (speech), the
// console's assets and Chart.js, and the worker that writes turn events. The bundle is made from
// dist/ (built by `npm ci` through "prepare") into a folder of the test's own under dist/, where
// the packages it leaves outside resolve as they do for dist/bundle/.
const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'shopvoice-bundle-'));
const outDir = mkdtempSync(join(root, 'dist', 'bundle-test-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('the server bundle', () => {
  it('serves /alexa, /google and the console, and its worker records the turns', async () => {
    const { file, metafile } = await bundleServer({ outDir });
    // What `serve` loads before it answers: the CLI, the serve command and the server, each with its
    // static imports, chunk after chunk. The lazy packages stay behind a dynamic import, as in dist/
    // (test/server/lazy-express.test.ts, test/google/cold-start-imports.test.ts).
    const atStart = new Set<string>();
    const onServePath = ['dist/cli/main.js', 'dist/cli/commands/serve.js', 'dist/server/main.js'];
    const pending = Object.entries(metafile.outputs).filter(([, output]) => onServePath.includes(output.entryPoint ?? '')).map(([key]) => key);
    assert.equal(pending.length, onServePath.length, 'the serve path is found in the bundle');
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      for (const { path, kind, external } of metafile.outputs[key]!.imports) {
        if (kind !== 'import-statement' || atStart.has(path)) continue;
        atStart.add(path);
        if (!external) pending.push(path);
      }
    }
    for (const lazy of ['express', 'prom-client', 'actions-on-google', 'pg']) assert.ok(!atStart.has(lazy), `${lazy} is not loaded at start`);
    assert.ok(atStart.has('pino'), 'the walk sees the packages loaded at start');
    const dataDir = join(work, 'data');
    const port = await freePort();
    // An entry file, as bin/shopvoice.js is (node's --input-type would pass on to the worker).
    const entry = join(work, 'serve.mjs');
    writeFileSync(entry, `import { runCli } from ${JSON.stringify(file)};\nawait runCli(['serve']);\n`);
    const child = spawn(process.execPath, [entry], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        SHOPVOICE_DATA_DIR: dataDir,
        SHOPVOICE_ALEXA_VERIFY: 'false',
        SHOPVOICE_GOOGLE_AUTH: 'off',
        SHOPVOICE_CONSOLE_PASSWORD: 'bundle-test-password',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    try {
      // The start-up lines name the endpoints once the server listens.
      let stdout = '';
      for await (const chunk of child.stdout) {
        stdout += chunk;
        if (stdout.includes('/metrics')) break;
      }
      assert.match(stdout, /POST http:\/\/127\.0\.0\.1:\d+\/alexa/, stderr);
      const base = `http://127.0.0.1:${port}`;
      const post = (path: string, body: unknown) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

      const alexa = await post('/alexa', launchRequest({ locale: 'de-DE' }));
      assert.equal(alexa.status, 200);
      const ssml = ((await alexa.json()) as { response: { outputSpeech: { ssml: string } } }).response.outputSpeech.ssml;
      assert.match(ssml, /Lindenhof/, 'the welcome, spoken from the locale files');
      assert.doesNotMatch(ssml, /welcome\.|\{\{/, 'no bare locale key or placeholder');

      const google = await post('/google', JSON.parse(readFileSync(join(root, 'test/fixtures/google/store-hours-de.json'), 'utf8')));
      assert.equal(google.status, 200);
      assert.equal(typeof ((await google.json()) as { fulfillmentText?: unknown }).fulfillmentText, 'string');

      const chart = await fetch(`${base}/console/vendor/chart.umd.min.js`);
      assert.equal(chart.status, 200, 'Chart.js found from the bundle');
      assert.ok((await chart.text()).length > 10_000);
      const login = await fetch(`${base}/console/login.html`);
      assert.equal(login.status, 200, 'the console page found from the bundle');
      await login.text();

      // A drain writes the buffered turn events through the worker before the process ends.
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0, stderr);
      const db = new BetterSqlite3(join(dataDir, 'state.sqlite'), { readonly: true });
      try {
        assert.equal((db.prepare('SELECT count(*) AS n FROM turn_events').get() as { n: number }).n, 2, 'both turns recorded');
      } finally {
        db.close();
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('bin/shopvoice.js', () => {
  // A scratch copy of the entry beside a dist/ of two stand-in CLIs that say which one ran.
  const scratch = join(work, 'entry');
  const cli = (which: string) => `export async function runCli() { console.log(${JSON.stringify(which)}); }\n`;
  mkdirSync(join(scratch, 'bin'), { recursive: true });
  mkdirSync(join(scratch, 'dist/cli'), { recursive: true });
  writeFileSync(join(scratch, 'bin/shopvoice.js'), readFileSync(join(root, 'bin/shopvoice.js')));
  writeFileSync(join(scratch, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(scratch, 'dist/cli/main.js'), cli('modules'));
  const ran = () => spawnSync(process.execPath, [join(scratch, 'bin/shopvoice.js')], { encoding: 'utf8' }).stdout.trim();
  const at = (path: string, seconds: number) => utimesSync(join(scratch, path), seconds, seconds);

  it('runs the bundle only while it is at least as new as the compiled modules', () => {
    assert.equal(ran(), 'modules', 'no bundle');
    mkdirSync(join(scratch, 'dist/bundle'), { recursive: true });
    writeFileSync(join(scratch, 'dist/bundle/main.js'), cli('bundle'));
    at('dist/cli/main.js', 1_000);
    at('dist/bundle/main.js', 2_000);
    assert.equal(ran(), 'bundle', 'a bundle made after the modules');
    at('dist/cli/main.js', 3_000);
    assert.equal(ran(), 'modules', 'modules compiled again after the bundle was made');
  });
});
