import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createAlexaVerifier, type AlexaVerifier } from '../../src/platforms/alexa/verifier/index.js';
import { createAlexaLambdaHandler } from '../../src/server/lambda.js';
import { closeDeps, openDeps, type AppDeps } from '../../src/server/open-deps.js';
import { intentRequest, launchRequest, TEST_SKILL_ID } from '../support/alexa-requests.js';
import { ALEXA_CERT_URL, chainFetcher, makeChain, signAlexaBody } from '../support/alexa-certs.js';

describe('the Alexa Lambda handler', () => {
  let dir: string;
  const opened: AppDeps[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopvoice-lambda-'));
  });
  after(async () => {
    for (const deps of opened) await closeDeps(deps);
    await rm(dir, { recursive: true, force: true });
  });

  const handlerWith = (env: Record<string, string>, verifier?: AlexaVerifier) =>
    createAlexaLambdaHandler(async () => {
      const deps = await openDeps(loadConfig({ SHOPVOICE_DATA_DIR: dir, SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID, ...env }), silentLogger);
      opened.push(deps);
      return deps;
    }, { verifier });

  test('invoked by ARN: answers the envelope, checks only the skill id', async () => {
    const handler = handlerWith({});
    const reply = (await handler(launchRequest() as never)) as any;
    assert.match(reply.response.outputSpeech.ssml, /Willkommen bei Lindenhof Markt/);
    await assert.rejects(handler(launchRequest({ skillId: 'amzn1.ask.skill.other' }) as never));
  });

  test('behind API Gateway: the full signature check applies', async () => {
    const chain = await makeChain({ keyType: 'ec' });
    const verifier = createAlexaVerifier({ skillIds: [TEST_SKILL_ID], trustedRoots: [chain.rootPem], fetchCertChain: chainFetcher(chain.chainPem) });
    const handler = handlerWith({ SHOPVOICE_ALEXA_VERIFY: 'true' }, verifier);
    const raw = JSON.stringify(intentRequest('AMAZON.HelpIntent', { locale: 'en-US' }));
    const event = (headers: Record<string, string>, body: string, base64 = false) =>
      ({ headers: { 'Content-Type': 'application/json', ...headers }, body: base64 ? Buffer.from(body).toString('base64') : body, isBase64Encoded: base64 });
    const signed = { 'Signature-256': signAlexaBody(raw, chain.leafKey)['signature-256'], SignatureCertChainUrl: ALEXA_CERT_URL };

    const ok = (await handler(event(signed, raw, true))) as any;
    assert.equal(ok.statusCode, 200);
    assert.match(JSON.parse(ok.body).response.outputSpeech.ssml, /voice assistant of Lindenhof Markt/);
    const unsigned = (await handler(event({}, raw))) as any;
    assert.equal(unsigned.statusCode, 400);
    assert.deepEqual(JSON.parse(unsigned.body), { error: 'invalid request' });
    const tampered = (await handler(event(signed, raw.replace('en-US', 'de-DE')))) as any;
    assert.equal(tampered.statusCode, 400);
  });
});
