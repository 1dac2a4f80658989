import { DROPPED, foldCode, lowerWithoutMarks } from '../../text/fold-letters.js';

const LETTER = /\p{L}/u;

/**
 * Turns catalog and spoken text into the matcher's alphabet: the letters folded by the one
 * policy of text/fold-letters.ts (lower case, ß → ss, ä/ae → a, ö/oe → o, ü/ue → u, other
 * diacritics dropped), and — the matcher's own tokenising — punctuation to single spaces, a
 * decimal comma to a point, digits split from letters ("500g" → "500 g"), a possessive 's dropped.
 *
 * One pass over the characters (the catalog side folds every name of up to a million products),
 * with `foldCode` deciding each letter.
 *
 * @example foldText('Bio-Hafermilch 1,5l') // 'bio hafermilch 1.5 l'
 */
export function foldText(text: string): string {
  const s = lowerWithoutMarks(text);
  // Char codes go into one reused buffer and become a string once: per-character string
  // concatenation made the garbage collector the biggest cost of indexing a large catalog.
  if (buffer.length < s.length * 2 + 1) buffer = new Uint16Array(s.length * 2 + 16);
  let n = 0;
  // 0: at a gap, 1: after a letter, 2: after a digit.
  let previous = 0;
  let previousCode = 0;
  for (let i = 0; i < s.length; i++) {
    const code = foldCode(s.charCodeAt(i), previousCode);
    if (code < 0) {
      if (code === DROPPED) {
        previousCode = 101;
        continue;
      }
      // SHARP_S: "ss"
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
      previousCode = code;
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
