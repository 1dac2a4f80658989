import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAlexaVerifier } from '../../src/platforms/alexa/verifier/index.js';
import { createApp } from '../../src/server/app.js';
import { alexaHeaders, chainFetcher, makeChain, type TestChain } from '../support/alexa-certs.js';
import { launchRequest, TEST_SKILL_ID } from '../support/alexa-requests.js';
import { startHarness, type Harness } from './harness.js';

describe('createApp wires our own Alexa verifier when verification is on', () => {
  let verifying: Harness;
  let chain: TestChain;
  before(async () => {
    verifying = await startHarness({ env: { SHOPVOICE_ALEXA_VERIFY: 'true' } });
    chain = await makeChain();
  });
  after(() => verifying.close());

  const signedHeaders = (body: string, certUrl?: string) => alexaHeaders(body, chain.leafKey, certUrl);

  test('a request with signature headers but a stale timestamp is refused (rule 5), with a generic 400', async () => {
    const body = JSON.stringify(launchRequest({ timestamp: new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
    const res = await verifying.post('/alexa', body, signedHeaders(body));
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { error: 'invalid request' });
  });

  test('a certificate URL off Amazon\'s bucket is refused before anything is downloaded (rule 1)', async () => {
    const body = JSON.stringify(launchRequest());
    const res = await verifying.post('/alexa', body, signedHeaders(body, 'https://s3.amazonaws.com:443@evil.com/echo.api/echo-api-cert.pem'));
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { error: 'invalid request' });
  });

  test('SHOPVOICE_ALEXA_EXTRA_ROOTS is read at start: a missing or empty file stops the start', async () => {
    const config = verifying.deps.config;
    const missing = { ...config, alexa: { ...config.alexa, extraRootsFile: join(verifying.dataDir, 'nope.pem') } };
    assert.throws(() => createApp({ ...verifying.deps, config: missing }), /ENOENT/);
    const emptyFile = join(verifying.dataDir, 'empty.pem');
    await writeFile(emptyFile, 'not a certificate');
    const empty = { ...config, alexa: { ...config.alexa, extraRootsFile: emptyFile } };
    assert.throws(() => createApp({ ...verifying.deps, config: empty }), /no PEM certificate/);
    const rootFile = join(verifying.dataDir, 'root.pem');
    await writeFile(rootFile, chain.rootPem);
    assert.doesNotThrow(() => createApp({ ...verifying.deps, config: { ...config, alexa: { ...config.alexa, extraRootsFile: rootFile } } }));
  });

  test('deps.alexaVerifier overrides it: a request signed by a test chain passes over the raw bytes; re-serialised bytes fail', async () => {
    const h = await startHarness({
      env: { SHOPVOICE_ALEXA_VERIFY: 'true' },
      overrides: { alexaVerifier: createAlexaVerifier({ skillIds: [TEST_SKILL_ID], trustedRoots: [chain.rootPem], fetchCertChain: chainFetcher(chain.chainPem) }) },
    });
    try {
      const body = JSON.stringify(launchRequest(), null, 1); // not the compact form JSON.stringify would re-create
      const ok = await h.post('/alexa', body, signedHeaders(body));
      assert.equal(ok.status, 200, ok.text);
      assert.ok(ok.json.response.outputSpeech);
      const reserialised = JSON.stringify(JSON.parse(body));
      const bad = await h.post('/alexa', reserialised, signedHeaders(body));
      assert.equal(bad.status, 400);
    } finally {
      await h.close();
    }
  });
});

describe('x-request-id', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('a well-formed incoming id is kept; anything else is replaced by a fresh UUID', async () => {
    const kept = await h.post('/alexa', launchRequest(), { 'x-request-id': 'lb-1234.abc_DEF' });
    assert.equal(kept.headers.get('x-request-id'), 'lb-1234.abc_DEF');
    for (const bad of ['has space', 'x'.repeat(65), '<script>', '../../etc', '{"json":1}']) {
      const res = await h.post('/alexa', launchRequest(), { 'x-request-id': bad });
      assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, bad);
    }
  });
});
