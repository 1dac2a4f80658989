import { numberWordValue, readNumber } from '../../text/number-words.js';
import { FILLER_WORDS, ONE_ARTICLES } from './filler-words.js';
import { foldText } from './fold-text.js';
import { formatNumber, LETTER_SIZES, quantityToken, SIZE_MARKERS, unitOf } from './units.js';

/** Words that mean one half ("ein halber Liter", "half a litre"). */
const HALF_WORDS = new Set(['halb', 'halbe', 'halber', 'halben', 'halbes', 'half']);
/** "zwei komma fünf", "two point five". */
const DECIMAL_WORDS = new Set(['komma', 'point']);

/**
 * Reads the quantity that starts at `i`: a number (text/number-words.ts, either language), an
 * article before a unit ("ein Liter"), halves ("ein halber Liter", "one and a half", "zwei
 * einhalb") and decimals said in words ("eins komma fünf"); its value and the index after it.
 */
function readQuantity(words: string[], i: number): { value: number; next: number } | undefined {
  const first = words[i]!;
  if (ONE_ARTICLES.has(first)) {
    // An article counts only as a quantity: "ein Liter", "einen halben Liter", "a half litre".
    const after = words[i + 1];
    if (after !== undefined && HALF_WORDS.has(after)) return { value: 0.5, next: i + 2 };
    if (after !== undefined && unitOf(after)) return { value: 1, next: i + 1 };
    return undefined;
  }
  if (HALF_WORDS.has(first)) {
    // "halber Liter", "half a litre"
    let j = i + 1;
    if (words[j] !== undefined && ONE_ARTICLES.has(words[j]!)) j++;
    return words[j] !== undefined && unitOf(words[j]!) ? { value: 0.5, next: j } : undefined;
  }
  const number = readNumber(words, i);
  if (!number) return undefined;
  let { value, next: j } = number;
  const w = words[j];
  if ((w === 'and' || w === 'und') && ONE_ARTICLES.has(words[j + 1] ?? '') && HALF_WORDS.has(words[j + 2] ?? '')) {
    // "one and a half", "eins und ein halb"
    value += 0.5;
    j += 3;
  } else if (w === 'einhalb') {
    value += 0.5;
    j += 1;
  } else if (w !== undefined && DECIMAL_WORDS.has(w)) {
    // "eins komma fünf", "two point five": the digits after the decimal word, one by one.
    let k = j + 1;
    let fraction = '';
    for (let d = numberWordValue(words[k] ?? ''); d !== undefined && d < 10 && Number.isInteger(d); d = numberWordValue(words[k] ?? '')) {
      fraction += String(d);
      k++;
    }
    if (fraction !== '') {
      value += Number(`0.${fraction}`);
      j = k;
    }
  }
  return { value, next: j };
}

/**
 * Turns spoken or printed text into matching tokens: folded (fold-text.ts), filler words dropped,
 * number words as digits, a number and its unit as one quantity token, size markers dropped.
 * The catalog and the spoken query go through this same function, which is what makes them meet.
 *
 * @example spokenTokens('Bio Hafermilch ein Liter bitte') // ['bio', 'hafermilch', '1l']
 * @example spokenTokens('air zoom in blau größe zweiundvierzig') // ['air', 'zoom', 'blau', '42']
 * @example spokenTokens('one and a half litres of oat milk') // ['1.5l', 'oat', 'milk']
 */
export function spokenTokens(text: string): string[] {
  const folded = foldText(text);
  if (folded === '') return [];
  const words = folded.split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const word = words[i]!;
    const number = readQuantity(words, i);
    if (number) {
      const unitWord = words[number.next];
      const quantity = unitWord === undefined ? undefined : quantityToken(number.value, unitWord);
      if (quantity !== undefined) {
        out.push(quantity);
        i = number.next + 1;
      } else {
        out.push(formatNumber(number.value));
        i = number.next;
      }
      continue;
    }
    i++;
    if (FILLER_WORDS.has(word)) continue;
    // "Vierer-Pack", "Sechserpack": a German count word with -er is a piece count, like "4er".
    const count = word.length > 4 && word.endsWith('er') ? numberWordValue(word.slice(0, -2)) : undefined;
    if (count !== undefined && Number.isInteger(count) && count > 1) {
      out.push(quantityToken(count, 'er')!);
      continue;
    }
    const next = words[i];
    if (SIZE_MARKERS.has(word) && next !== undefined && (LETTER_SIZES.has(next) || numberWordValue(next) !== undefined)) continue;
    out.push(word);
  }
  return out;
}
