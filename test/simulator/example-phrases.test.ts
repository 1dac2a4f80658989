// Issue 13: what the skill itself tells people to say — the store listing's example phrases,
// the examples in the welcome, help and fallback texts — is understood, word for word by a
// sample, as the intent it advertises, on both platforms.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { understand } from '../../src/simulator/understand.js';

const root = defaultModelsRoot();
const models = openModelSet(root);
const clock = DateTime.fromISO('2026-11-24T10:00:00', { zone: 'Europe/Berlin' });
const readJson = async (path: string): Promise<any> => JSON.parse(await readFile(path, 'utf8'));

/** What each advertised example is for (locales/<lang>/speech.json `examples.N`). */
const EXAMPLE_INTENTS = ['ProductLookupIntent', 'OrderStatusIntent', 'StoreHoursIntent', 'ShopFaqIntent'];

/** The questions a help text offers: the sentences after "zum Beispiel:", "Oder:", "Try:", "Or:". */
function offeredQuestions(text: string): string[] {
  return [...text.matchAll(/(?:zum Beispiel|Oder|Try|Or):\s*([^?.!]+\?)/g)].map((m) => m[1]!);
}

async function understood(platform: 'alexa' | 'google', locale: string, sentence: string) {
  const u = understand(await models.forPlatform(platform, locale), sentence, { clock });
  assert.equal(u.kind, 'intent', `"${sentence}" is not a launch`);
  return u.kind === 'intent' ? u.recognition : undefined!;
}

describe('the skill\'s own example phrases', () => {
  test('skill.json: each example one-shot reaches the intent it names', async () => {
    const manifest = await readJson(join(root, 'alexa/skill-package/skill.json'));
    const expected: Record<string, string[]> = {
      'de-DE': ['LaunchRequest', 'OrderStatusIntent', 'StoreHoursIntent'],
      'en-US': ['LaunchRequest', 'OrderStatusIntent', 'StoreHoursIntent'],
      'en-GB': ['LaunchRequest', 'OrderStatusIntent', 'StoreHoursIntent'],
    };
    for (const [locale, { examplePhrases }] of Object.entries<{ examplePhrases: string[] }>(manifest.manifest.publishingInformation.locales)) {
      const model = await models.alexa(locale);
      const intents = examplePhrases.map((phrase) => {
        const u = understand(model, phrase, { clock });
        return u.kind === 'launch' ? 'LaunchRequest' : u.recognition.fallback ? 'fallback' : u.recognition.intent;
      });
      assert.deepEqual(intents, expected[locale], `${locale}: ${examplePhrases.join(' | ')}`);
    }
  });

  for (const [language, locale] of [['de', 'de-DE'], ['en', 'en-US']] as const) {
    test(`${language}: the examples of the welcome and fallback texts, and the questions the help offers`, async () => {
      const speech = await readJson(`locales/${language}/speech.json`);
      // `N_formal` is example N in the formal address ("Haben Sie …?"): it advertises the same intent.
      const examples = Object.entries<string>(speech.examples)
        .map(([key, sentence]) => [key.replace(/_formal$/, ''), sentence] as const)
        .sort(([a], [b]) => Number(a) - Number(b));
      assert.equal(new Set(examples.map(([index]) => index)).size, EXAMPLE_INTENTS.length, 'an example was added: name its intent in EXAMPLE_INTENTS');
      // The help text describes what the skill does and may offer questions in either address form;
      // every question it offers must be understood (the examples above are always there).
      const help = [speech.help.text, speech.help.text_formal ?? ''].flatMap(offeredQuestions);
      for (const platform of ['alexa', 'google'] as const) {
        for (const [index, sentence] of examples) {
          const r = await understood(platform, locale, sentence);
          assert.equal(r.intent, EXAMPLE_INTENTS[Number(index)], `${platform}: "${sentence}"`);
          assert.equal(r.match, 'literal', `${platform}: "${sentence}" is a sample`);
        }
        for (const sentence of help) {
          const r = await understood(platform, locale, sentence);
          assert.ok(!r.fallback && r.match === 'literal', `${platform}: help's "${sentence}" → ${r.intent}`);
        }
      }
    });
  }

  test('"Was kostet der Versand?" and "How much is shipping?" are the FAQ on shipping costs, not a product', async () => {
    for (const [locale, sentence] of [['de-DE', 'Was kostet der Versand?'], ['en-US', 'How much is shipping?']] as const) {
      for (const platform of ['alexa', 'google'] as const) {
        const r = await understood(platform, locale, sentence);
        assert.equal(r.intent, 'ShopFaqIntent', `${platform} ${sentence}`);
        assert.equal(r.slots.topic?.resolution?.values[0]?.id, 'shipping_costs', `${platform} ${sentence}`);
      }
    }
  });
});
