// Issue 13 §4: the evaluation corpus is written independently of the model sources — no
// sentence of it is a sample, as written or as the grammar expands it — and it is big enough.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { corpusOf, INTENTS } from '../../bench/nlu/corpus.js';
import { loadSource } from '../../src/models/load-source.js';
import { foldPhrase } from '../../src/simulator/normalize-text.js';

describe('the NLU evaluation corpus (test/fixtures/nlu)', () => {
  for (const language of ['de', 'en'] as const) {
    test(`${language}: at least 250 labelled and 60 no-product sentences, every intent of the models labelled`, async () => {
      const { labelled, noProduct } = await corpusOf(language);
      assert.ok(labelled.length >= 250, `${labelled.length} labelled`);
      assert.ok(noProduct.length >= 60, `${noProduct.length} no-product`);
      const intents = new Set(labelled.map((s) => s.intent));
      for (const intent of ['ProductLookupIntent', 'OrderStatusIntent', 'ReorderIntent', 'StoreHoursIntent', 'ShopFaqIntent', 'HumanHandoffIntent', 'AMAZON.HelpIntent', 'AMAZON.StopIntent', 'AMAZON.RepeatIntent', 'AMAZON.FallbackIntent']) {
        assert.ok(intents.has(intent), `${language}: no sentence for ${intent}`);
      }
      assert.ok(noProduct.every((s) => s.intent !== INTENTS.Product), 'a no-product sentence is labelled as a product');
    });

    // What a merchant writes is checked: no corpus sentence is a sample line as written (a copied or
    // one-by-one tuned sample would show here). The grammar's expansion is not held against the
    // corpus: a grammar that covers how people ask necessarily produces "wo ist mein paket", and a
    // corpus kept clear of every expansion could not be matched literally at all — bench:nlu
    // reports how many corpus sentences the expansion reaches instead.
    test(`${language}: no sentence is written in the model source`, async () => {
      const { source } = await loadSource('interaction-models/source');
      const lang = source!.languages.find((l) => l.language === language)!;
      const written = new Set<string>();
      for (const intent of Object.values(lang.intents)) {
        for (const s of [...intent.lines, ...Object.values(intent.slotSamples).flat()]) written.add(foldPhrase(s));
      }
      for (const s of [...lang.welcome, ...Object.values(lang.carriers).flat()]) written.add(foldPhrase(s));
      const { labelled, noProduct } = await corpusOf(language);
      const shared = [...labelled, ...noProduct].filter((s) => written.has(foldPhrase(s.text))).map((s) => `${s.at} "${s.text}"`);
      assert.deepEqual(shared, []);
    });
  }
});
