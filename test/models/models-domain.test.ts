import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { SHARED_INTENTS, SHARED_INTENT_NAMES, isSharedIntent } from '../../src/domain/intents.js';
import { SUPPORTED_LOCALES } from '../../src/domain/turn.js';
import {
  DIALOGFLOW_INTENT_NAMES, DIALOGFLOW_WELCOME_INTENT, dialogflowEntityFor, sharedIntentForDialogflow,
} from '../../src/models/dialogflow-names.js';
import { RECOMMENDED_SAMPLES } from '../../src/models/check-language-model.js';
import { loadSource } from '../../src/models/load-source.js';

const ALEXA = 'interaction-models/alexa/skill-package/interactionModels/custom';
const AGENT = 'interaction-models/dialogflow/agent';

interface AlexaIntent { name: string; slots?: Array<{ name: string; type: string }>; samples?: string[] }

const readJson = async (path: string): Promise<any> => JSON.parse(await readFile(path, 'utf8'));
const expectedSlots = (intent: string): Record<string, string> => SHARED_INTENTS[intent as keyof typeof SHARED_INTENTS].slots;

describe('models and backend agree (src/domain/intents.ts)', () => {
  for (const locale of SUPPORTED_LOCALES) {
    it(`Alexa ${locale}: every shared intent and slot is in the model, and every model intent is shared`, async () => {
      const intents: AlexaIntent[] = (await readJson(`${ALEXA}/${locale}.json`)).interactionModel.languageModel.intents;
      assert.deepEqual(intents.map((i) => i.name).sort(), [...SHARED_INTENT_NAMES].sort());
      for (const intent of intents) {
        const slots = Object.fromEntries((intent.slots ?? []).map((s) => [s.name, s.type]));
        assert.deepEqual(slots, expectedSlots(intent.name), intent.name);
      }
    });
  }

  it('Dialogflow: one intent per shared intent (by DIALOGFLOW_INTENT_NAMES) plus the welcome intent, with matching parameters', async () => {
    const files = (await readdir(`${AGENT}/intents`)).filter((f) => !f.includes('_usersays_'));
    const names = await Promise.all(files.map(async (f) => (await readJson(`${AGENT}/intents/${f}`)).name as string));
    assert.deepEqual(names.sort(), [...SHARED_INTENT_NAMES.map((n) => DIALOGFLOW_INTENT_NAMES[n]), DIALOGFLOW_WELCOME_INTENT].sort());
    for (const file of files) {
      const intent = await readJson(`${AGENT}/intents/${file}`);
      const shared = sharedIntentForDialogflow(intent.name);
      if (!shared) continue;
      const params = Object.fromEntries(intent.responses[0].parameters.map((p: { name: string; dataType: string }) => [p.name, p.dataType]));
      const expected = Object.fromEntries(Object.entries(expectedSlots(shared)).map(([slot, type]) => [slot, dialogflowEntityFor(type)]));
      assert.deepEqual(params, expected, intent.name);
      assert.equal(intent.fallbackIntent, shared === 'AMAZON.FallbackIntent', intent.name);
    }
  });

  it('DIALOGFLOW_INTENT_NAMES maps every shared intent and back', () => {
    for (const name of SHARED_INTENT_NAMES) assert.equal(sharedIntentForDialogflow(DIALOGFLOW_INTENT_NAMES[name]), name);
    assert.equal(sharedIntentForDialogflow(DIALOGFLOW_WELCOME_INTENT), undefined);
    assert.equal(dialogflowEntityFor('AMAZON.NUMBER'), '@sys.number');
    assert.equal(dialogflowEntityFor('AMAZON.DATE'), '@sys.date');
    assert.equal(dialogflowEntityFor('ProductName'), '@ProductName');
  });

  it(`the source has at least ${RECOMMENDED_SAMPLES} samples per custom intent and language`, async () => {
    const { source } = await loadSource('interaction-models/source');
    for (const lang of source!.languages) {
      for (const [name, intent] of Object.entries(lang.intents)) {
        assert.ok(isSharedIntent(name), name);
        if (!name.startsWith('AMAZON.')) assert.ok(intent.samples.length >= RECOMMENDED_SAMPLES, `${lang.language} ${name}: ${intent.samples.length}`);
      }
    }
  });

  it('the reorder confirmation prompt is kept, without auto-delegation or required confirmation', async () => {
    for (const locale of SUPPORTED_LOCALES) {
      const model = (await readJson(`${ALEXA}/${locale}.json`)).interactionModel;
      const reorder = model.dialog.intents.find((i: { name: string }) => i.name === 'ReorderIntent');
      assert.equal(reorder.confirmationRequired, false);
      assert.equal(reorder.delegationStrategy, 'SKILL_RESPONSE');
      assert.ok(model.prompts.some((p: { id: string }) => p.id === reorder.prompts.confirmation));
      const names = model.languageModel.intents.map((i: AlexaIntent) => i.name);
      assert.ok(names.includes('AMAZON.YesIntent') && names.includes('AMAZON.NoIntent'));
    }
  });
});
