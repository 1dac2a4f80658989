import { foldLetters } from './fold-letters.js';

/**
 * Numbers said in words, German and English, on words folded by fold-letters.ts ("fünf" arrives
 * as "funf", "dreißig" as "dreissig"; the tables below are written as spelt and folded the same
 * way when loaded). One reader serves the product matcher (catalog/matching/spoken-tokens.ts,
 * both languages at once: shoppers say English product names inside German sentences) and the
 * simulator's AMAZON.NUMBER, dates and times (one language, as a model has one):
 *
 * - German compounds in one word: "zweiundvierzig", "dreihundertdreißig", "zehntausenddreiundzwanzig",
 *   "eine Million"; in pieces: "zwei und vierzig", "zwei hundert drei";
 * - English in pieces: "forty two", "one hundred and five", "ten thousand twenty three";
 * - scales with an article: "a hundred", "a dozen", "ein Dutzend", "two dozen";
 * - halves in one word: "eineinhalb", "zweieinhalb", "anderthalb" (values, not AMAZON.NUMBER digits).
 */

/** The language of a number's words; without one, either language's words count. */
export type NumberLanguage = 'de' | 'en';

const foldedMap = <T>(entries: Record<string, T>): Map<string, T> =>
  new Map(Object.entries(entries).map(([word, value]) => [foldLetters(word), value]));

type Kind = 'unit' | 'teen' | 'tens' | 'compound' | 'digits' | 'hundred' | 'thousand' | 'million' | 'dozen';
interface Piece {
  value: number;
  kind: Kind;
}

const EN_WORDS = foldedMap<Piece>({
  ...pieces('unit', { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }),
  ...pieces('teen', {
    ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  }),
  ...pieces('tens', { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }),
  hundred: { value: 100, kind: 'hundred' },
  thousand: { value: 1000, kind: 'thousand' },
  million: { value: 1_000_000, kind: 'million' },
  dozen: { value: 12, kind: 'dozen' },
});

const DE_UNITS = foldedMap({
  null: 0, ein: 1, eins: 1, eine: 1, einen: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
});
const DE_TEENS = foldedMap({
  zehn: 10, elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
});
const DE_TENS = foldedMap({
  zwanzig: 20, dreißig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
});
const DE_SCALES = foldedMap<Piece>({
  hundert: { value: 100, kind: 'hundred' },
  tausend: { value: 1000, kind: 'thousand' },
  million: { value: 1_000_000, kind: 'million' },
  millionen: { value: 1_000_000, kind: 'million' },
  dutzend: { value: 12, kind: 'dozen' },
});

/** Digits said one by one ("vier sieben eins eins"): "ein"/"eine" are articles there, "oh" a zero. */
const DIGIT_WORDS: Record<NumberLanguage, Map<string, number>> = {
  de: foldedMap({ null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9 }),
  en: foldedMap({ zero: 0, oh: 0, nought: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 }),
};

/** Words that join the parts of one number: "zwei und vierzig", "one hundred and five". */
const JOINERS: Record<NumberLanguage, string> = { de: 'und', en: 'and' };
/** "a hundred", "a dozen": an English article before a scale. */
const ARTICLES = new Set(['a', 'an']);

function pieces(kind: Kind, values: Record<string, number>): Record<string, Piece> {
  return Object.fromEntries(Object.entries(values).map(([word, value]) => [word, { value, kind }]));
}

function germanBelow100(s: string): number | undefined {
  const direct = DE_UNITS.get(s) ?? DE_TEENS.get(s) ?? DE_TENS.get(s);
  if (direct !== undefined) return direct;
  // "einundzwanzig": unit, "und", tens.
  const und = s.indexOf('und');
  if (und <= 0) return undefined;
  const unit = DE_UNITS.get(s.slice(0, und));
  const tens = DE_TENS.get(s.slice(und + 3));
  return unit !== undefined && unit > 0 && tens !== undefined ? unit + tens : undefined;
}

