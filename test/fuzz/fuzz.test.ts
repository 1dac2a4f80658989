import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { createSessionSealer } from '../../src/domain/session-seal.js';
import { createAlexaVerifier } from '../../src/platforms/alexa/verifier/index.js';
import { TEST_SKILL_ID } from '../support/alexa-requests.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';
import { startHarness, type Harness } from '../server/harness.js';
import { alexaSeed, check, googleSeed, nextCase, type Tally } from './fuzz-cases.js';
import { pickOne, prng, type Rand, type RawRequest } from './mutate.js';

/** Fixed seed: the same requests on every run (FUZZ_SEED and FUZZ_COUNT override, e.g. for a long run). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);
const CONCURRENCY = 16;
const GOOGLE_AUTH = `Basic ${Buffer.from('fuzz:fuzz-secret').toString('base64')}`;
/** Sends one raw request to a route and gives back the status and the answer's text. */
type Send = (path: '/alexa' | '/google', raw: RawRequest, headers: Record<string, string>) => Promise<{ status: number; text: string }>;

/** Over HTTP to a harness (the real server). */
const overHttp = (h: Harness): Send => async (path, raw, headers) => {
  const res = await fetch(h.url + path, { method: 'POST', headers: { 'content-type': raw.contentType, ...headers }, body: raw.body });
  return { status: res.status, text: await res.text() };
};

/** Straight into the neutral endpoints (here: made with a session sealer). */
const inProcess = (e: Endpoints): Send => async (path, raw, headers) => {
  const endpoint = path === '/alexa' ? e.raw.alexa : e.raw.google;
  const answer = await endpoint({ method: 'POST', headers: { 'content-type': raw.contentType, ...headers }, body: Buffer.from(raw.body) });
  return { status: answer.status, text: answer.body };
};

async function fuzz(target: Harness | Send, path: '/alexa' | '/google', count: number, seed: number, make: (rand: Rand) => Record<string, unknown>, headers: (rand: Rand) => Record<string, string> = () => ({})): Promise<Tally> {
  const send = typeof target === 'function' ? target : overHttp(target);
  const rand = prng(seed);
  const cases = Array.from({ length: count }, () => ({ raw: nextCase(rand, make(rand)), headers: headers(rand) }));
  const tally: Tally = { sent: 0, byStatus: {}, spoken: 0, failed: 0, failures: [] };
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const { raw, headers: extra } = cases[next++]!;
      const res = await send(path, raw, extra);
      const text = res.text;
      tally.sent++;
      tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
      try {
        check(path, res.status, text, raw);
      } catch (error) {
        tally.failed++;
        if (tally.failures.length < 5) tally.failures.push((error as Error).message);
      }
      if (res.status === 200 && /outputSpeech|"fulfillmentText":"[^"]/.test(text)) tally.spoken++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return tally;
}

/** Prints the figures, then fails with the first few broken answers if there were any. */
function report(t: TestContext, label: string, tally: Tally): void {
  const { failures, ...figures } = tally;
  t.diagnostic(`${label}: ${JSON.stringify(figures)}`);
  assert.equal(tally.failed, 0, `${tally.failed} of ${tally.sent} answers broke the rules, e.g.:\n${failures.join('\n')}`);
}

