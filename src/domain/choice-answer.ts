import { foldSpoken } from './speech.js';
import type { Language } from '../catalog/commerce.js';

/** Spoken ordinals, per language, by position (0-based); "letzte"/"last" is resolved later. */
const ORDINALS: Record<Language, string[][]> = {
  de: [
    ['erste', 'ersten', 'erstes', 'erster', 'eins', 'nummer eins'],
    ['zweite', 'zweiten', 'zweites', 'zweiter', 'zwei', 'nummer zwei'],
    ['dritte', 'dritten', 'drittes', 'dritter', 'drei', 'nummer drei'],
  ],
  en: [
    ['first', 'first one', 'one', 'number one', 'the first', 'the first one'],
    ['second', 'second one', 'two', 'number two', 'the second', 'the second one'],
    ['third', 'third one', 'three', 'number three', 'the third', 'the third one'],
  ],
};

const LAST: Record<Language, string[]> = { de: ['letzte', 'letzten', 'letztes', 'letzter'], en: ['last', 'last one', 'the last', 'the last one'] };

/** Words around an ordinal that carry no meaning ("die zweite bitte", "the second one please"). */
const FILLER = /\b(die|den|das|der|bitte|nehme|nehm|ich|meine|mein|hatte|gern|gerne|please|i|mean|want|take|the|one|da)\b/g;

/**
 * Which of the offered choices an answer like "die zweite" or "the last one" picks, as an index
 * into `count` choices; undefined when the answer names no position.
 *
 * @example choiceIndex('die zweite bitte', 'de', 3) // 1
 */
export function choiceIndex(spoken: string, language: Language, count: number): number | undefined {
  const text = foldSpoken(spoken);
  const bare = text.replace(FILLER, ' ').replace(/\s+/g, ' ').trim();
  for (const candidate of [text, bare]) {
    if (LAST[language].includes(candidate)) return count - 1;
    const index = ORDINALS[language].findIndex((forms) => forms.includes(candidate));
    if (index >= 0 && index < count) return index;
  }
  return undefined;
}
