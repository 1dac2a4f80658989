import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sessionEndedRequest } from '../support/alexa-requests.js';
import { askIntent, launch, sendAlexa } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('conversation intents over POST /alexa', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
  });
  after(() => server.close());

  test('launch: the shop\'s name and one example, then a question', async () => {
    for (const [locale, welcome, example] of [
      ['de-DE', /Willkommen bei Lindenhof Markt!/, /Frag mich zum Beispiel: /],
      ['en-US', /Welcome to Lindenhof Markt!/, /You can ask me, for example: /],
      ['en-GB', /Welcome to Lindenhof Markt!/, /for example/],
    ] as const) {
      const a = await launch(server, { locale });
      assert.match(a.speech, welcome);
      assert.match(a.speech, example);
      assert.equal(a.end, false);
      assert.ok(a.reprompt);
    }
  });

  test('FAQ: shipping costs, returns, payment and delivery time in both languages', async () => {
    const de = await askIntent(server, 'ShopFaqIntent', { slots: { topic: { value: 'versandkosten', id: 'shipping_costs' } } });
    assert.match(de.speech, /Der Versand kostet 4,95 Euro/);
    const en = await askIntent(server, 'ShopFaqIntent', { locale: 'en-US', slots: { topic: { value: 'delivery time' } } });
    assert.match(en.speech, /two to three working days/);
    for (const topic of ['returns', 'payment']) {
      const a = await askIntent(server, 'ShopFaqIntent', { locale: 'en-US', slots: { topic: { value: topic, id: topic } } });
      assert.equal(a.status, 200);
      assert.doesNotMatch(a.speech, /don't have an answer/);
    }
    const unknown = await askIntent(server, 'ShopFaqIntent', { slots: { topic: { value: 'gutscheine' } } });
    assert.match(unknown.speech, /Dazu habe ich keine Antwort\. Ich kann dir etwas sagen zu /);
  });

  test('two misunderstandings in a row: phone and e-mail instead of looping', async () => {
    const first = await askIntent(server, 'AMAZON.FallbackIntent', {});
    assert.match(first.speech, /Das habe ich leider nicht verstanden/);
    assert.equal(first.attributes.misses, 1);
    const second = await askIntent(server, 'AMAZON.FallbackIntent', { attributes: first.attributes });
    assert.match(second.speech, /\+49 89 21 54 37 0/);
    assert.match(second.speech, /service@lindenhof-markt\.de/);
    assert.match(second.body.response.outputSpeech.ssml, /<say-as interpret-as="telephone">/);
    assert.equal(second.end, false);
    const handled = await askIntent(server, 'AMAZON.HelpIntent', { attributes: second.attributes });
    assert.ok(!handled.attributes.misses, 'an understood turn resets the count');
  });

  test('an intent the skill does not know is answered as not understood', async () => {
    const a = await askIntent(server, 'SomethingNewIntent', {});
    assert.equal(a.status, 200);
    assert.match(a.speech, /nicht verstanden/);
  });

  test('help, navigate home, stop and cancel', async () => {
    const help = await askIntent(server, 'AMAZON.HelpIntent', { locale: 'en-US' });
    assert.match(help.speech, /I'm the voice assistant of Lindenhof Markt/);
    assert.equal(help.end, false);
    const home = await askIntent(server, 'AMAZON.NavigateHomeIntent', {});
    assert.match(home.speech, /Was möchtest du wissen\?/);
    for (const intent of ['AMAZON.StopIntent', 'AMAZON.CancelIntent']) {
      const a = await askIntent(server, intent, {});
      assert.match(a.speech, /Bis bald!/);
      assert.equal(a.end, true);
    }
  });

  test('human hand-off: phone, e-mail and a card', async () => {
    // Issue 17: Alexa can share the customer's mobile number, so a callback is offered first;
    // "no" says how to reach the shop.
    const offer = await askIntent(server, 'HumanHandoffIntent', { locale: 'en-US' });
    assert.match(offer.speech, /Should someone call you back\?$/);
    assert.equal(offer.end, false);
    const a = await askIntent(server, 'AMAZON.NoIntent', { locale: 'en-US', attributes: offer.attributes });
    assert.match(a.speech, /call us at \+49 89 21 54 37 0 or e-mail service@lindenhof-markt\.de/);
    assert.equal(a.card?.type, 'Simple');
    // Issue 17: the first hand-off of the week asks (once) whether a rating may be asked.
    assert.match(a.speech, /May I ask how satisfied you were\?$/);
    assert.equal(a.end, false);
  });

  test('session end: an empty, valid response', async () => {
    const res = await sendAlexa(server, sessionEndedRequest());
    assert.equal(res.status, 200);
    assert.equal(res.body.version, '1.0');
    assert.equal(res.body.response.outputSpeech, undefined);
    assert.equal(res.body.response.shouldEndSession, undefined);
  });
});
