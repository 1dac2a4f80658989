// simulator.md 16 / issue 13: where no sample matches, a statistical recogniser trained from the
// same model files (NLP.js) decides, and every recognition says how it was matched and how sure.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { alexaModelFrom } from '../../src/simulator/load-alexa-model.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { tokenize } from '../../src/simulator/normalize-text.js';
import { extractSlots } from '../../src/simulator/extract-slots.js';
import { statisticalRecognizer } from '../../src/simulator/statistical-recognizer.js';
import { understand } from '../../src/simulator/understand.js';
import { STATISTICAL_THRESHOLD, understandStatistically } from '../../src/simulator/understand-statistically.js';

const models = openModelSet(defaultModelsRoot());
const clock = DateTime.fromISO('2026-11-24T10:00:00', { zone: 'Europe/Berlin' });

async function recognition(locale: string, sentence: string, platform: 'alexa' | 'google' = 'alexa') {
  const u = await understandStatistically(await models.forPlatform(platform, locale), sentence, { clock });
  assert.equal(u.kind, 'intent');
  return u.kind === 'intent' ? u.recognition : undefined!;
}

describe('16. the statistical recogniser', () => {
  test('a literal match says so, with score 1', async () => {
    const r = await recognition('de-DE', 'wo ist mein paket');
    assert.deepEqual([r.intent, r.match, r.score], ['OrderStatusIntent', 'literal', 1]);
  });

  for (const platform of ['alexa', 'google'] as const) {
    test(`${platform}: a sentence no sample has reaches its intent statistically, with slots from the sentence`, async () => {
      const model = await models.forPlatform(platform, 'de-DE');
      const sentence = 'kann mich morgen jemand aus dem kundenservice zurückrufen';
      const literal = understand(model, sentence, { clock });
      assert.ok(literal.kind === 'intent' && literal.recognition.fallback, 'no sample matches it word for word');
      const r = await recognition('de-DE', sentence, platform);
      assert.equal(r.intent, 'HumanHandoffIntent');
      assert.equal(r.match, 'statistical');
      assert.ok(r.score >= STATISTICAL_THRESHOLD && r.score <= 1, `score ${r.score}`);
      assert.ok(r.runnerUps.every((u) => u.score <= r.score && u.intent !== r.intent));
    });
  }

  test('English: "do you guys accept apple pay" is the FAQ on payment', async () => {
    const r = await recognition('en-US', 'do you guys happen to accept apple pay');
    assert.deepEqual([r.intent, r.match], ['ShopFaqIntent', 'statistical']);
    assert.equal(r.slots.topic?.resolution?.values[0]?.id, 'payment');
  });

  test('nonsense is not understood: the fallback, match "none", the guesses as runner-ups', async () => {
    for (const [locale, sentence] of [['en-US', 'sing me a song about the moon'], ['de-DE', 'stell einen wecker auf sieben uhr'], ['de-DE', 'spiel was von den beatles']] as const) {
      const r = await recognition(locale, sentence);
      assert.equal(r.intent, 'AMAZON.FallbackIntent', sentence);
      assert.equal(r.match, 'none');
      assert.ok(r.score < STATISTICAL_THRESHOLD, `${sentence}: ${r.score}`);
    }
  });

  test('literal only when asked: the same sentence then falls back', async () => {
    const model = await models.alexa('de-DE');
    const u = await understandStatistically(model, 'kann mich morgen jemand aus dem kundenservice zurückrufen', { clock, recognizer: 'literal' });
    assert.ok(u.kind === 'intent' && u.recognition.fallback);
  });

  test('slots for a statistical match: typed values first, an unlisted product as the words nobody else uses', async () => {
    const de = await models.alexa('de-DE');
    const hours = de.intents.find((i) => i.name === 'StoreHoursIntent')!;
    const slots = extractSlots(de, hours, tokenize('hat köln eigentlich am samstag nachmittag auf'), clock);
    assert.equal(slots.store?.resolution?.values[0]?.id, 'S-CGN');
    assert.equal(slots.day?.value, '2026-11-28');
    const en = await models.alexa('en-US');
    const product = en.intents.find((i) => i.name === 'ProductLookupIntent')!;
    assert.equal(extractSlots(en, product, tokenize('what do the walking boots cost'), clock).product?.spoken, 'walking boots');
  });

  test('trained once per training corpus: same files, same hash; one more sample, another; kept on disk', async () => {
    const json = JSON.parse(await readFile(join(defaultModelsRoot(), 'alexa/skill-package/interactionModels/custom/en-US.json'), 'utf8'));
    const dir = await mkdtemp(join(tmpdir(), 'shopvoice-nlu-test-'));
    try {
      const a = await statisticalRecognizer(alexaModelFrom(json, 'en-US'), dir);
      const b = await statisticalRecognizer(alexaModelFrom(json, 'en-US'), dir);
      assert.equal(a.hash, b.hash);
      json.interactionModel.languageModel.intents.find((i: { name: string }) => i.name === 'HumanHandoffIntent').samples.push('beam me up to a person');
      const c = await statisticalRecognizer(alexaModelFrom(json, 'en-US'), dir);
      assert.notEqual(c.hash, a.hash);
      // (The unchanged model may have been trained by an earlier test already: kept in memory by hash.)
      assert.ok((await readdir(dir)).includes(`${c.hash}.json`));
      const saved = JSON.parse(await readFile(join(dir, `${c.hash}.json`), 'utf8'));
      assert.ok(saved.neuralNetwork && saved.intents.HumanHandoffIntent, 'the trained NLP.js model is what is kept');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
