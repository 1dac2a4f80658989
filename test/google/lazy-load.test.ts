import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// actions-on-google pulls in googleapis (~600 modules, most of a second): it must be loaded only
// when the Google route is first used (design.md, "Choices"). A fresh node process imports the
// server, the Google router and the Lambda module, serves an Alexa request and /healthz, and
// lists which of the two packages are in the CommonJS module cache; then it calls /google once
// and lists them again, so the check is shown to see them when they are there.
const root = new URL('../../', import.meta.url);
const src = (path: string) => new URL(`src/${path}`, root).href;

const script = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(src('server/app.ts'))});
const heavy = () => [...new Set(Object.keys(require.cache)
  .map((k) => /node_modules[\\\\/](actions-on-google|googleapis)[\\\\/]/.exec(k)?.[1]).filter(Boolean))].sort();

const { createApp } = await import(${JSON.stringify(src('server/app.ts'))});
await import(${JSON.stringify(src('platforms/google/router.ts'))});
await import(${JSON.stringify(src('platforms/google/lambda.ts'))});
const { launchRequest } = await import(${JSON.stringify(new URL('test/support/alexa-requests.ts', root).href)});

const { probeDeps } = await import(${JSON.stringify(new URL('test/support/probe-deps.ts', root).href)});
const deps = probeDeps();
const server = await new Promise((resolve) => { const s = createApp(deps).listen(0, '127.0.0.1', () => resolve(s)); });
const base = 'http://127.0.0.1:' + server.address().port;
const post = (path, body) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const alexa = await post('/alexa', launchRequest());
const health = await fetch(base + '/healthz');
const before = heavy();
const google = await post('/google', JSON.parse(process.env.WELCOME));
const after = heavy();
server.close();
console.log(JSON.stringify({ alexa: alexa.status, health: health.status, google: google.status, before, after }));
`;

describe('lazy loading of actions-on-google', () => {
  it('the server and the Alexa path never load actions-on-google or googleapis; the first Google call does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopvoice-lazy-'));
    try {
      const file = join(dir, 'probe.mjs');
      writeFileSync(file, script);
      const welcome = new URL('test/fixtures/google/welcome-de.json', root);
      const child = spawnSync(process.execPath, ['--import', 'tsx', file], {
        cwd: new URL('.', root).pathname,
        encoding: 'utf8',
        env: { ...process.env, WELCOME: readFileSync(welcome, 'utf8') },
        timeout: 60_000,
      });
      assert.equal(child.status, 0, child.stderr);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
      assert.equal(result.alexa, 200, 'the Alexa request was served');
      assert.equal(result.health, 200);
      assert.deepEqual(result.before, [], 'nothing heavy loaded before the first Google call');
      assert.equal(result.google, 200);
      assert.deepEqual(result.after, ['actions-on-google', 'googleapis'], 'the probe sees them once loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

