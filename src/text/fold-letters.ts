/**
 * The one letter folding shopvoice compares text by: the product matcher's index and queries
 * (catalog/matching/fold-text.ts), the simulator's word keys (simulator/normalize-text.ts) and the
 * domain's names (domain/speech.ts `foldSpoken`). The policy:
 *
 * - lower case; "ß" (and "ẞ") → "ss";
 * - "ä", "ö", "ü" → "a", "o", "u": the bare vowel, not "ae", because speech recognisers and
 *   shoppers write "Spülmittel", "Spuelmittel" and "Spulmittel", and only the bare vowel makes all
 *   three one key;
 * - the written transliterations "ae", "oe", "ue" → "a", "o", "u" likewise (the "e" after a, o or
 *   u is dropped). This also touches words that are no transliteration ("blue" → "blu",
 *   "aktuell" → "aktull", "does" → "dos"); that is harmless wherever both sides of a comparison
 *   are folded here, and a word list compared with folded text must be folded here too;
 * - other diacritics dropped ("é" → "e", "ñ" → "n", "å" → "a").
 *
 * Everything else (digits, punctuation, apostrophes, spaces) is left to the caller: how text is
 * cut into words differs (the matcher splits digits from letters, the simulator keeps "where's"
 * and "3,8" as words) and stays with each caller.
 */

/** Non-ASCII beyond the German letters, which `foldCode` folds itself without Unicode decomposition. */
const OTHER_NON_ASCII = /[^\x00-\x7fäöüß]/;

/**
 * Lower case, and the marks of letters beyond ASCII and ä ö ü ß dropped ("Crème" → "creme"):
 * the first step of the folding, before {@link foldCode} runs over the characters.
 */
export function lowerWithoutMarks(text: string): string {
  const lower = text.toLowerCase();
  return OTHER_NON_ASCII.test(lower) ? lower.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC') : lower;
}

/** {@link foldCode}'s answer for "ß": two letters, "ss". */
export const SHARP_S = -1;
/** {@link foldCode}'s answer for the "e" of a written transliteration ("ae", "oe", "ue"): dropped. */
export const DROPPED = -2;

const A = 97;
const E = 101;
const O = 111;
const U = 117;

/**
 * The folded character code of one character of {@link lowerWithoutMarks}'s output, given the
 * folded code before it (0 at the start, or to leave transliterations alone): the code itself,
 * {@link SHARP_S} or {@link DROPPED}. Callers with their own one-pass loop (the matcher's
 * `foldText`) call this per character; everyone else calls {@link foldLetters}.
 *
 * @example foldCode(0xe4, 0) // 97: "ä" → "a"
 * @example foldCode(101, 117) // DROPPED: the "e" of "ue"
 */
export function foldCode(code: number, previous: number): number {
  if (code < 128) return code === E && (previous === A || previous === O || previous === U) ? DROPPED : code;
  if (code === 228) return A; // ä
  if (code === 246) return O; // ö
  if (code === 252) return U; // ü
  if (code === 223) return SHARP_S; // ß
  return code;
}

/**
 * Text with its letters folded by the policy above; every other character stays (lower case).
 * `{ transliterations: false }` leaves "ae", "oe", "ue" as written, for callers that compare with
 * word lists spelt letter by letter (the domain's: "does", "teuerste").
 *
 * @example foldLetters('Müsli') === foldLetters('Muesli') // true: 'musli'
 * @example foldLetters("Straße, where's") // "strasse, where's"
 */
export function foldLetters(text: string, options?: { transliterations?: boolean }): string {
  const s = lowerWithoutMarks(text);
  const transliterations = options?.transliterations ?? true;
  let out = '';
  let from = 0;
  let previous = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const folded = foldCode(code, transliterations ? previous : 0);
    if (folded === code) {
      previous = code;
      continue;
    }
    // Only changed characters cost a slice: most words come through untouched.
    out += s.slice(from, i);
    from = i + 1;
    if (folded === SHARP_S) {
      out += 'ss';
      previous = 115;
    } else if (folded === DROPPED) {
      previous = E;
    } else {
      out += String.fromCharCode(folded);
      previous = folded;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}
