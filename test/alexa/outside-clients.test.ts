import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FaultPlan } from '../server/faulty-shop.js';
import { intentRequest, launchRequest, sessionEndedRequest, skillDisabledEvent } from '../support/alexa-requests.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';
import { spoken } from '../support/test-server.js';

// What replaying real request bodies and driving the skill with outside clients found (issue 12,
// section 3), each pinned against the Alexa endpoint as the server wires it. The clock: Saturday
// 2026-12-05, 10:00 in Berlin; each request's own timestamp is that instant too.
const NOW = '2026-12-05T10:00:00+01:00';
const TIMESTAMP = '2026-12-05T09:00:00Z';
const at = { timestamp: TIMESTAMP };

/** A request of another type in a real envelope (with a session, as mid-conversation events come). */
function otherRequest(type: string, fields: Record<string, unknown>, attributes: Record<string, unknown>) {
  const body = launchRequest({ ...at, isNew: false, attributes }) as { request: Record<string, unknown> };
  body.request = { type, requestId: `amzn1.echo-api.request.${type}`, timestamp: TIMESTAMP, locale: 'de-DE', ...fields };
  return body;
}

let endpoints: Endpoints;
before(async () => {
  endpoints = await openEndpoints({ now: NOW });
});
after(() => endpoints.close());

describe('requests that are not a conversation turn', () => {
  const OTHERS: Array<[string, Record<string, unknown>]> = [
    ['CanFulfillIntentRequest', { intent: { name: 'ProductLookupIntent', slots: { product: { name: 'product', value: 'hafermilch' } } } }],
    ['Display.ElementSelected', { token: 'product-P-1001' }],
    ['Alexa.Presentation.APL.UserEvent', { token: 'productList', arguments: ['select', 'P-1001'], source: { type: 'TouchWrapper', handler: 'Press', id: 'item1' }, components: {} }],
    ['Connections.Response', { name: 'Buy', status: { code: '200', message: 'OK' }, payload: { purchaseResult: 'ACCEPTED', productId: 'amzn1.adg.product.x' }, token: 'correlation-1' }],
    ['Alexa.NewlyInventedRequest', { anything: { nested: true } }],
  ];
  const attributes = { lastIntent: 'ProductLookupIntent', misses: 1, foreignTracker: 'x'.repeat(2000), secretFromAnotherSkill: 'do-not-echo' };

  for (const [type, fields] of OTHERS) {
    it(`${type}: a valid empty response that carries none of the request's foreign attributes`, async () => {
      const res = await endpoints.alexa(otherRequest(type, fields, attributes));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.version, '1.0');
      assert.equal(typeof res.json.response, 'object');
      assert.equal(res.json.response.outputSpeech, undefined, 'nothing spoken');
      assert.equal(res.json.response.shouldEndSession, undefined);
      assert.doesNotMatch(res.text, /foreignTracker|do-not-echo|xxxxxxxx/);
      assert.deepEqual(res.json.sessionAttributes, { lastIntent: 'ProductLookupIntent', misses: 1 }, 'our own state is kept');
    });
  }
});

describe('the runtime is not announced', () => {
  it('no userAgent in any Alexa response', async () => {
    const bodies = [
      launchRequest(at),
      intentRequest('AMAZON.HelpIntent', at),
      sessionEndedRequest(at),
      skillDisabledEvent({ ...at, userId: 'amzn1.ask.account.GONE' }),
      otherRequest('CanFulfillIntentRequest', {}, {}),
    ];
    for (const body of bodies) {
      const res = await endpoints.alexa(body);
      assert.equal(res.status, 200, res.text);
      assert.equal('userAgent' in res.json, false, res.text);
      assert.doesNotMatch(res.text, /ask-node|Node\/v\d/);
    }
  });
});

