// simulator.md 1–3: models per locale, normalisation, invocation phrases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openConversation } from '../../src/simulator/conversation.js';
import { parseInvocation } from '../../src/simulator/invocation.js';
import { foldWord, normalizeText, tokenize } from '../../src/simulator/normalize-text.js';
import { understand } from '../../src/simulator/understand.js';
import { fixtureModels, heard, recordingTransport, SUNDAY } from './support.js';

describe('1. models per locale; the request carries the locale', () => {
  test('each Alexa locale and each Dialogflow language has its own model', async () => {
    const models = fixtureModels();
    assert.equal((await models.alexa('de-DE')).invocationName, 'mein testladen');
    assert.equal((await models.alexa('en-US')).invocationName, 'my test shop');
    assert.equal((await models.alexa('en-GB')).language, 'en');
    assert.equal((await models.google('de')).language, 'de');
    assert.equal((await models.google('en')).platform, 'google');
    assert.deepEqual(await models.alexaLocales(), ['de-DE', 'en-GB', 'en-US']);
    await assert.rejects(models.alexa('fr-FR'), /no Alexa model for fr-FR/);
  });

  test('the German model understands German, the English one English', async () => {
    const models = fixtureModels();
    assert.equal(heard(await models.alexa('de-DE'), 'habt ihr müsli').intent, 'ProductLookupIntent');
    assert.equal(heard(await models.alexa('en-US'), 'habt ihr müsli').intent, 'AMAZON.FallbackIntent');
    assert.equal(heard(await models.alexa('en-GB'), 'do you have oat milk').intent, 'ProductLookupIntent');
  });

  test('Alexa requests carry request.locale, Dialogflow requests the agent language', async () => {
    const models = fixtureModels();
    for (const locale of ['de-DE', 'en-US', 'en-GB']) {
      const transport = recordingTransport({});
      const c = await openConversation({ platform: 'alexa', locale, models, transport, clock: '2026-11-22T10:00:00+01:00' });
      await c.turn({ utterance: locale === 'de-DE' ? 'hilfe' : 'help' });
      assert.equal(transport.sent[0].request.locale, locale);
    }
    for (const [locale, language] of [['de-DE', 'de'], ['en-GB', 'en']]) {
      const transport = recordingTransport({});
      const c = await openConversation({ platform: 'google', locale: locale!, models, transport, clock: '2026-11-22T10:00:00+01:00' });
      await c.turn({ utterance: language === 'de' ? 'hilfe' : 'help' });
      assert.equal(transport.sent[0].queryResult.languageCode, language);
    }
  });
});

describe('2. normalisation', () => {
  test('case-insensitive, NFC, whitespace collapsed', async () => {
    const de = await fixtureModels().alexa('de-DE');
    assert.equal(normalizeText('  Wo IST\t meine   Bestellung  '), 'wo ist meine bestellung');
    assert.equal(heard(de, 'WO IST MEINE BESTELLUNG').intent, 'OrderStatusIntent');
    const decomposed = 'habt ihr mu\u0308sli';
    assert.equal(heard(de, decomposed).slots.product?.resolution?.values[0]?.id, 'P-2002');
    assert.equal(normalizeText(decomposed), 'habt ihr müsli');
  });

  test('punctuation is ignored without merging words; apostrophes are kept', async () => {
    const en = await fixtureModels().alexa('en-US');
    assert.equal(normalizeText('wo,ist;meine!bestellung?'), 'wo ist meine bestellung');
    assert.equal(normalizeText("Where’s my order?"), "where's my order");
    assert.equal(heard(en, "Where's my order?").intent, 'OrderStatusIntent');
    assert.equal(heard(en, 'wheres my order').intent, 'AMAZON.FallbackIntent');
    // Contracted and full forms are the same words: the sample says "i'm looking for {product}".
    assert.equal(heard(en, 'I am looking for muesli crunch').slots.product?.resolution?.values[0]?.id, 'P-2002');
    assert.equal(heard(en, "what is the price of oat milk").intent, 'ProductLookupIntent');
    assert.equal(normalizeText('Bio-Vollmilch 3,8 %'), 'bio vollmilch 3,8');
  });

  test('ß/ss and umlaut transliterations are the same word; the spoken form is kept', async () => {
    const de = await fixtureModels().alexa('de-DE');
    assert.equal(foldWord('Müsli'), foldWord('muesli'));
    assert.equal(foldWord('Straße'), foldWord('strasse'));
    const muesli = heard(de, 'habt ihr muesli').slots.product;
    assert.equal(muesli?.value, 'muesli');
    assert.equal(muesli?.resolution?.values[0]?.id, 'P-2002');
    const kreide = heard(de, 'habt ihr strassenkreide').slots.product;
    assert.equal(kreide?.resolution?.values[0]?.id, 'P-3003');
    assert.equal(heard(de, 'Öffnungszeiten').intent, 'StoreHoursIntent');
    assert.equal(heard(de, 'oeffnungszeiten').intent, 'StoreHoursIntent');
  });
});

