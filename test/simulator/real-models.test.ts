// The simulator on the generated models merchants upload (interaction-models/): every locale
// loads, every shared intent is there, and the skill's own example phrases are understood (Amazon
// certification tries them).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { understand } from '../../src/simulator/understand.js';
import { SUNDAY } from './support.js';

const root = defaultModelsRoot();
const models = openModelSet(root);

describe('the generated interaction models', () => {
  test('every Alexa locale and both agent languages load, with every shared intent', async () => {
    assert.deepEqual(await models.alexaLocales(), ['de-DE', 'en-GB', 'en-US']);
    for (const model of [await models.alexa('de-DE'), await models.alexa('en-US'), await models.alexa('en-GB'), await models.google('de'), await models.google('en')]) {
      const names = new Set(model.intents.map((i) => i.name));
      assert.deepEqual(SHARED_INTENT_NAMES.filter((n) => !names.has(n)), [], `${model.platform} ${model.locale}`);
      assert.ok(model.invocationName, `${model.platform} ${model.locale} knows the invocation name`);
    }
    assert.equal((await models.google('de')).welcomeIntent, 'Default Welcome Intent');
  });

  test('the skill\'s example phrases open the skill or reach an intent, never the fallback', async () => {
    const manifest = JSON.parse(await readFile(join(root, 'alexa/skill-package/skill.json'), 'utf8'));
    const locales = manifest.manifest.publishingInformation.locales as Record<string, { examplePhrases: string[] }>;
    for (const [locale, { examplePhrases }] of Object.entries(locales)) {
      const model = await models.alexa(locale);
      for (const phrase of examplePhrases) {
        const u = understand(model, phrase, { clock: SUNDAY });
        assert.ok(u.kind === 'launch' || (u.invocation === 'one-shot' && !u.recognition.fallback), `${locale}: "${phrase}"`);
      }
    }
  });
});
