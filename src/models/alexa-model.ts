import type { v1 } from 'ask-smapi-model';
import type { LanguageSource } from './model-source.js';
import { cleanSample } from './sample-rules.js';
import type { FilledSlotTypes } from './slot-values.js';

/** The SMAPI shape of `interactionModels/custom/<locale>.json`. */
export type AlexaModelFile = v1.skill.interactionModel.InteractionModelData;

/**
 * The dialog model: an entry per intent that has a `Confirm.Intent.<Intent>` or an
 * `Elicit.Slot.<Intent>.<slot>` prompt in the source (Alexa accepts Dialog directives only for
 * intents in the dialog model). Delegation is left to the skill and nothing is required: the
 * backend asks its questions itself (the reorder read-back needs the live total; "which one did
 * you mean?" names the candidates), and the prompts are kept for the console and the simulator.
 */
function dialogModel(lang: LanguageSource): v1.skill.interactionModel.Dialog | undefined {
  const ids = Object.keys(lang.prompts);
  const named = new Set(ids.flatMap((id) => {
    const m = /^(?:Confirm\.Intent|Elicit\.Slot)\.([^.]+)/.exec(id);
    return m ? [m[1]!] : [];
  }));
  const intents = Object.keys(lang.intents)
    .filter((name) => named.has(name))
    .map((name): v1.skill.interactionModel.DialogIntents => {
      const confirm = `Confirm.Intent.${name}`;
      return {
        name,
        delegationStrategy: 'SKILL_RESPONSE',
        confirmationRequired: false,
        prompts: ids.includes(confirm) ? { confirmation: confirm } : {},
        slots: Object.entries(lang.intents[name]!.slots)
          .filter(([slot]) => ids.includes(`Elicit.Slot.${name}.${slot}`))
          .map(([slot, type]) => ({
            name: slot,
            type,
            elicitationRequired: false,
            confirmationRequired: false,
            prompts: { elicitation: `Elicit.Slot.${name}.${slot}` },
          })),
      };
    });
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
    slots: Object.entries(intent.slots).map(([slot, type]) => ({ name: slot, type, samples: (intent.slotSamples[slot] ?? []).map(cleanSample) })),
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
