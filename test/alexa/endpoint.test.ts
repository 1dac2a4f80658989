import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { intentRequest, launchRequest, skillDisabledEvent } from '../support/alexa-requests.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('POST /alexa refuses what is not a valid Alexa request', () => {
  let open: TestServer;
  let verifying: TestServer;
  before(async () => {
    open = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
    verifying = await startTestServer({ now: '2026-11-24T10:00:00+01:00', env: { SHOPVOICE_ALEXA_VERIFY: 'true' } });
  });
  after(async () => {
    await open.close();
    await verifying.close();
  });

  test('with verification on, an unsigned request gets 400 and a generic body', async () => {
    const res = await verifying.post('/alexa', launchRequest());
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { error: 'invalid request' });
  });

  test('a foreign skill id gets 400, not 500', async () => {
    const res = await open.post('/alexa', launchRequest({ skillId: 'amzn1.ask.skill.someone-else' }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { error: 'invalid request' });
  });

  test('malformed JSON, wrong content type, missing fields, oversized body', async () => {
    assert.equal((await open.post('/alexa', '{"version":')).status, 400);
    const wrongType = await open.post('/alexa', JSON.stringify(launchRequest()), { 'content-type': 'text/plain' });
    assert.equal(wrongType.status, 415);
    const missing = await open.post('/alexa', { version: '1.0', request: { type: 'LaunchRequest' } });
    assert.equal(missing.status, 400);
    assert.ok(missing.json.error);
    const huge = await open.post('/alexa', { ...launchRequest(), padding: 'x'.repeat(300 * 1024) });
    assert.equal(huge.status, 413);
    assert.ok(huge.json.error);
  });

  test('health and readiness', async () => {
    const health = await fetch(`${open.url}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${open.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', catalog: 'ok', state: 'ok' });
  });

  test('SkillDisabled deletes what was stored for the user', async () => {
    const userId = 'amzn1.ask.account.DISABLED';
    await open.deps.state.claimReorder('reorder:test-key', userId);
    const res = await open.post('/alexa', skillDisabledEvent({ userId }));
    assert.equal(res.status, 200);
    const claim = await open.deps.state.claimReorder('reorder:test-key', userId);
    assert.equal(claim.claimed, true, 'the old claim was deleted with the user');
  });

  test('an IntentRequest with every slot empty still gets an answer', async () => {
    const res = await open.post('/alexa', intentRequest('StoreHoursIntent', {}, ['day', 'store']));
    assert.equal(res.status, 200);
    assert.ok(res.json.response.outputSpeech.ssml.length > 20);
  });
});
