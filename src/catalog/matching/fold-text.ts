/** Non-ASCII beyond the German letters, which the loop folds itself without Unicode decomposition. */
const OTHER_NON_ASCII = /[^\x00-\x7fäöüß]/;
const LETTER = /\p{L}/u;

/**
 * Character-level folding shared by the catalog side and the spoken side, so both meet in one
 * alphabet: Unicode normalisation, lower case, ß → ss, umlauts and their transliterations
 * (ä/ae → a, ö/oe → o, ü/ue → u), other diacritics dropped, punctuation to single spaces, a
 * decimal comma to a point, digits split from letters ("500g" → "500 g"), a possessive 's dropped.
 *
 * Umlauts fold to the bare vowel rather than to "ae": speech recognisers and shoppers write
 * "Spülmittel", "Spuelmittel" and "Spulmittel", and only the bare vowel makes all three one key.
 * The ae/oe/ue rule also touches English words ("blue" → "blu"); that is harmless because the
 * catalog goes through the same folding.
 *
 * One pass over the characters: the catalog side folds every name of up to a million products.
 *
 * @example foldText('Bio-Hafermilch 1,5l') // 'bio hafermilch 1.5 l'
 */
export function foldText(text: string): string {
  let s = text.toLowerCase();
  if (OTHER_NON_ASCII.test(s)) s = s.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  // Char codes go into one reused buffer and become a string once: per-character string
  // concatenation made the garbage collector the biggest cost of indexing a large catalog.
  if (buffer.length < s.length * 2 + 1) buffer = new Uint16Array(s.length * 2 + 16);
  let n = 0;
  // 0: at a gap, 1: after a letter, 2: after a digit.
  let previous = 0;
  let previousCode = 0;
  for (let i = 0; i < s.length; i++) {
    let code = s.charCodeAt(i);
    if (code === 228) code = 97; // ä
    else if (code === 246) code = 111; // ö
    else if (code === 252) code = 117; // ü
    else if (code === 223) {
      // ß → ss
      if (previous === 2) buffer[n++] = SPACE;
      buffer[n++] = 115;
      buffer[n++] = 115;
      previous = 1;
      previousCode = 115;
      continue;
    }
    const isDigit = code >= 48 && code <= 57;
    const isLetter = !isDigit && ((code >= 97 && code <= 122) || (code > 127 && LETTER.test(s[i]!)));
    if (isLetter) {
      // "ae", "oe", "ue" → a, o, u (e = 101, a = 97, o = 111, u = 117).
      const swallowed = code === 101 && (previousCode === 97 || previousCode === 111 || previousCode === 117);
      previousCode = code;
      if (swallowed) continue;
      if (previous === 2) buffer[n++] = SPACE;
      buffer[n++] = code;
      previous = 1;
    } else if (isDigit) {
      if (previous === 1) buffer[n++] = SPACE;
      buffer[n++] = code;
      previous = 2;
      previousCode = code;
    } else if ((code === 39 || code === 0x2019) && previous === 1 && s[i + 1] === 's' && !LETTER.test(s[i + 2] ?? '')) {
      // English possessive: "Men's" is "men", not "men" and the size "s".
      i++;
    } else if ((code === 44 || code === 46) && previous === 2 && /\d/.test(s[i + 1] ?? '')) {
      buffer[n++] = 46;
      previousCode = code;
    } else {
      if (previous !== 0) buffer[n++] = SPACE;
      previous = 0;
      previousCode = code;
    }
  }
  if (n > 0 && buffer[n - 1] === SPACE) n--;
  let out = '';
  // In chunks: `apply` takes only so many arguments.
  for (let at = 0; at < n; at += 4096) out += String.fromCharCode.apply(null, buffer.subarray(at, Math.min(n, at + 4096)) as unknown as number[]);
  return out;
}

const SPACE = 32;
let buffer = new Uint16Array(256);
