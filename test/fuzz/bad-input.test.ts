import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { intentRequest, launchRequest } from '../support/alexa-requests.js';
import { spoken } from '../support/test-server.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { startHarness, type Harness } from '../server/harness.js';
import { ssmlProblem } from './ssml-check.js';

describe('bad input gets a clear answer, one case at a time', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ now: '2026-11-22T10:00:00+01:00' });
  });
  after(() => h.close());

  async function expectError(path: string, body: unknown, status: number, headers: Record<string, string> = {}) {
    const res = await h.post(path, body, headers);
    assert.equal(res.status, status, `${path} ${String(body).slice(0, 80)} → ${res.text}`);
    assert.equal(typeof res.json?.error, 'string', 'a JSON error body');
    return res;
  }

  test('Alexa: malformed JSON, wrong content type, missing fields, oversized, deeply nested → 4xx with JSON', async () => {
    await expectError('/alexa', '{"version":', 400);
    await expectError('/alexa', JSON.stringify(launchRequest()), 415, { 'content-type': 'text/xml' });
    await expectError('/alexa', { version: '1.0' }, 400);
    await expectError('/alexa', { ...launchRequest(), padding: 'x'.repeat(200 * 1024) }, 413);
    for (const depth of [40, 5000]) {
      const nested = '{"n":'.repeat(depth) + '1' + '}'.repeat(depth);
      const deep = await expectError('/alexa', JSON.stringify(launchRequest()).replace(/}$/, `,"extra":${nested}}`), 400);
      assert.deepEqual(deep.json, { error: 'request nested too deeply' });
    }
  });

  test('Alexa: fields of the wrong type are bad input (400), not a failed turn', async () => {
    const cases: Array<(r: any) => void> = [
      (r) => (r.request.locale = 42),
      (r) => (r.session.sessionId = ['a']),
      (r) => (r.session.attributes = 'junk'),
      (r) => (r.session.attributes = { pending: { kind: 'reorder', key: {} } }),
      (r) => (r.context.System.user.accessToken = { token: 'x' }),
      (r) => (r.request.intent.slots.product = ['list']),
      (r) => (r.request.intent.slots.product = { name: 'product', value: 7 }),
      (r) => (r.request.intent.slots.product = { name: 'product', resolutions: { resolutionsPerAuthority: [null] } }),
    ];
    for (const mutate of cases) {
      const body = intentRequest('ProductLookupIntent', { slots: { product: { value: 'milch' } } });
      mutate(body);
      assert.deepEqual((await expectError('/alexa', body, 400)).json, { error: 'not an Alexa request' });
    }
  });

  test('Alexa: unknown request types get an empty valid answer; unknown intents the polite fallback', async () => {
    const other = launchRequest() as any;
    other.request.type = 'CanFulfillIntentRequest';
    const res = await h.post('/alexa', other);
    assert.equal(res.status, 200);
    assert.equal(res.json.version, '1.0');
    const unknown = await h.post('/alexa', intentRequest('Some.Other.Intent'));
    assert.equal(unknown.status, 200);
    assert.match(spoken(unknown.json.response.outputSpeech.ssml), /nicht verstanden|Das habe ich/);
  });

  test('Alexa: absurd slot text is answered politely, within limits, and never injects SSML', async () => {
    for (const value of [
      'a'.repeat(10_000),
      'Hafer\u0000\u0007\u001bmilch',
      '🥛🛒👩‍👩‍👧‍👦',
      '</speak><audio src="https://evil.example/x.mp3"/><speak>',
      '<break time="100s"/>&amp;&lt;<!-- x -->',
    ]) {
      const res = await h.post('/alexa', intentRequest('ProductLookupIntent', { slots: { product: { value } } }));
      assert.equal(res.status, 200);
      const ssml = res.json.response.outputSpeech.ssml as string;
      assert.equal(ssmlProblem(ssml), undefined, ssml);
      assert.doesNotMatch(ssml, /<audio|<break time="100s"|<!--/);
      assert.ok(ssml.length <= 8000);
      assert.ok(spoken(ssml).length > 10, 'something is said');
    }
  });

  test('Alexa: session attributes the domain does not know are not echoed back', async () => {
    const body = intentRequest('AMAZON.HelpIntent', { attributes: { lastIntent: 'StoreHoursIntent', junk: 'x'.repeat(30_000) } });
    const res = await h.post('/alexa', body);
    assert.equal(res.status, 200);
    assert.equal(res.json.sessionAttributes.junk, undefined);
    assert.ok(res.text.length < 24_576);
  });

  test('Dialogflow: malformed JSON, wrong content type, not a WebhookRequest, oversized → 4xx with JSON', async () => {
    await expectError('/google', '{"queryResult":', 400);
    await expectError('/google', JSON.stringify(dialogflowRequest('StoreHoursIntent')), 415, { 'content-type': 'text/plain' });
    await expectError('/google', { hello: 'world' }, 400);
    await expectError('/google', { ...dialogflowRequest('StoreHoursIntent'), padding: 'x'.repeat(70 * 1024) }, 413);
  });

  test('Dialogflow: SSML injection in a parameter stays text', async () => {
    const res = await h.post('/google', dialogflowRequest('ProductLookupIntent', { parameters: { product: '</speak><audio src="x"/>' } }));
    assert.equal(res.status, 200);
    for (const item of res.json.payload?.google?.richResponse?.items ?? []) assert.equal(ssmlProblem(item.simpleResponse.textToSpeech), undefined);
  });

  test('Dialogflow: intent names that are Object.prototype members get the fallback, not a 500', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const res = await h.post('/google', dialogflowRequest(name));
      assert.equal(res.status, 200, `${name} → ${res.status} ${res.text}`);
      assert.match(res.json.fulfillmentText, /nicht verstanden|Das habe ich/);
    }
  });
});