/** "hundertdreiundzwanzig", "neunzehnhundert", "zweihundertundeins". */
function germanBelow1000(s: string): number | undefined {
  const at = s.indexOf('hundert');
  if (at < 0) return germanBelow100(s);
  const left = s.slice(0, at);
  const right = s.slice(at + 7).replace(/^und/, '');
  const l = left === '' ? 1 : germanBelow100(left);
  const r = right === '' ? 0 : germanBelow100(right);
  return l === undefined || r === undefined ? undefined : l * 100 + r;
}

/** A German whole number written as one word ("zehntausenddreiundzwanzig", "einemillion"). */
function germanCompound(s: string): number | undefined {
  const million = /^(.*?)million(?:en)?(.*)$/.exec(s);
  if (million) {
    const l = million[1] === '' ? 1 : germanBelow1000(million[1]!);
    const r = million[2] === '' ? 0 : germanCompound(million[2]!);
    return l === undefined || r === undefined || r >= 1_000_000 ? undefined : l * 1_000_000 + r;
  }
  const at = s.indexOf('tausend');
  if (at < 0) return germanBelow1000(s);
  const left = s.slice(0, at);
  const right = s.slice(at + 7).replace(/^und/, '');
  const l = left === '' ? 1 : germanBelow1000(left);
  const r = right === '' ? 0 : germanBelow1000(right);
  return l === undefined || r === undefined ? undefined : l * 1000 + r;
}

function germanPiece(word: string): Piece | undefined {
  const unit = DE_UNITS.get(word);
  if (unit !== undefined) return { value: unit, kind: 'unit' };
  const teen = DE_TEENS.get(word);
  if (teen !== undefined) return { value: teen, kind: 'teen' };
  const tens = DE_TENS.get(word);
  if (tens !== undefined) return { value: tens, kind: 'tens' };
  const scale = DE_SCALES.get(word);
  if (scale) return scale;
  if (word === 'anderthalb') return { value: 1.5, kind: 'compound' };
  if (word.endsWith('einhalb') && word.length > 7) {
    const whole = germanCompound(word.slice(0, -7));
    return whole === undefined ? undefined : { value: whole + 0.5, kind: 'compound' };
  }
  const value = germanCompound(word);
  return value === undefined ? undefined : { value, kind: 'compound' };
}

function pieceOf(word: string, language: NumberLanguage | undefined): Piece | undefined {
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) return /^\d+(\.\d+)?$/.test(word) ? { value: Number(word), kind: 'digits' } : undefined;
  const cache = known[language ?? 'either'];
  let piece = cache.get(word);
  if (piece === undefined) {
    piece = (language === 'de' ? undefined : EN_WORDS.get(word)) ?? (language === 'en' ? undefined : germanPiece(word)) ?? null;
    // Catalog words repeat across thousands of products; bounded so odd speech cannot grow it.
    if (cache.size >= 50_000) cache.clear();
    cache.set(word, piece);
  }
  return piece ?? undefined;
}

const known = { de: new Map<string, Piece | null>(), en: new Map<string, Piece | null>(), either: new Map<string, Piece | null>() };

/**
 * The value of one folded word, or undefined when it is no number word. Digits count
 * ("1.5" → 1.5); so do the bare articles "ein"/"eine": whether they mean one is the caller's
 * question ("eine Hafermilch" is an article, "ein Liter" a quantity).
 *
 * @example numberWordValue('siebenundneunzig') // 97
 * @example numberWordValue('zwei', 'en') // undefined
 */
export function numberWordValue(word: string, language?: NumberLanguage): number | undefined {
  return pieceOf(word, language)?.value;
}

const SCALES = new Set<string>(['hundred', 'thousand', 'million']);

/**
 * Reads the number that starts at `from`, as far as the words go on being one number: its value
 * and the index after its last word, or undefined when no number starts there. A joiner or an
 * article that leads nowhere is not taken ("one and a half": the number is "one").
 *
 * @example readNumber(['forty', 'two', 'litres'], 0) // { value: 42, next: 2 }
 * @example readNumber(['zwei', 'und', 'vierzig'], 0, 'de') // { value: 42, next: 3 }
 */