describe(`fuzz: thousands of mutated requests (seed ${SEED})`, { timeout: 180_000 }, () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      env: { SHOPVOICE_GOOGLE_AUTH: '', SHOPVOICE_GOOGLE_USER: 'fuzz', SHOPVOICE_GOOGLE_PASSWORD: 'fuzz-secret' },
      now: '2026-11-22T10:00:00+01:00',
    });
  });
  after(() => h.close());

  test('POST /alexa: never a 5xx, a JSON error for every 4xx, valid SSML and size for every answer', async (t) => {
    const tally = await fuzz(h, '/alexa', COUNT, SEED, alexaSeed);
    report(t, 'alexa', tally);
    assert.equal(tally.sent, COUNT);
    assert.ok(tally.byStatus[200]! > COUNT / 5 && tally.byStatus[400]! > COUNT / 5, 'both valid and invalid requests were exercised');
  });

  test('POST /google (basic auth, sometimes wrong or missing): the same guarantees', async (t) => {
    const auth = (rand: Rand): Record<string, string> => {
      const r = rand();
      if (r < 0.9) return { authorization: GOOGLE_AUTH };
      if (r < 0.95) return {};
      return { authorization: pickOne(rand, ['Basic Zm9vOmJhcg==', 'Bearer x', 'Basic', 'Basic ' + 'A'.repeat(10_000), 'Basic ====']) };
    };
    const tally = await fuzz(h, '/google', COUNT, SEED + 1, googleSeed, auth);
    report(t, 'google', tally);
    assert.equal(tally.sent, COUNT);
    assert.ok(tally.byStatus[200]! > COUNT / 5 && tally.byStatus[400]! > COUNT / 10 && tally.byStatus[401]! > 10);
  });

  test('POST /alexa with verification on: every unsigned or forged request gets 400, never a 5xx', async (t) => {
    const verifying = await startHarness({
      env: { SHOPVOICE_ALEXA_VERIFY: 'true' },
      // Loopback only: a certificate download is refused instead of going to Amazon.
      overrides: { alexaVerifier: createAlexaVerifier({ skillIds: [TEST_SKILL_ID], fetchCertChain: async () => { throw new Error('offline'); } }) },
    });
    try {
      const headers = (rand: Rand): Record<string, string> => ({
        signature: 'bGVnYWN5',
        'signature-256': pickOne(rand, ['bm90IGEgc2lnbmF0dXJl', '', '!!!', 'A'.repeat(5000)]),
        signaturecertchainurl: pickOne(rand, ['https://s3.amazonaws.com/echo.api/echo-api-cert.pem', 'http://evil.example/x.pem', 'https://s3.amazonaws.com:443@evil.com/echo.api/x.pem', '']),
      });
      const tally = await fuzz(verifying, '/alexa', Math.ceil(COUNT / 5), SEED + 2, alexaSeed, headers);
      report(t, 'alexa verified', tally);
      assert.deepEqual(Object.keys(tally.byStatus).filter((s) => s === '200'), []);
    } finally {
      await verifying.close();
    }
  });

  test('the server is still healthy and ready afterwards', async () => {
    assert.equal((await h.get('/healthz')).status, 200);
    assert.equal((await h.get('/readyz')).status, 200);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
  });
});

describe(`fuzz with sealed session state: no order without a read-back in the same session (seed ${SEED})`, { timeout: 180_000 }, () => {
  // Every fuzz case is a request of its own: none carries state an answer gave it, so none follows
  // a read-back in its session, and none may place an order. The seeds forge a pending reorder
  // with today's total into attributes and contexts and say "ja" (fuzz-cases.ts).
  let e: Endpoints;
  before(async () => {
    e = await openEndpoints({
      now: '2026-11-22T10:00:00+01:00',
      sessionSealer: createSessionSealer([{ id: 'fuzz', secret: 'a-long-enough-fuzz-secret-0123456789' }]),
    });
  });
  after(() => e.close());

  for (const [path, make, seed] of [['/alexa', alexaSeed, SEED + 3], ['/google', googleSeed, SEED + 4]] as const) {
    test(`POST ${path}: the same guarantees, and zero orders placed`, async (t) => {
      const before = e.orderCount();
      const tally = await fuzz(inProcess(e), path, COUNT, seed, make);
      const placed = e.orderCount() - before;
      t.diagnostic(`${path} sealed: ${placed} orders placed`);
      report(t, `${path} sealed`, tally);
      assert.ok(tally.byStatus[200]! > COUNT / 5);
      assert.equal(placed, 0, `${placed} orders placed by mutated requests that had no read-back`);
    });
  }
});
