import type { v1 } from 'ask-smapi-model';
import type { LanguageSource } from './model-source.js';
import type { FilledSlotTypes } from './slot-values.js';

/** The SMAPI shape of `interactionModels/custom/<locale>.json`. */
export type AlexaModelFile = v1.skill.interactionModel.InteractionModelData;

/** Collapses runs of whitespace, the way the platforms compare samples. */
export function cleanSample(sample: string): string {
  return sample.replace(/\s+/g, ' ').trim();
}

/**
 * The dialog model: one entry per intent that has a `Confirm.Intent.<Intent>` prompt in the
 * source. `confirmationRequired` stays false and delegation is left to the skill, because the
 * backend asks the question itself (the reorder read-back needs the live total) and expects
 * AMAZON.YesIntent / AMAZON.NoIntent; the prompt is kept for the console and the simulator.
 */
function dialogModel(lang: LanguageSource): v1.skill.interactionModel.Dialog | undefined {
  const intents = Object.keys(lang.prompts)
    .filter((id) => id.startsWith('Confirm.Intent.'))
    .map((id): v1.skill.interactionModel.DialogIntents => ({
      name: id.slice('Confirm.Intent.'.length),
      delegationStrategy: 'SKILL_RESPONSE',
      confirmationRequired: false,
      prompts: { confirmation: id },
      slots: [],
    }));
  return intents.length > 0 ? { delegationStrategy: 'SKILL_RESPONSE', intents } : undefined;
}

/**
 * Builds the Alexa interaction model of one locale from its language source and the filled
 * slot types. Intents keep the source's order; samples are whitespace-collapsed as written.
 *
 * @example buildAlexaModel(de, fillSlotTypes(de, catalog)).interactionModel.languageModel.invocationName
 */
export function buildAlexaModel(lang: LanguageSource, filled: FilledSlotTypes): AlexaModelFile {
  const intents = Object.entries(lang.intents).map(([name, intent]): v1.skill.interactionModel.Intent => ({
    name,
    slots: Object.entries(intent.slots).map(([slot, type]) => ({ name: slot, type, samples: [] })),
    samples: intent.samples.map(cleanSample),
  }));
  const types = Object.entries(filled.types).map(([name, values]): v1.skill.interactionModel.SlotType => ({
    name,
    values: values.map((v) => ({ id: v.id, name: { value: v.value, synonyms: v.synonyms } })),
  }));
  const dialog = dialogModel(lang);
  const prompts = Object.entries(lang.prompts).map(([id, texts]): v1.skill.interactionModel.Prompt => ({
    id,
    variations: texts.map((value) => ({ type: 'PlainText', value })),
  }));
  return {
    interactionModel: {
      languageModel: { invocationName: lang.invocationName, intents, types },
      ...(dialog ? { dialog } : {}),
      ...(prompts.length > 0 ? { prompts } : {}),
    },
  };
}