describe('3. invocation phrases only at the start and only for the model\'s name', () => {
  test('German: öffne / starte / frag(e) <name> …', async () => {
    const de = await fixtureModels().alexa('de-DE');
    assert.equal(understand(de, 'öffne mein testladen', { clock: SUNDAY }).kind, 'launch');
    assert.equal(understand(de, 'Alexa, starte mein Testladen', { clock: SUNDAY }).kind, 'launch');
    const oneShot = understand(de, 'frag mein testladen ob ihr müsli habt', { clock: SUNDAY });
    assert.equal(oneShot.kind === 'intent' && oneShot.invocation, 'one-shot');
    assert.equal(oneShot.kind === 'intent' && oneShot.recognition.intent, 'ProductLookupIntent');
    const verbLast = understand(de, 'frage mein testladen, wann München morgen offen hat', { clock: SUNDAY });
    assert.equal(verbLast.kind === 'intent' && verbLast.recognition.intent, 'StoreHoursIntent');
    assert.equal(verbLast.kind === 'intent' && verbLast.recognition.slots.day?.value, '2026-11-23');
  });

  test('English: open / ask / tell <name> (to|for|if|whether|…)', async () => {
    const en = await fixtureModels().alexa('en-US');
    assert.equal(understand(en, 'open my test shop', { clock: SUNDAY }).kind, 'launch');
    assert.equal(understand(en, 'ask my test shop', { clock: SUNDAY }).kind, 'launch');
    for (const said of ['ask my test shop if you have oat milk', 'ask my test shop for oat milk', 'tell my test shop to find oat milk', 'ask my test shop whether you have muesli crunch']) {
      const u = understand(en, said, { clock: SUNDAY });
      assert.equal(u.kind === 'intent' && u.invocation, 'one-shot', said);
    }
    const ifClause = understand(en, 'ask my test shop if you have oat milk', { clock: SUNDAY });
    assert.equal(ifClause.kind === 'intent' && ifClause.recognition.intent, 'ProductLookupIntent');
  });

  test('"Bestellung", "are you open", another skill\'s name, or the phrase later in the sentence never launch', async () => {
    const models = fixtureModels();
    const de = await models.alexa('de-DE');
    const en = await models.alexa('en-US');
    for (const [model, said] of [
      [de, 'Bestellung'], [de, 'wo ist meine bestellung'], [de, 'öffne amazon music'], [de, 'bitte öffne mein testladen'],
      [en, 'are you open'], [en, 'are you open tomorrow'], [en, 'open the pod bay doors'], [en, 'please open my test shop'],
    ] as const) {
      const u = understand(model, said, { clock: SUNDAY });
      assert.equal(u.kind, 'intent', said);
      assert.equal(u.kind === 'intent' && u.invocation, 'none', said);
    }
    assert.equal(heard(en, 'are you open tomorrow').intent, 'StoreHoursIntent');
    assert.equal(parseInvocation(tokenize('öffne mein testladen'), undefined, 'de').kind, 'none');
  });
});
