import { FILLER_WORDS, ONE_ARTICLES } from './filler-words.js';
import { foldText } from './fold-text.js';
import { DECIMAL_WORDS, HALF_WORDS, NUMBER_JOINERS, numberWordValue } from './number-words.js';
import { formatNumber, LETTER_SIZES, quantityToken, SIZE_MARKERS, unitOf } from './units.js';

const DIGITS = /^\d+(\.\d+)?$/;

/** Reads the number that starts at `i`; returns its value and the index after it. */
function readNumber(words: string[], i: number): { value: number; next: number } | undefined {
  const first = words[i]!;
  if (ONE_ARTICLES.has(first) || first === 'eine') {
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
  const start = numberWordValue(first);
  if (start === undefined) return undefined;
  const isWord = !DIGITS.test(first);
  let total = 0;
  let current = start;
  let j = i + 1;
  for (;;) {
    const w = words[j];
    if (w === undefined) break;
    // "one and a half", "eins und ein halb", "zwei einhalb"
    if ((w === 'and' || w === 'und') && ONE_ARTICLES.has(words[j + 1] ?? '') && HALF_WORDS.has(words[j + 2] ?? '')) {
      current += 0.5;
      j += 3;
      break;
    }
    if (w === 'einhalb') {
      current += 0.5;
      j += 1;
      break;
    }
    if (DECIMAL_WORDS.has(w)) {
      // "eins komma fünf", "two point five": the digits after the decimal word, one by one.
      let k = j + 1;
      let fraction = '';
      for (let d = numberWordValue(words[k] ?? ''); d !== undefined && d < 10 && Number.isInteger(d); d = numberWordValue(words[k] ?? '')) {
        fraction += String(d);
        k++;
      }
      if (fraction !== '') {
        current += Number(`0.${fraction}`);
        j = k;
      }
      break;
    }
    if (!isWord) break;
    const joined = NUMBER_JOINERS.has(w);
    const nextWord = joined ? words[j + 1] : w;
    if (nextWord === undefined || DIGITS.test(nextWord)) break;
    const v = numberWordValue(nextWord);
    if (v === undefined) break;
    let combined: number | undefined;
    if (v === 100 && !joined && current < 100) combined = current * 100;
    else if (v === 1000 && !joined) {
      total += current * 1000;
      combined = 0;
    } else if (joined && current >= 1 && current <= 9 && v >= 20 && v < 100 && v % 10 === 0) combined = current + v; // zwei und vierzig
    else if (current % 100 === 0 && current > 0 && v < 100) combined = current + v; // one hundred (and) five
    else if (!joined && current >= 20 && current < 100 && current % 10 === 0 && v < 10) combined = current + v; // forty two
    if (combined === undefined) break;
    current = combined;
    j += joined ? 2 : 1;
  }
  return { value: total + current, next: j };
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
    const number = readNumber(words, i);
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
