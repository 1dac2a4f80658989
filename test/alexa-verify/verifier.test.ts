// The composed verifier: every rule through `verify()`, the signature (rule 4), and the chain
// cache (rule 2), with an injected clock and fetcher, and once against a real local HTTPS server.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, it } from 'node:test';
import {
  AlexaVerificationError,
  createAlexaVerifier,
  createCertChainFetcher,
  type AlexaVerifierOptions,
  type CertChainFetcher,
} from '../../src/platforms/alexa/verifier/index.js';
import { ALEXA_CERT_URL, alexaHeaders, alexaRequestBody, chainFetcher, makeChain, type TestChain } from '../support/alexa-certs.js';
import { rejectsAt } from './assert-verification.js';
import { startLocalCertServer } from './local-cert-server.js';

const SKILL = 'amzn1.ask.skill.11111111-2222-3333-4444-555555555555';
const MINUTE = 60_000;

/** A verifier trusting `chain`'s root, with a movable clock, and a signed request at the clock's now. */
async function setup(options: { chain?: TestChain; verifier?: Partial<AlexaVerifierOptions>; fetcher?: CertChainFetcher } = {}) {
  const chain = options.chain ?? (await makeChain());
  const clock = { now: Date.now() };
  const fetcher = chainFetcher(chain.chainPem);
  const verifier = createAlexaVerifier({
    skillIds: [SKILL],
    now: () => clock.now,
    trustedRoots: [chain.rootPem],
    fetchCertChain: options.fetcher ?? fetcher,
    ...options.verifier,
  });
  const request = (overrides: { body?: Record<string, unknown>; certUrl?: string } = {}) => {
    const body = overrides.body ?? alexaRequestBody({ skillId: SKILL, timestamp: new Date(clock.now) });
    const raw = Buffer.from(JSON.stringify(body));
    return { headers: alexaHeaders(raw, chain.leafKey, overrides.certUrl), raw, body };
  };
  const verify = (r = request()) => verifier.verify(r.headers, r.raw, r.body);
  return { chain, clock, fetcher, verifier, request, verify };
}

describe('createAlexaVerifier', () => {
  it('accepts a genuine request, under an RSA root and under an ECDSA root', async () => {
    for (const keyType of ['rsa', 'ec'] as const) {
      const { verify } = await setup({ chain: await makeChain({ keyType }) });
      await verify();
    }
  });

  it('trusts Node\'s root store plus configured extra roots by default', async () => {
    const chain = await makeChain({ keyType: 'ec' });
    const { verify } = await setup({ chain, verifier: { trustedRoots: undefined, extraTrustedRoots: [chain.rootPem] } });
    await verify();
    const plain = await setup({ chain, verifier: { trustedRoots: undefined } });
    await rejectsAt(plain.verify(), 'cert-chain', /trusted root/);
    const explicit = await setup({ chain, verifier: { trustedRoots: rootCertificates } });
    await rejectsAt(explicit.verify(), 'cert-chain', /trusted root/);
  });

  it('rule 3 through verify: an untrusted root fails', async () => {
    const trusted = await makeChain();
    const rogue = await makeChain({ untrustedRoot: true });
    const { verify } = await setup({ chain: rogue, verifier: { trustedRoots: [trusted.rootPem] } });
    await rejectsAt(verify(), 'cert-chain', /trusted root/);
  });

  it('rules 5 and 6 through verify, checked before anything is downloaded', async () => {
    const { verify, request, clock, fetcher } = await setup();
    await rejectsAt(verify(request({ body: alexaRequestBody({ skillId: 'amzn1.ask.skill.other', timestamp: new Date(clock.now) }) })), 'skill-id');
    await rejectsAt(verify(request({ body: alexaRequestBody({ skillId: SKILL, timestamp: new Date(clock.now - 151_000) }) })), 'timestamp');
    await rejectsAt(verify(request({ body: alexaRequestBody({ skillId: SKILL, timestamp: new Date(clock.now + 151_000) }) })), 'timestamp');
    assert.equal(fetcher.calls, 0, 'the refused requests downloaded nothing');
    await verify(request({ body: alexaRequestBody({ skillId: SKILL, type: 'AlexaSkillEvent.SkillDisabled', timestamp: new Date(clock.now - 3_000_000) }) }));
    assert.equal(fetcher.calls, 1, 'only the accepted request downloaded the chain');
  });

  it('fails with an AlexaVerificationError that names the check', async () => {
    const { verifier } = await setup();
    const error = await verifier.verify({}, Buffer.from('{}'), {}).catch((e: unknown) => e);
    assert.ok(error instanceof AlexaVerificationError);
    assert.equal(error.check, 'skill-id');
  });
});

