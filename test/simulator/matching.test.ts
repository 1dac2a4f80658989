// simulator.md 4–5 and 7–9: slots anywhere, open types with entity resolution, deterministic
// choice with runner-ups, fallback and localized built-ins, every declared slot present.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openConversation } from '../../src/simulator/conversation.js';
import { matchSample } from '../../src/simulator/match-sample.js';
import { compileSample } from '../../src/simulator/nlu-model.js';
import { tokenize } from '../../src/simulator/normalize-text.js';
import { fixtureModels, heard, recordingTransport } from './support.js';

describe('4. {slot} anywhere, adjacent slots, backtracking', () => {
  test('slots at the start, in the middle and at the end', async () => {
    const de = await fixtureModels().alexa('de-DE');
    assert.equal(heard(de, 'zwei müsli bitte').intent, 'AddToCartIntent');
    assert.equal(heard(de, 'leg drei müsli in den korb').slots.count?.value, '3');
    assert.equal(heard(de, 'müsli zwei mal').slots.count?.value, '2');
    assert.equal(heard(de, 'habt ihr bio hafermilch').slots.product?.value, 'bio hafermilch');
  });

  test('adjacent slots: the split that types both slots wins, found by backtracking', async () => {
    const de = await fixtureModels().alexa('de-DE');
    const r = heard(de, 'leg einundzwanzig hafermilch bio in den korb');
    assert.equal(r.slots.count?.value, '21');
    assert.equal(r.slots.product?.value, 'hafermilch bio');
    assert.equal(r.slots.product?.resolution?.values[0]?.id, 'P-1001');
    // "twenty one oat milk": "twenty" alone is a number too, but "twenty one" + "oat milk" types both.
    const en = await fixtureModels().alexa('en-US');
    const e = heard(en, 'put twenty one oat milk in the basket');
    assert.equal(e.slots.count?.value, '21');
    assert.equal(e.slots.product?.resolution?.values[0]?.id, 'P-1001');
  });

  test('a literal word that also occurs inside a slot value: backtracking finds the later one', () => {
    const pattern = compileSample('I', 'wann hat {store} {day} offen', 0);
    const tokens = tokenize('wann hat offen am sonntag offen');
    const match = matchSample(pattern, tokens, (slot, from, to) => {
      if (slot === 'day' && tokens.slice(from, to).map((t) => t.key).join(' ') !== 'sonntag') return undefined;
      return { spoken: '', value: tokens.slice(from, to).map((t) => t.text).join(' '), typed: slot === 'day' };
    });
    assert.deepEqual(match?.fills.map((f) => [f.slot, f.resolved.value]), [['store', 'offen am'], ['day', 'sonntag']]);
  });
});

describe('5. custom slot types are open, with entity resolution', () => {
  test('a listed value or synonym resolves to its canonical value and id; the spoken form stays in value', async () => {
    const de = await fixtureModels().alexa('de-DE');
    const r = heard(de, 'habt ihr knuspermüsli').slots.product!;
    assert.equal(r.value, 'knuspermüsli');
    assert.equal(r.resolution?.status, 'ER_SUCCESS_MATCH');
    assert.deepEqual(r.resolution?.values, [{ id: 'P-2002', name: 'Müsli' }]);
  });

  test('a value outside the list is captured, with ER_SUCCESS_NO_MATCH', async () => {
    const de = await fixtureModels().alexa('de-DE');
    const r = heard(de, 'habt ihr raketentreibstoff').slots.product!;
    assert.equal(r.value, 'raketentreibstoff');
    assert.equal(r.resolution?.status, 'ER_SUCCESS_NO_MATCH');
    assert.deepEqual(r.resolution?.values, []);
  });

  test('the Alexa request carries the resolutions as Alexa sends them', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models: fixtureModels(), transport, skillId: 'amzn1.ask.skill.test', clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'habt ihr knuspermüsli' });
    await c.turn({ utterance: 'habt ihr raketentreibstoff' });
    const [match, noMatch] = transport.sent.map((e) => e.request.intent.slots.product);
    assert.equal(match.value, 'knuspermüsli');
    assert.deepEqual(match.resolutions.resolutionsPerAuthority[0], {
      authority: 'amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.ProductName',
      status: { code: 'ER_SUCCESS_MATCH' },
      values: [{ value: { name: 'Müsli', id: 'P-2002' } }],
    });
    assert.equal(noMatch.value, 'raketentreibstoff');
    assert.deepEqual(noMatch.resolutions.resolutionsPerAuthority[0].status, { code: 'ER_SUCCESS_NO_MATCH' });
    assert.equal(noMatch.resolutions.resolutionsPerAuthority[0].values, undefined);
  });

  test('Dialogflow: an entity with automated expansion is open, one without takes only its entries', async () => {
    const de = await fixtureModels().google('de');
    assert.equal(heard(de, 'habt ihr raketentreibstoff').slots.product?.value, 'raketentreibstoff');
    assert.equal(heard(de, 'wann hat münchen morgen offen').slots.store?.resolution?.values[0]?.id, 'S-MUC');
    assert.equal(heard(de, 'wann hat hamburg morgen offen').intent, 'AMAZON.FallbackIntent');
  });
});

