import type { Language } from '../catalog/commerce.js';
import type { NluModel } from './nlu-model.js';
import { foldPhrase } from './normalize-text.js';
import { builtInKind } from './resolve-slot.js';

/** One training sentence of the statistical recogniser. */
export interface TrainingSentence {
  utterance: string;
  intent: string;
}

/** Spoken examples for built-in slots, as people say them (the models spell numbers out too). */
const BUILT_IN_EXAMPLES: Record<Language, Record<'number' | 'date' | 'time', string[]>> = {
  de: {
    number: ['vier sieben eins eins', 'zehntausenddreiundzwanzig', 'acht eins fünf'],
    date: ['heute', 'morgen', 'samstag', 'sonntag', 'übermorgen', 'montag'],
    time: ['halb neun', 'acht uhr'],
  },
  en: {
    number: ['four seven one one', 'ten oh two three', 'eight fifteen'],
    date: ['today', 'tomorrow', 'saturday', 'sunday', 'monday'],
    time: ['nine am', 'half past eight'],
  },
};

/**
 * Above this many ways of naming its values a type is a catalog (products): its names would
 * teach the recogniser that any unknown word is a product, so its slot is left empty in
 * training and the words around it carry the intent.
 */
const CATALOG_SIZE = 300;

/** Every way a small type's values are said (names and synonyms, folded), in the model's order. */
function typeWords(model: NluModel, type: string): string[] {
  const index = model.types.get(type);
  return index && index.byKey.size <= CATALOG_SIZE ? [...index.byKey.keys()] : [];
}

/**
 * The sentences the statistical recogniser learns from: every sample of the model (Alexa's
 * built-in phrases included), each `{slot}` filled with a value of its type taken in turn — the
 * way Dialogflow's training phrases carry example values —, folded like utterances
 * (normalize-text.ts), so "zurückgeben" and "zurueckgeben" are one word. The fallback intent learns nothing:
 * "not understood" is the recogniser's own `None`.
 *
 * @example trainingCorpus(await models.alexa('de-DE'))[0] // { utterance: 'habt ihr bio-hafermilch 1 l', intent: 'ProductLookupIntent' }
 */
export function trainingCorpus(model: NluModel): TrainingSentence[] {
  const slotTypes = new Map(model.intents.map((i) => [i.name, i.slots]));
  const turn = new Map<string, number>();
  const seen = new Set<string>();
  const out: TrainingSentence[] = [];
  for (const pattern of model.patterns) {
    if (pattern.intent === model.fallbackIntent) continue;
    const utterance = pattern.text.replace(/\{([^{}]+)\}/g, (_, slot: string) => {
      const type = slotTypes.get(pattern.intent)?.[slot.trim()] ?? '';
      const kind = builtInKind(type);
      const values = kind ? BUILT_IN_EXAMPLES[model.language][kind] : typeWords(model, type);
      if (values.length === 0) return ' ';
      const at = turn.get(type) ?? 0;
      turn.set(type, at + 1);
      return ` ${values[at % values.length]!} `;
    });
    const words = foldPhrase(utterance);
    // Samples that differ only in word order or carrier repeats teach nothing new; keeping one
    // of each word set also keeps large intents from drowning small ones.
    const key = `${pattern.intent}\u0000${[...new Set(words.split(' '))].sort().join(' ')}`;
    if (!words || seen.has(key)) continue;
    seen.add(key);
    out.push({ utterance: words, intent: pattern.intent });
  }
  return out;
}

/** A slot type whose values training leaves out (a catalog): its words are new to the recogniser. */
export function isCatalogType(model: NluModel, type: string): boolean {
  return !builtInKind(type) && typeWords(model, type).length === 0;
}

const vocabularies = new WeakMap<NluModel, Set<string>>();

/** Every (folded) word the recogniser was trained on. */
export function trainingWords(model: NluModel): Set<string> {
  let words = vocabularies.get(model);
  if (!words) {
    words = new Set(trainingCorpus(model).flatMap((s) => s.utterance.split(' ')));
    vocabularies.set(model, words);
  }
  return words;
}
