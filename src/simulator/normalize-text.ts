import { foldLetters } from '../text/fold-letters.js';

/**
 * How the simulator reads text, the same way for utterances, samples and slot values, so a
 * comparison never depends on how something was typed:
 *
 * - Unicode NFC first, so a decomposed "u + ¨" equals the precomposed "ü"; then lower case.
 * - Punctuation becomes a word break, never a join ("wo,ist" → "wo ist"); apostrophes are kept
 *   inside words ("where's", "gibt's"), with ’ and ` read as '. A comma or point between digits
 *   stays ("3,8").
 * - Whitespace collapses to single spaces.
 * - Words are compared by a key folded by the one letter policy of text/fold-letters.ts: "ß" →
 *   "ss", "ä"/"ae" → "a", "ö"/"oe" → "o", "ü"/"ue" → "u", other accents dropped ("é" → "e"). So
 *   "muesli", "müsli" and "musli" match, and "strasse" matches "straße", while the spoken form
 *   keeps what was said. Word lists compared with keys are folded the same way ({@link foldWords}).
 */

/** One word of an utterance: what was said (normalised) and the key it is compared by. */
export interface Token {
  text: string;
  key: string;
}

const APOSTROPHES = /[\u2019\u2018\u02bc`´]/g;
// Everything but letters, digits, marks and apostrophes breaks words; so do a comma or point
// unless it stands between two digits.
const BREAKS = /[.,](?!\d)|(?<!\d)[.,]|[^\p{L}\p{N}\p{M}'.,]/gu;

/**
 * Lower case, NFC, punctuation as word breaks, collapsed spaces.
 *
 * @example normalizeText('  Wo ist   MEINE Bestellung?! ') // 'wo ist meine bestellung'
 */
export function normalizeText(text: string): string {
  const lowered = text.normalize('NFC').toLowerCase().replace(APOSTROPHES, "'");
  return lowered
    .replace(BREAKS, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The comparison key of one word: the letter policy above.
 *
 * @example foldWord('Müsli') === foldWord('muesli') // true
 */
export function foldWord(word: string): string {
  let key = folded.get(word);
  if (key === undefined) {
    key = foldLetters(word);
    // Words repeat across sentences and samples; the cap keeps a long run from growing it forever.
    if (folded.size >= MAX_FOLDED) folded.clear();
    folded.set(word, key);
  }
  return key;
}

const MAX_FOLDED = 50_000;
const folded = new Map<string, string>();

/** Splits text into tokens after {@link normalizeText}. */
export function tokenize(text: string): Token[] {
  const normalized = normalizeText(text);
  if (normalized === '') return [];
  return normalized.split(' ').map((t) => ({ text: t, key: foldWord(t) }));
}

/** The folded key of a whole phrase: tokens' keys joined by single spaces. */
export function foldPhrase(text: string): string {
  return tokenize(text).map((t) => t.key).join(' ');
}

/**
 * A word list as keys, so it can be compared with tokens' keys: `['übermorgen', 'tuesday']` →
 * `['ubermorgen', 'tusday']`. Lists are written as the words are spelt; this makes them meet the keys.
 */
export function foldWords(words: readonly string[]): string[] {
  return words.map((w) => foldLetters(w));
}

/** A record keyed by words or phrases, its keys folded like {@link foldWords}. */
export function foldKeys<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [foldLetters(k), v]));
}

/** The spoken text of a token span. */
export function spanText(tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += (i > from ? ' ' : '') + tokens[i]!.text;
  return out;
}
