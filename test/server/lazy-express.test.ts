import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// Express and its middleware take about 90 ms to load: a cold start that answers Alexa first must
// not pay for them (issue 8, cold start ≤ 400 ms). A fresh node process imports the server (as
// `shopvoice serve` does), answers POST /alexa, and lists whether express is in the CommonJS module
// cache; then it calls GET /healthz, which express serves, and lists it again, so the check is
// shown to see express when it is there.
const root = new URL('../../', import.meta.url);
const src = (path: string) => new URL(`src/${path}`, root).href;

const script = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(src('server/app.ts'))});
const loaded = () => [...new Set(Object.keys(require.cache)
  .map((k) => /node_modules[\\\\/](express|body-parser|router)[\\\\/]/.exec(k)?.[1]).filter(Boolean))].sort();

await import(${JSON.stringify(src('server/main.ts'))});
const { createApp, listen } = await import(${JSON.stringify(src('server/app.ts'))});
const { launchRequest } = await import(${JSON.stringify(new URL('test/support/alexa-requests.ts', root).href)});

const { probeDeps } = await import(${JSON.stringify(new URL('test/support/probe-deps.ts', root).href)});
const deps = probeDeps();
const server = await listen(createApp(deps), 0, '127.0.0.1');
const base = 'http://127.0.0.1:' + server.address().port;
const alexa = await fetch(base + '/alexa', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(launchRequest()) });
const alexaBody = await alexa.json();
const before = loaded();
const health = await fetch(base + '/healthz');
const healthBody = await health.json();
const after = loaded();
server.close();
console.log(JSON.stringify({ alexa: alexa.status, spoke: typeof alexaBody.response?.outputSpeech?.ssml, health: health.status, healthBody, before, after }));
`;

describe('lazy loading of express', () => {
  it('serving POST /alexa loads no express; the first request the front leaves to express does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopvoice-lazy-express-'));
    try {
      const file = join(dir, 'probe.mjs');
      writeFileSync(file, script);
      const child = spawnSync(process.execPath, ['--import', 'tsx', file], {
        cwd: new URL('.', root).pathname,
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.status, 0, child.stderr);
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
      assert.equal(result.alexa, 200, 'the Alexa request was served');
      assert.equal(result.spoke, 'string', 'with speech');
      assert.deepEqual(result.before, [], 'express not loaded for it');
      assert.equal(result.health, 200);
      assert.deepEqual(result.healthBody, { status: 'ok' });
      assert.deepEqual(result.after, ['body-parser', 'express', 'router'], 'the probe sees express once loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
