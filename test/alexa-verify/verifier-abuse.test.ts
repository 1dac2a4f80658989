// The verifier must not work for an attacker: requests that fail cheap checks download nothing,
// downloads are capped, failures are remembered for a while, and forged requests cannot evict the
// chain that genuine requests use.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createAlexaVerifier, type CertChainFetcher } from '../../src/platforms/alexa/verifier/index.js';
import { ALEXA_CERT_URL, alexaHeaders, alexaRequestBody, makeChain, type TestChain } from '../support/alexa-certs.js';
import { rejectsAt } from './assert-verification.js';

const SKILL = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
// A fixed instant: the signing certificate is issued around it, and the verifier's clock starts
// there and moves only when a test moves it.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** A fetcher serving `chainPem` at every path (as S3 would for Amazon's many genuine chain files), or 404 for `missing` paths; downloads can be held open. */
function countingFetcher(chainPem: string) {
  const calls = new Map<string, number>();
  let hold: Promise<void> | undefined;
  const fetcher: CertChainFetcher = async (url) => {
    calls.set(url.pathname, (calls.get(url.pathname) ?? 0) + 1);
    if (hold) await hold;
    if (url.pathname.includes('missing')) throw new Error('HTTP 404');
    return Buffer.from(chainPem);
  };
  return {
    fetcher,
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    holdDownloads() {
      let release!: () => void;
      hold = new Promise((resolve) => (release = resolve));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

async function setup(chain?: TestChain) {
  const c = chain ?? (await makeChain({ notBefore: new Date(NOW - DAY), notAfter: new Date(NOW + 365 * DAY) }));
  const clock = { now: NOW };
  const fetch = countingFetcher(c.chainPem);
  const verifier = createAlexaVerifier({ skillIds: [SKILL], now: () => clock.now, trustedRoots: [c.rootPem], fetchCertChain: fetch.fetcher });
  const body = alexaRequestBody({ skillId: SKILL, timestamp: new Date(NOW) });
  const raw = Buffer.from(JSON.stringify(body));
  const genuine = (certUrl = ALEXA_CERT_URL) => verifier.verify(alexaHeaders(raw, c.leafKey, certUrl), raw, body);
  /** A request with a well-formed but forged signature naming `certUrl`. */
  const forged = (certUrl: string) =>
    verifier.verify({ signaturecertchainurl: certUrl, 'signature-256': randomBytes(256).toString('base64') }, raw, body);
  return { clock, fetch, genuine, forged, verifier, raw, body };
}

describe('verification does not work for an attacker', () => {
  it('a signature of the wrong length is refused before any download', async () => {
    const { fetch, verifier, raw, body } = await setup();
    for (const bytes of [1, 32, 255, 257, 1024]) {
      await rejectsAt(
        verifier.verify({ signaturecertchainurl: ALEXA_CERT_URL, 'signature-256': randomBytes(bytes).toString('base64') }, raw, body),
        'signature',
        /length/,
      );
    }
    await rejectsAt(verifier.verify({ signaturecertchainurl: ALEXA_CERT_URL }, raw, body), 'signature', /missing/);
    assert.equal(fetch.total(), 0);
  });

  it('100 forged requests on distinct paths start at most 4 downloads at once; the rest fail at once', async () => {
    const { fetch, forged } = await setup();
    const release = fetch.holdDownloads();
    const results = Array.from({ length: 100 }, (_, i) => forged(`https://s3.amazonaws.com/echo.api/probe-${i}.pem`).then(() => 'ok', (e: Error) => e.message));
    // Everything past the cap has been refused before any download finished.
    assert.equal(fetch.total(), 4);
    release();
    const outcomes = await Promise.all(results);
    assert.equal(outcomes.filter((m) => /downloads already running/.test(m)).length, 96);
    assert.equal(fetch.total(), 4);
  });

  it('a URL that failed is refused for a minute without a new download, then tried again', async () => {
    const { fetch, forged, clock } = await setup();
    const url = 'https://s3.amazonaws.com/echo.api/missing.pem';
    for (let i = 0; i < 10; i += 1) await rejectsAt(forged(url), 'cert-fetch');
    assert.equal(fetch.calls.get('/echo.api/missing.pem'), 1);
    clock.now += 61_000;
    await rejectsAt(forged(url), 'cert-fetch');
    assert.equal(fetch.calls.get('/echo.api/missing.pem'), 2);
  });

  it('forged requests over 40 genuine chain paths cannot evict the chain genuine requests use', async () => {
    const { fetch, genuine, forged } = await setup();
    await genuine();
    const real = new URL(ALEXA_CERT_URL).pathname;
    assert.equal(fetch.calls.get(real), 1);
    for (let i = 0; i < 40; i += 1) {
      await rejectsAt(forged(`https://s3.amazonaws.com/echo.api/genuine-copy-${i}.pem`), 'signature', /does not match/);
    }
    await genuine();
    assert.equal(fetch.calls.get(real), 1, 'the chain that verified a real request stayed cached');
  });

  it('a chain that validated but verified nothing is not kept among the admitted ones', async () => {
    const { fetch, forged, genuine } = await setup();
    // A forged request loads the real URL's chain first; the genuine request after it reuses it.
    await rejectsAt(forged(ALEXA_CERT_URL), 'signature', /does not match/);
    await genuine();
    assert.equal(fetch.calls.get(new URL(ALEXA_CERT_URL).pathname), 1);
  });
});
