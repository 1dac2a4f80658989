/**
 * How the simulator reads text, the same way for utterances, samples and slot values, so a
 * comparison never depends on how something was typed:
 *
 * - Unicode NFC first, so a decomposed "u + ¨" equals the precomposed "ü"; then lower case.
 * - Punctuation becomes a word break, never a join ("wo,ist" → "wo ist"); apostrophes are kept
 *   inside words ("where's", "gibt's"), with ’ and ` read as '. A comma or point between digits
 *   stays ("3,8").
 * - Whitespace collapses to single spaces.
 * - ß/ss and umlaut policy: words are compared by a folded key in which "ß" → "ss", "ä" → "ae",
 *   "ö" → "oe", "ü" → "ue", and other accents are dropped ("é" → "e"). So "muesli" matches
 *   "müsli" and "strasse" matches "straße", while the spoken form keeps what was said.
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
 * The comparison key of one word: the ß/ss and umlaut policy above.
 *
 * @example foldWord('Müsli') === foldWord('muesli') // true
 */
export function foldWord(word: string): string {
  let key = folded.get(word);
  if (key === undefined) {
    key = fold(word);
    // Words repeat across sentences and samples; the cap keeps a long run from growing it forever.
    if (folded.size >= MAX_FOLDED) folded.clear();
    folded.set(word, key);
  }
  return key;
}

const MAX_FOLDED = 50_000;
const folded = new Map<string, string>();

function fold(word: string): string {
  return word
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
}

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

/** The spoken text of a token span. */
export function spanText(tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) out += (i > from ? ' ' : '') + tokens[i]!.text;
  return out;
}
