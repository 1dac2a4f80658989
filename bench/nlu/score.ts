import type { Recognition } from '../../src/simulator/recognize.js';
import { foldPhrase } from '../../src/simulator/normalize-text.js';
import type { LabelledSentence } from './corpus.js';

const LEADING = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einem', 'the', 'a', 'an', 'some', 'any']);

/** A spoken value as compared: folded, without leading articles ("eine Powerbank" = "powerbank"). */
function spokenKey(text: string): string {
  const words = foldPhrase(text).split(' ');
  while (words.length > 1 && LEADING.has(words[0]!)) words.shift();
  return words.join(' ');
}

/**
 * Does the recognised slot carry the labelled value? Stores and topics by their resolved id,
 * dates and numbers by Alexa's value, products by the words that name them.
 */
export function slotCorrect(recognition: Recognition, slot: string, expected: string): boolean {
  const actual = recognition.slots[slot];
  if (!actual) return false;
  if (actual.resolution?.status === 'ER_SUCCESS_MATCH' && actual.resolution.values.some((v) => v.id === expected)) return true;
  if (actual.value === expected) return true;
  return spokenKey(actual.spoken) === spokenKey(expected);
}

/** Intent right, and of the labelled slots how many are right. */
export function scoreSentence(recognition: Recognition, sentence: LabelledSentence): { intent: boolean; slots: number; slotsRight: number } {
  const names = Object.keys(sentence.slots);
  const right = recognition.intent === sentence.intent ? names.filter((n) => slotCorrect(recognition, n, sentence.slots[n]!)).length : 0;
  return { intent: recognition.intent === sentence.intent, slots: names.length, slotsRight: right };
}
