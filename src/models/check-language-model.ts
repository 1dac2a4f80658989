import { SHARED_INTENTS, isSharedIntent } from '../domain/intents.js';
import type { Language } from '../catalog/commerce.js';
import { misplacedRelativeDay } from './day-words.js';
import type { ProblemList } from './problem.js';
import {
  BUILT_IN_SLOT_TYPES, REQUIRED_BUILT_INS, invocationNameProblems, placeholders, sampleKey, sampleTextProblems,
} from './sample-rules.js';

/** Fewer samples than this in a custom intent is worth a warning (the issue asks for twenty). */
export const RECOMMENDED_SAMPLES = 20;

/** The part of a language model that source and generated Alexa file have in common. */
export interface LanguageModelView {
  file: string;
  language: Language;
  invocationName: string;
  intents: Array<{ name: string; slots: Record<string, string>; samples: string[] }>;
  /** Names of the custom slot types the model defines. */
  slotTypes: ReadonlySet<string>;
  /** Warn about custom intents with fewer than RECOMMENDED_SAMPLES samples. */
  warnFewSamples: boolean;
}

/**
 * The rules of platform-rules.md that apply to any language model, plus its agreement with
 * src/domain/intents.ts (every shared intent and slot present, nothing the backend does not
 * handle). Problems name the file, the intent and the sample.
 */
export function checkLanguageModel(view: LanguageModelView, problems: ProblemList): void {
  const { file } = view;
  for (const message of invocationNameProblems(view.invocationName, view.language)) {
    problems.error('invocation-name', file, `"${view.invocationName}": ${message}`);
  }
  const names = new Set(view.intents.map((i) => i.name));
  for (const builtIn of REQUIRED_BUILT_INS) {
    if (!names.has(builtIn)) problems.error('missing-built-in', file, `the required built-in intent ${builtIn} is missing`, { intent: builtIn });
  }
  for (const shared of Object.keys(SHARED_INTENTS)) {
    if (!names.has(shared) && !REQUIRED_BUILT_INS.includes(shared)) {
      problems.error('missing-intent', file, `${shared} is handled by the backend (src/domain/intents.ts) but missing from the model`, { intent: shared });
    }
  }
  const owner = new Map<string, string>();
  for (const intent of view.intents) {
    const at = { intent: intent.name };
    if (!isSharedIntent(intent.name)) {
      problems.error('unknown-intent', file, `${intent.name} is not in src/domain/intents.ts, so the backend would not handle it`, at);
    } else {
      const expected: Record<string, string> = SHARED_INTENTS[intent.name].slots;
      for (const [slot, type] of Object.entries(expected)) {
        if (!(slot in intent.slots)) problems.error('slot-mismatch', file, `slot "${slot}" (${type}) from src/domain/intents.ts is missing`, at);
        else if (intent.slots[slot] !== type) problems.error('slot-mismatch', file, `slot "${slot}" has type ${intent.slots[slot]}, the backend expects ${type}`, at);
      }
      for (const slot of Object.keys(intent.slots)) {
        if (!(slot in expected)) problems.error('slot-mismatch', file, `slot "${slot}" is not a slot of ${intent.name} in src/domain/intents.ts`, at);
      }
    }
    for (const [slot, type] of Object.entries(intent.slots)) {
      if (type.startsWith('AMAZON.') ? !BUILT_IN_SLOT_TYPES.has(type) : !view.slotTypes.has(type)) {
        problems.error('undefined-slot-type', file, `slot "${slot}" has type ${type}, which is neither a built-in type nor defined under slot types`, at);
      }
    }
    const isFallback = intent.name === 'AMAZON.FallbackIntent';
    if (isFallback && intent.samples.length > 0) {
      problems.error('fallback-samples', file, 'AMAZON.FallbackIntent takes no samples (it catches what no other intent matches)', at);
    }
    if (!isFallback && intent.samples.length === 0) {
      problems.error('no-samples', file, `${intent.name} has no samples in ${view.language} (Dialogflow has no built-in samples; Alexa needs them for custom intents)`, at);
    } else if (view.warnFewSamples && !intent.name.startsWith('AMAZON.') && intent.samples.length < RECOMMENDED_SAMPLES) {
      problems.warn('few-samples', file, `only ${intent.samples.length} sample(s); ${RECOMMENDED_SAMPLES} or more make recognition robust`, at);
    }
    for (const sample of intent.samples) {
      const where = { intent: intent.name, sample };
      for (const p of sampleTextProblems(sample)) problems.error(p.rule, file, p.message, where);
      const misfit = misplacedRelativeDay(sample, view.language);
      if (misfit) problems.error('ungrammatical-fill', file, `"${misfit}" is not said: a relative day does not follow a day preposition`, where);
      for (const slot of placeholders(sample)) {
        if (!(slot in intent.slots)) problems.error('undeclared-placeholder', file, `{${slot}} is not a slot of ${intent.name}`, where);
      }
      const key = sampleKey(sample);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, intent.name);
      else if (first !== intent.name) problems.error('duplicate-sample', file, `the same sample is also in ${first}; a sample must belong to one intent`, where);
      else problems.warn('duplicate-sample', file, 'the sample is listed twice in this intent', where);
    }
  }
}