describe('rule 4: Signature-256 over the raw bytes', () => {
  it('rejects a body that was parsed and serialised again', async () => {
    const { verifier, chain, clock } = await setup();
    const body = alexaRequestBody({ skillId: SKILL, timestamp: new Date(clock.now) });
    const raw = Buffer.from(JSON.stringify(body, null, 2));
    const headers = alexaHeaders(raw, chain.leafKey);
    await verifier.verify(headers, raw, body);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    await rejectsAt(verifier.verify(headers, reserialised, body), 'signature', /does not match/);
  });

  it('rejects a body changed by one byte', async () => {
    const { verifier, request } = await setup();
    const { headers, raw, body } = request();
    const tampered = Buffer.from(raw);
    const at = tampered.length - 2;
    tampered.writeUInt8(tampered.readUInt8(at) ^ 1, at);
    await rejectsAt(verifier.verify(headers, tampered, body), 'signature', /does not match/);
  });

  it('rejects a request carrying only the legacy SHA-1 Signature header', async () => {
    const { verifier, request, chain } = await setup();
    const { headers, raw, body } = request();
    const { 'signature-256': _dropped, ...legacy } = headers;
    legacy.signature = sign('sha1', raw, chain.leafKey).toString('base64');
    await rejectsAt(verifier.verify(legacy, raw, body), 'signature', /missing Signature-256/);
  });

  it('rejects a signature made with another key, and one that is not base64', async () => {
    const { verifier, request } = await setup();
    const { headers, raw, body } = request();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const foreign = { ...headers, 'signature-256': sign('sha256', raw, privateKey).toString('base64') };
    await rejectsAt(verifier.verify(foreign, raw, body), 'signature', /does not match/);
    await rejectsAt(verifier.verify({ ...headers, 'signature-256': 'not base64!' }, raw, body), 'signature', /not base64/);
    await rejectsAt(verifier.verify({ ...headers, 'signature-256': 'AAAA' }, raw, body), 'signature', /length/);
  });

  it('reads headers in any case (API Gateway keeps the sender\'s), but not repeated ones', async () => {
    const { verifier, request } = await setup();
    const { headers, raw, body } = request();
    const spelled = { SignatureCertChainUrl: headers.signaturecertchainurl, 'Signature-256': headers['signature-256'] };
    await verifier.verify(spelled, raw, body);
    const repeated = { ...headers, 'signature-256': [headers['signature-256']!, headers['signature-256']!] };
    await rejectsAt(verifier.verify(repeated, raw, body), 'signature', /missing/);
  });
});

describe('rule 1 through verify', () => {
  it('rejects a missing or foreign certificate URL without downloading', async () => {
    const { verifier, request, fetcher } = await setup();
    const { headers, raw, body } = request();
    const { signaturecertchainurl: _dropped, ...withoutUrl } = headers;
    await rejectsAt(verifier.verify(withoutUrl, raw, body), 'cert-url', /missing/);
    const evil = request({ certUrl: 'https://s3.amazonaws.com:443@evil.com/echo.api/echo-api-cert.pem' });
    await rejectsAt(verifier.verify(evil.headers, evil.raw, evil.body), 'cert-url');
    assert.equal(fetcher.calls, 0);
  });

  it('checks the URL of every request, also after an accepted one', async () => {
    const { verify, request, fetcher } = await setup();
    await verify();
    await rejectsAt(verify(request({ certUrl: 'https://s3.amazonaws.com:443@evil.com/echo.api/echo-api-cert.pem' })), 'cert-url');
    await rejectsAt(verify(request({ certUrl: 'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem' })), 'cert-url', /path/);
    await verify();
    assert.equal(fetcher.calls, 1);
  });
});

