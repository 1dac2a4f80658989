import type { NluModel } from '../../src/simulator/nlu-model.js';
import { builtInKind } from '../../src/simulator/resolve-slot.js';
import { seededRandom } from '../../test/support/seeded-random.js';

/** A sentence to recognise and the intent it was made from. */
export interface LabelledSentence {
  text: string;
  intent: string;
}

const SPOKEN: Record<'de' | 'en', Record<'number' | 'date' | 'time', string[]>> = {
  de: {
    number: ['zwei', 'einundzwanzig', 'zehntausenddreiundzwanzig', 'vier sieben eins eins', 'zwölf', 'hundertfünf'],
    date: ['morgen', 'am samstag', 'übermorgen', 'heute', 'nächsten montag', 'am wochenende', 'an heiligabend', 'am vierundzwanzigsten dezember'],
    time: ['halb neun', 'viertel vor neun', 'acht uhr', 'um zwanzig uhr'],
  },
  en: {
    number: ['two', 'twenty one', 'ten thousand twenty three', 'four seven one one', 'a dozen', 'one hundred and five'],
    date: ['tomorrow', 'saturday', 'next monday', 'this weekend', 'today', 'christmas eve', 'december twenty fourth'],
    time: ['9 pm', 'half past eight', 'quarter to nine', 'noon'],
  },
};
const UNLISTED = { de: ['raketentreibstoff', 'blaue bananen', 'gutscheine'], en: ['rocket fuel', 'blue bananas', 'gift cards'] };
const NOISE = { de: ['blumenkohl quantenphysik', 'wie wird das wetter', 'erzähl einen witz'], en: ['purple elephants', 'what is the weather', 'tell me a joke'] };

/**
 * Sentences made from the model's own samples, every slot filled with a listed value (or
 * synonym), an unlisted one, or spoken numbers, dates and times; plus sentences no sample
 * covers (labelled with the fallback). Deterministic for a seed.
 */
export function labelledSentences(model: NluModel, count: number, seed = 7): LabelledSentence[] {
  // Seeded, so every run measures the same sentences.
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const samples = model.patterns.filter((p) => !p.builtIn);
  const byName = new Map(model.intents.map((i) => [i.name, i]));
  const out: LabelledSentence[] = [];
  while (out.length < count) {
    if (next() < 0.05) {
      out.push({ text: pick(NOISE[model.language]), intent: model.fallbackIntent });
      continue;
    }
    const sample = pick(samples);
    const slots = byName.get(sample.intent)?.slots ?? {};
    const text = sample.text.replace(/\{([^{}]+)\}/g, (_, slot: string) => {
      const type = slots[slot] ?? '';
      const kind = builtInKind(type);
      if (kind) return pick(SPOKEN[model.language][kind]);
      const values = [...(model.types.get(type)?.byKey.keys() ?? [])];
      return values.length > 0 && next() < 0.85 ? pick(values) : pick(UNLISTED[model.language]);
    });
    out.push({ text, intent: sample.intent });
  }
  return out;
}