export function readNumber(words: readonly string[], from: number, language?: NumberLanguage): { value: number; next: number } | undefined {
  let total = 0;
  let current = 0;
  let last: Kind | 'none' | 'article' = 'none';
  let joined = false;
  let next = from;
  let value = 0;
  for (let j = from; j < words.length; j++) {
    const w = words[j]!;
    if ((language === undefined && (w === 'und' || w === 'and')) || (language !== undefined && w === JOINERS[language])) {
      if (last === 'none' || last === 'article' || last === 'digits' || joined) break;
      joined = true;
      continue;
    }
    if (language !== 'de' && ARTICLES.has(w)) {
      if (last !== 'none') break;
      last = 'article';
      continue;
    }
    const piece = pieceOf(w, language);
    if (!piece || last === 'digits') break;
    const { kind, value: v } = piece;
    if (kind === 'digits') {
      if (last !== 'none') break;
      current = v;
      last = kind;
    } else if (kind === 'hundred') {
      if (joined || current >= 100 || last === 'hundred' || last === 'dozen') break;
      current = (current || 1) * 100;
      last = kind;
    } else if (kind === 'thousand' || kind === 'million') {
      if (joined || last === 'thousand' || last === 'million') break;
      total += (current || 1) * v;
      current = 0;
      last = kind;
    } else if (kind === 'dozen') {
      if (joined || last === 'hundred' || last === 'dozen') break;
      current = (current || 1) * 12;
      last = kind;
    } else if (last === 'none') {
      if (joined) break;
      current = v;
      last = kind;
    } else if (SCALES.has(last) && Number.isInteger(v) && v < (last === 'hundred' ? 100 : 1000)) {
      // "one hundred (and) five", "zwei hundert drei", "ten thousand twenty three"
      current += v;
      last = kind;
    } else if (last === 'tens' && !joined && kind === 'unit' && v > 0 && language !== 'de') {
      // "forty two"
      current += v;
      last = 'compound';
    } else if (last === 'unit' && joined && kind === 'tens' && current % 10 > 0 && language !== 'en') {
      // "zwei und vierzig"
      current += v;
      last = 'compound';
    } else if (last === 'compound' && Number.isInteger(current) && current > 0 && Number.isInteger(v) &&
      ((current % 1000 === 0 && v < 1000) || (current % 100 === 0 && v < 100))) {
      // "zweitausend fünfhundert", "zweihundert zwanzig"
      current += v;
      last = kind;
    } else {
      break;
    }
    joined = false;
    next = j + 1;
    value = total + current;
  }
  return next > from ? { value, next } : undefined;
}

/** Two or more digits said one by one: "vier sieben eins eins" → "4711". */
function digitSequence(words: readonly string[], language: NumberLanguage): string | undefined {
  if (words.length < 2) return undefined;
  let out = '';
  for (const w of words) {
    const d = /^\d$/.test(w) ? Number(w) : DIGIT_WORDS[language].get(w);
    if (d === undefined) return undefined;
    out += String(d);
  }
  return out;
}

/**
 * AMAZON.NUMBER as Alexa fills it: the digits for these words in the locale's language ("zwei" →
 * "2", "einundzwanzig" → "21", "twenty one" → "21", "a dozen" → "12"), digits said one by one as
 * one number ("vier sieben eins eins" → "4711", the way order numbers are read out), or undefined
 * when the words are not one whole number in that language.
 *
 * @example parseNumber(['einundzwanzig'], 'de') // '21'
 * @example parseNumber(['a', 'dozen'], 'en') // '12'
 */
export function parseNumber(words: readonly string[], language: NumberLanguage): string | undefined {
  if (words.length === 0) return undefined;
  if (words.every((w) => /^\d+$/.test(w))) return words.length === 1 ? String(BigInt(words[0]!)) : words.join('');
  const sequence = digitSequence(words, language);
  if (sequence !== undefined) return sequence;
  const read = readNumber(words, 0, language);
  if (read && read.next === words.length && Number.isInteger(read.value)) return String(read.value);
  // German writes a number as one word, and a recogniser may cut it anywhere ("neun zehn").
  const joined = language === 'de' && words.length > 1 ? numberWordValue(words.join(''), 'de') : undefined;
  return joined !== undefined && Number.isInteger(joined) ? String(joined) : undefined;
}
