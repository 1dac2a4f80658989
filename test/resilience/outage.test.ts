import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { intentRequest, launchRequest } from '../support/alexa-requests.js';
import { spoken } from '../support/test-server.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { breakerOf, startHarness, type Harness } from '../server/harness.js';

const APOLOGY_DE = /Entschuldige, unser Shop antwortet gerade nicht\. Bitte versuch es in ein paar Minuten noch einmal\./;
const APOLOGY_EN = /Sorry, our shop isn't answering right now\. Please try again in a few minutes\./;
const ANNA = 'demo-token-anna';

describe('a shop that is down: apology, breaker, readiness', () => {
  let h: Harness;
  // The breaker's clock is the test's: its window passes when the test says so, not after a sleep.
  let clock = 0;
  before(async () => {
    h = await startHarness({ resilience: { timeoutMs: 200, breakAfterFailures: 4, halfOpenAfterMs: 300, retryDelayMs: 5, now: () => clock } });
  });
  after(() => h.close());
  beforeEach(() => h.faults.clear());

  test('every Alexa turn gets a short apology and what to do, and the session ends; never silence, never a 5xx', async () => {
    h.faults.set('*', { failTimes: Infinity });
    for (const body of [
      launchRequest(),
      intentRequest('StoreHoursIntent', { locale: 'de-DE' }, ['day', 'store']),
      intentRequest('OrderStatusIntent', { locale: 'en-US', accessToken: ANNA }, ['orderNumber']),
    ]) {
      const res = await h.post('/alexa', body);
      assert.equal(res.status, 200);
      const speech = spoken(res.json.response.outputSpeech?.ssml);
      const locale = (body.request as { locale: string }).locale;
      assert.match(speech, locale === 'en-US' ? APOLOGY_EN : APOLOGY_DE);
      assert.equal(res.json.response.shouldEndSession, true);
    }
  });

  test('a Dialogflow turn gets the apology in fulfillmentText', async () => {
    h.faults.set('*', { failTimes: Infinity });
    const res = await h.post('/google', dialogflowRequest('ProductLookupIntent', { languageCode: 'en', parameters: { product: 'oat milk' } }));
    assert.equal(res.status, 200);
    assert.match(res.json.fulfillmentText, APOLOGY_EN);
  });

  test('once the breaker is open the shop is left alone, answers are immediate, and /readyz says 503', async () => {
    h.faults.set('*', { failTimes: Infinity });
    for (let i = 0; i < 3; i++) await h.post('/alexa', launchRequest());
    assert.equal(breakerOf(h), 'open');
    const calls = h.faults.count('shopInfo');
    clock += 299;
    const res = await h.post('/alexa', launchRequest({ locale: 'en-GB' }));
    assert.match(spoken(res.json.response.outputSpeech.ssml), APOLOGY_EN);
    assert.equal(h.faults.count('shopInfo'), calls, 'no call reached the shop (so none waited for a timeout), 1 ms before the window ends');
    const ready = await h.get('/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.json, { status: 'not ready', catalog: 'unavailable', state: 'ok' });
    assert.equal(h.faults.count('ping'), 0, 'the open breaker answered the probe');
  });

  test('when the shop is back, the next probe after the pause closes the breaker and turns are normal again', async () => {
    clock += 1;
    const ready = await h.get('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(breakerOf(h), 'closed');
    const res = await h.post('/alexa', launchRequest());
    assert.match(spoken(res.json.response.outputSpeech.ssml), /Willkommen/);
  });

  test('/readyz reports a failing ping even while the breaker is closed', async () => {
    h.faults.set('ping', { failTimes: 1 });
    const down = await h.get('/readyz');
    assert.equal(down.status, 503);
    assert.equal(down.json.catalog, 'unavailable');
    assert.equal((await h.get('/readyz')).status, 200);
  });
});

describe('a slow shop: the reply still goes out within Dialogflow\'s 5 s', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness(); // default timeout: 1500 ms per call
  });
  after(() => h.close());

  test('four calls of 1.4 s each (each under the timeout) are cut off by the reply budget', async () => {
    h.faults.set('*', { delayMs: 1400 });
    const res = await h.post('/google', dialogflowRequest('ReorderIntent', { languageCode: 'de', accessToken: ANNA }));
    assert.equal(res.status, 200);
    assert.match(res.json.fulfillmentText, APOLOGY_DE);
    assert.ok(res.ms < 4700, `answered in ${Math.round(res.ms)} ms`);
  });
});
