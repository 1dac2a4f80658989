import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('ProductLookupIntent over POST /alexa', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
  });
  after(() => server.close());

  test('a resolved product: name, price as German speaks it, unit price, availability', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'spülmittel zitrone', id: 'P-3001', name: 'Spülmittel Zitrone' } } });
    assert.equal(a.status, 200);
    assert.match(a.speech, /Spülmittel Zitrone 500 ml kostet 1,29 €, das sind 2,58 € pro Liter\. Es ist vorrätig\./);
    assert.equal(a.end, false);
    assert.ok(a.reprompt.length > 0, 'a question is followed by a reprompt');
    assert.equal(a.card?.type, 'Simple');
  });

  test('the same product in English', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { locale: 'en-US', slots: { product: { value: 'lemon washing up liquid', id: 'P-3001' } } });
    assert.match(a.speech, /Lemon Washing-Up Liquid 500 ml costs €1\.29, that's €2\.58 per litre\. It's in stock\./);
  });

  test('spoken text without entity resolution still finds the product (case, umlaut, compound)', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'SPUELMITTEL zitrone' } } });
    assert.match(a.speech, /Spülmittel Zitrone 500 ml kostet 1,29 €/);
  });

  test('several close matches: up to three names and a question', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'hafermilch' } } });
    assert.match(a.speech, /Welches meinst du\?/);
    assert.match(a.speech, /Hafermilch/);
    assert.equal(a.end, false);
    assert.ok(Array.isArray(a.attributes.choices) && a.attributes.choices.length >= 2 && a.attributes.choices.length <= 3);
  });

  test('"which one did you mean?" is answered by position or by name, with the slot elicited', async () => {
    const asked = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'hafermilch' } } });
    assert.equal(asked.directives[0]?.type, 'Dialog.ElicitSlot');
    assert.equal(asked.directives[0]?.slotToElicit, 'product');
    const [, second] = asked.attributes.choices as string[];
    const second_ = await server.deps.commerce.getProduct(second!);
    const byPosition = await askIntent(server, 'ProductLookupIntent', { attributes: asked.attributes, slots: { product: { value: 'die zweite' } } });
    assert.match(byPosition.speech, new RegExp(`^(Der |Die |Das )?${second_!.name.de} kostet`));
    const byName = await askIntent(server, 'ProductLookupIntent', { attributes: asked.attributes, slots: { product: { value: 'barista' } } });
    assert.match(byName.speech, /^Die Barista Hafermilch 1 l kostet 2,29 €/);
    const en = await askIntent(server, 'ProductLookupIntent', { locale: 'en-US', attributes: asked.attributes, slots: { product: { value: 'the last one' } } });
    assert.equal(en.status, 200);
    assert.doesNotMatch(en.speech, /couldn't find/);
  });

  test('a sold-out product is said to be sold out', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'sojadrink', id: 'P-1007' } } });
    assert.match(a.speech, /^Der Sojadrink 1 l kostet 1,59 €.*Er ist gerade leider ausverkauft\./);
  });

  test('a product family: the variants that exist are mentioned', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'air zoom blau größe 42', id: 'P-4003' } } });
    assert.match(a.speech, /^Der Laufschuh Air Zoom blau Größe 42 kostet 119,95 €\. Er ist vorrätig\./);
    // Only what can be bought, in the customer's words: blue size 40 is sold out.
    assert.match(a.speech, /Es gibt ihn auch in Schwarz, in den Größen 41 bis 44\./);
    const en = await askIntent(server, 'ProductLookupIntent', { locale: 'en-GB', slots: { product: { value: 'air zoom blue size 42', id: 'P-4003' } } });
    assert.match(en.speech, /It also comes in black, sizes 41 to 44\./);
  });

  test('nothing matches: said plainly in a full sentence; something only close is asked about', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'Raketentreibstoff' } } });
    assert.match(a.speech, /^Das Produkt „Raketentreibstoff“ führen wir leider nicht\./);
    assert.equal(a.end, false);
    const close = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: 'steak' } } });
    assert.match(close.speech, /^Genau „steak“ habe ich nicht gefunden\. Meinst du .+\?$/);
    assert.equal((close.attributes.pending as { kind: string }).kind, 'product');
  });

  test('no product named: the skill asks for one', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: {} } });
    assert.match(a.speech, /Welches Produkt suchst du\?/);
    assert.equal(a.end, false);
  });

  test('SSML in the slot text is spoken as text, never as markup', async () => {
    const a = await askIntent(server, 'ProductLookupIntent', { slots: { product: { value: '<audio src="https://evil.example/x.mp3"/> & co' } } });
    assert.equal(a.status, 200);
    const ssml: string = a.body.response.outputSpeech.ssml;
    assert.ok(!ssml.includes('<audio'), ssml);
    assert.match(ssml, /^<speak>.*<\/speak>$/s);
  });
});