describe('AMAZON.NUMBER heard but not resolved ("?")', () => {
  it('asks which order instead of answering the latest', async () => {
    const res = await endpoints.alexa(intentRequest('OrderStatusIntent', { ...at, accessToken: 'demo-token-anna', slots: { orderNumber: { value: '?' } } }));
    const speech = spoken(res.json.response.outputSpeech?.ssml);
    assert.match(speech, /Welche Bestellnummer/);
    assert.doesNotMatch(speech, /10042/, 'the latest order is not read out');
    assert.equal(res.json.response.shouldEndSession, false);
    assert.deepEqual(res.json.response.directives?.map((d: { type: string; slotToElicit?: string }) => [d.type, d.slotToElicit]), [['Dialog.ElicitSlot', 'orderNumber']]);
    const latest = await endpoints.alexa(intentRequest('OrderStatusIntent', { ...at, accessToken: 'demo-token-anna' }, ['orderNumber']));
    assert.match(spoken(latest.json.response.outputSpeech.ssml), /10042/, 'an empty slot still means the latest order');
  });
});

describe('AMAZON.DATE spans and partial dates', () => {
  const hoursFor = async (day: string) => spoken((await endpoints.alexa(intentRequest('StoreHoursIntent', { ...at, slots: { day: { value: day }, store: { value: 'münchen', id: 'muenchen', name: 'München' } } }))).json.response.outputSpeech.ssml);

  it('a span that holds today (this month, this year, this weekend) answers today, in the present', async () => {
    const today = await hoursFor('PRESENT_REF');
    for (const day of ['2026-12', '2026', '2026-XX-XX']) assert.equal(await hoursFor(day), today, day);
    assert.doesNotMatch(today, /vorbei|Dezember/);
    assert.match(await hoursFor('2026-W49-WE'), /^Heute hat .* Morgen ist /, 'this weekend, on its Saturday: today and tomorrow');
  });

  it('a span still ahead answers its first day', async () => {
    assert.match(await hoursFor('2026-W50-WE'), /12\. Dezember/, 'that weekend\'s Saturday');
    const newYear = await hoursFor('2027');
    assert.match(newYear, /1\. Januar/);
    assert.match(newYear, /geschlossen/, 'New Year\'s Day');
  });

  it('a day or span that is over is said to be over, never answered in the present tense', async () => {
    for (const day of ['2026-11', '2026-W48-WE', '2025', '2026-12-01']) {
      const speech = await hoursFor(day);
      assert.match(speech, /^Dieser Tag ist schon vorbei\./, day);
      assert.doesNotMatch(speech, /November|1\. Dezember|hat am/, day);
    }
  });
});

describe('locales', () => {
  it('an unknown Alexa locale is answered in English, as an unknown Dialogflow languageCode is', async () => {
    const alexa = await endpoints.alexa(launchRequest({ ...at, locale: 'fr-FR' }));
    assert.match(spoken(alexa.json.response.outputSpeech.ssml), /^Welcome to Lindenhof Markt/);
    const google = await endpoints.google({
      session: 'projects/p/agent/sessions/s1',
      queryResult: { queryText: 'bonjour', languageCode: 'fr', intent: { displayName: 'Default Welcome Intent' }, parameters: {} },
    });
    assert.match(google.json.fulfillmentText, /^Welcome to Lindenhof Markt/);
  });
});

describe('during a shop outage', () => {
  let down: Endpoints;
  const faults = new FaultPlan();
  before(async () => {
    down = await openEndpoints({ now: NOW, decorateShop: faults.wrap });
    faults.set('*', { failTimes: Infinity });
  });
  after(() => down.close());

  it('a SessionEndedRequest gets an empty response, and stop and cancel say goodbye, without asking the shop', async () => {
    const ended = await down.alexa(sessionEndedRequest(at));
    assert.equal(ended.status, 200);
    assert.equal(ended.json.response.outputSpeech, undefined, 'no speech after the session ended');
    for (const intent of ['AMAZON.StopIntent', 'AMAZON.CancelIntent']) {
      const res = await down.alexa(intentRequest(intent, at));
      assert.equal(spoken(res.json.response.outputSpeech.ssml), 'Bis bald!', intent);
      assert.equal(res.json.response.shouldEndSession, true);
    }
    assert.equal(faults.count('shopInfo'), 0, 'the shop was not asked');
    const launch = await down.alexa(launchRequest(at));
    assert.doesNotMatch(spoken(launch.json.response.outputSpeech.ssml), /Willkommen/, 'the check sees the outage: a launch apologises');
    assert.ok(faults.count('shopInfo') > 0);
  });
});