describe('rule 2: the chain cache', () => {
  it('downloads once per URL, whatever its spelling', async () => {
    const { verify, request, fetcher } = await setup();
    for (const certUrl of [
      ALEXA_CERT_URL,
      ALEXA_CERT_URL.replace('.com/', '.com:443/'),
      ALEXA_CERT_URL.replace('/echo.api/', '/echo.api/../echo.api/'),
      ALEXA_CERT_URL.replace('s3.amazonaws.com', 'S3.AMAZONAWS.COM'),
    ]) {
      await verify(request({ certUrl }));
    }
    assert.equal(fetcher.calls, 1);
  });

  it('downloads once for concurrent cold requests', async () => {
    const { verify, fetcher } = await setup();
    await Promise.all(Array.from({ length: 20 }, () => verify()));
    assert.equal(fetcher.calls, 1);
  });

  it('re-checks the dates of a cached chain on every use: one that expired since fails', async () => {
    const chain = await makeChain({ notBefore: new Date(Date.now() - MINUTE), notAfter: new Date(Date.now() + 10 * MINUTE) });
    const { verify, clock, fetcher } = await setup({ chain });
    await verify();
    clock.now += 11 * MINUTE;
    await rejectsAt(verify(), 'cert-chain', /expired/);
    assert.equal(fetcher.calls, 1, 'the cached chain was used, and its dates checked');
  });

  it('downloads again after cacheTtlMs', async () => {
    const { verify, clock, fetcher } = await setup({ verifier: { cacheTtlMs: 5 * MINUTE } });
    await verify();
    clock.now += 4 * MINUTE;
    await verify();
    assert.equal(fetcher.calls, 1);
    clock.now += 2 * MINUTE;
    await verify();
    assert.equal(fetcher.calls, 2);
  });

  it('keeps at most maxCacheEntries URLs', async () => {
    const { verify, request, fetcher } = await setup({ verifier: { maxCacheEntries: 2 } });
    for (const name of ['a', 'b', 'c', 'a']) await verify(request({ certUrl: `https://s3.amazonaws.com/echo.api/${name}.pem` }));
    assert.equal(fetcher.calls, 4, '"a" was evicted by "c"');
  });

  it('remembers a failed download for a minute only, and reports foreign fetcher errors as cert-fetch', async () => {
    const chain = await makeChain();
    let calls = 0;
    const flaky: CertChainFetcher = async () => {
      calls += 1;
      if (calls === 1) throw new Error('socket hang up');
      return Buffer.from(chain.chainPem);
    };
    const { verify, clock } = await setup({ chain, fetcher: flaky });
    await rejectsAt(verify(), 'cert-fetch', /socket hang up/);
    await rejectsAt(verify(), 'cert-fetch', /socket hang up/);
    assert.equal(calls, 1, 'the failure is not retried at once');
    clock.now += MINUTE + 1;
    await verify();
    assert.equal(calls, 2);
  });

  it('remembers a chain that failed validation for a minute only', async () => {
    const chain = await makeChain({ san: ['evil.com'] });
    const { verify, fetcher, clock } = await setup({ chain });
    await rejectsAt(verify(), 'cert-chain', /SAN/);
    await rejectsAt(verify(), 'cert-chain', /SAN/);
    assert.equal(fetcher.calls, 1);
    clock.now += MINUTE + 1;
    await rejectsAt(verify(), 'cert-chain', /SAN/);
    assert.equal(fetcher.calls, 2);
  });
});

describe('against a local HTTPS server posing as s3.amazonaws.com', () => {
  it('verifies through the default fetcher, and refuses a redirect', async () => {
    const chain = await makeChain({ keyType: 'ec' });
    const server = await startLocalCertServer(chain.chainPem);
    try {
      const fetcher = createCertChainFetcher({ connectTo: server.connectTo, ca: server.ca });
      const { verifier, request } = await setup({ chain, fetcher });
      const ok = request({ certUrl: 'https://s3.amazonaws.com/echo.api/ok.pem' });
      await verifier.verify(ok.headers, ok.raw, ok.body);
      const moved = request({ certUrl: 'https://s3.amazonaws.com/echo.api/redirect.pem' });
      await rejectsAt(verifier.verify(moved.headers, moved.raw, moved.body), 'cert-fetch', /redirect refused/);
      assert.equal(server.hits.get('/echo.api/ok.pem'), 1);
    } finally {
      await server.close();
    }
  });
});
