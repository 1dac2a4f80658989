import { readFile } from 'node:fs/promises';
import { languageOf, isLocale } from '../domain/turn.js';
import { BUILT_IN_PHRASES, FALLBACK_INTENT } from './built-in-phrases.js';
import { contractionVariants } from './contractions.js';
import { compileSample, indexSlotType, type DialogRules, type NluIntent, type NluModel, type SamplePattern, type SlotTypeIndex } from './nlu-model.js';

/** The parts of an ASK interaction model file (`interactionModels/custom/<locale>.json`) we read. */
interface AlexaModelJson {
  interactionModel?: {
    languageModel?: {
      invocationName?: string;
      intents?: Array<{ name: string; slots?: Array<{ name: string; type: string }>; samples?: string[] }>;
      types?: Array<{ name: string; values?: Array<{ id?: string; name: { value: string; synonyms?: string[] } }> }>;
    };
    dialog?: {
      delegationStrategy?: string;
      intents?: Array<{
        name: string;
        delegationStrategy?: string;
        confirmationRequired?: boolean;
        prompts?: { confirmation?: string };
        slots?: Array<{ name: string; elicitationRequired?: boolean; confirmationRequired?: boolean; prompts?: { elicitation?: string; confirmation?: string } }>;
      }>;
    };
    prompts?: Array<{ id: string; variations?: Array<{ type?: string; value: string }> }>;
  };
}

function dialogRules(json: AlexaModelJson): Map<string, DialogRules> {
  const dialog = json.interactionModel?.dialog;
  const rules = new Map<string, DialogRules>();
  for (const intent of dialog?.intents ?? []) {
    const strategy = intent.delegationStrategy ?? dialog?.delegationStrategy ?? 'SKILL_RESPONSE';
    rules.set(intent.name, {
      delegation: strategy === 'ALWAYS' ? 'ALWAYS' : 'SKILL_RESPONSE',
      ...(intent.confirmationRequired && intent.prompts?.confirmation ? { confirmationPrompt: intent.prompts.confirmation } : {}),
      slots: (intent.slots ?? []).map((s) => ({
        name: s.name,
        required: Boolean(s.elicitationRequired),
        ...(s.prompts?.elicitation ? { elicitationPrompt: s.prompts.elicitation } : {}),
        ...(s.confirmationRequired && s.prompts?.confirmation ? { confirmationPrompt: s.prompts.confirmation } : {}),
      })),
    });
  }
  return rules;
}

/**
 * Builds the simulator's model of one Alexa locale from the parsed model file. Built-in intents
 * get the simulator's phrases for their language on top of the samples the file has.
 *
 * @example alexaModelFrom(JSON.parse(text), 'de-DE').invocationName // 'mein einkaufshelfer'
 */
export function alexaModelFrom(json: unknown, locale: string): NluModel {
  const model = json as AlexaModelJson;
  const lm = model.interactionModel?.languageModel;
  if (!lm || !Array.isArray(lm.intents)) throw new Error(`${locale}: not an Alexa interaction model (interactionModel.languageModel.intents missing)`);
  const language = isLocale(locale) ? languageOf(locale) : locale.toLowerCase().startsWith('de') ? 'de' : 'en';
  const types = new Map<string, SlotTypeIndex>();
  for (const type of lm.types ?? []) {
    const values = (type.values ?? []).map((v) => ({ id: v.id, name: v.name.value, synonyms: v.name.synonyms ?? [] }));
    // Alexa custom slot types are open: a value outside the list is still captured (simulator.md 5).
    types.set(type.name, indexSlotType(type.name, true, values));
  }
  const intents: NluIntent[] = lm.intents.map((i) => ({
    name: i.name,
    slots: Object.fromEntries((i.slots ?? []).map((s) => [s.name, s.type])),
    inputContexts: [],
  }));
  const patterns: SamplePattern[] = [];
  for (const intent of lm.intents) {
    const add = (text: string, builtIn: boolean): void => {
      const order = patterns.length;
      patterns.push(compileSample(intent.name, text, order, builtIn));
      for (const variant of contractionVariants(text, language)) patterns.push(compileSample(intent.name, variant, order, builtIn));
    };
    for (const sample of intent.samples ?? []) add(sample, false);
    for (const phrase of BUILT_IN_PHRASES[language][intent.name] ?? []) add(phrase, true);
  }
  const prompts = new Map<string, string[]>();
  for (const p of model.interactionModel?.prompts ?? []) prompts.set(p.id, (p.variations ?? []).map((v) => v.value));
  return {
    platform: 'alexa',
    locale,
    language,
    ...(lm.invocationName ? { invocationName: lm.invocationName } : {}),
    intents,
    types,
    patterns,
    fallbackIntent: FALLBACK_INTENT,
    dialog: dialogRules(model),
    prompts,
  };
}

/** Reads `interactionModels/custom/<locale>.json` and builds its model. */
export async function loadAlexaModel(file: string, locale: string): Promise<NluModel> {
  return alexaModelFrom(JSON.parse(await readFile(file, 'utf8')), locale);
}