describe('7. deterministic choice with runner-ups', () => {
  test('most literal words first: the all-literal sample beats one that would put words into a slot', async () => {
    const de = await fixtureModels().alexa('de-DE');
    const r = heard(de, 'wo ist meine bestellung');
    assert.equal(r.intent, 'OrderStatusIntent');
    assert.equal(r.sample, 'wo ist meine bestellung');
    assert.equal(r.words, 4);
    // "wie funktioniert {topic}" would take "das"; "wie geht das" is a literal help phrase.
    assert.equal(heard(de, 'wie geht das').intent, 'AMAZON.HelpIntent');
    assert.equal(heard(de, 'wie funktioniert die lieferung').intent, 'ShopFaqIntent');
  });

  test('equal literal words: the sample with more typed slots wins, the other is the runner-up', async () => {
    const de = await fixtureModels().alexa('de-DE');
    // "habt ihr {day} offen" (3 words, a date) vs "habt ihr {product}" (2 words).
    const r = heard(de, 'habt ihr morgen offen');
    assert.equal(r.intent, 'StoreHoursIntent');
    assert.deepEqual(r.runnerUps.map((u) => u.intent), ['ProductLookupIntent']);
    assert.equal(heard(de, 'zwei müsli bitte').typed, 2);
  });

  test('the same sentence always gives the same intent, slots and runner-ups', async () => {
    const de = await fixtureModels().alexa('de-DE');
    const first = heard(de, 'habt ihr morgen offen');
    for (let i = 0; i < 5; i++) assert.deepEqual(heard(de, 'habt ihr morgen offen'), first);
  });
});

describe('8. no match → fallback, never an exception; German built-ins', () => {
  test('Alexa: AMAZON.FallbackIntent; Dialogflow: the agent\'s fallback intent', async () => {
    const models = fixtureModels();
    for (const said of ['', '   ', '?!', 'blubb blubb', 'x'.repeat(2000), Array.from({ length: 300 }, () => 'habt').join(' ')]) {
      assert.equal(heard(await models.alexa('de-DE'), said).intent, 'AMAZON.FallbackIntent');
      assert.equal(heard(await models.google('de'), said).intent, 'AMAZON.FallbackIntent');
    }
    // The fallback intent's training phrases are negative examples: "hilfe" stays help.
    assert.equal(heard(await models.google('de'), 'hilfe').intent, 'AMAZON.HelpIntent');
  });

  test('built-in intents without samples in the file understand German and English', async () => {
    const models = fixtureModels();
    const de = await models.alexa('de-DE');
    for (const [said, intent] of [
      ['hilfe', 'AMAZON.HelpIntent'], ['stopp', 'AMAZON.StopIntent'], ['hör auf', 'AMAZON.StopIntent'],
      ['abbrechen', 'AMAZON.CancelIntent'], ['ja', 'AMAZON.YesIntent'], ['nein', 'AMAZON.NoIntent'],
      ['Ja bitte!', 'AMAZON.YesIntent'], ['nein danke', 'AMAZON.NoIntent'], ['zurück zum anfang', 'AMAZON.NavigateHomeIntent'],
    ]) assert.equal(heard(de, said!).intent, intent, said);
    const en = await models.alexa('en-US');
    for (const [said, intent] of [['help', 'AMAZON.HelpIntent'], ['stop', 'AMAZON.StopIntent'], ['cancel', 'AMAZON.CancelIntent'], ['yes', 'AMAZON.YesIntent'], ['no', 'AMAZON.NoIntent']]) {
      assert.equal(heard(en, said!).intent, intent, said);
    }
    // English built-in words are not German ones.
    assert.equal(heard(de, 'cancel').intent, 'AMAZON.FallbackIntent');
  });
});

describe('9. every declared slot is present, empty when not spoken', () => {
  test('Alexa: the request lists every slot of the intent; unspoken ones have no value', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'alexa', locale: 'de-DE', models: fixtureModels(), transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'wann habt ihr offen' });
    assert.deepEqual(transport.sent[0].request.intent.slots, {
      day: { name: 'day', confirmationStatus: 'NONE' },
      store: { name: 'store', confirmationStatus: 'NONE' },
    });
  });

  test('Dialogflow: every parameter is sent, "" when not spoken', async () => {
    const transport = recordingTransport({});
    const c = await openConversation({ platform: 'google', locale: 'de-DE', models: fixtureModels(), transport, clock: '2026-11-22T10:00:00+01:00' });
    await c.turn({ utterance: 'habt ihr samstag offen' });
    const q = transport.sent[0].queryResult;
    assert.equal(q.intent.displayName, 'StoreHoursIntent');
    assert.deepEqual(Object.keys(q.parameters).sort(), ['day', 'store']);
    assert.equal(q.parameters.store, '');
    assert.equal(q.parameters.day, '2026-11-28T12:00:00+01:00');
  });
});
