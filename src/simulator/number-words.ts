import type { Language } from '../catalog/commerce.js';

/**
 * AMAZON.NUMBER as Alexa fills it: the words of a number, in the locale's language, become
 * digits ("zwei" → "2", "einundzwanzig" → "21", "twenty one" → "21", "a dozen" → "12"). Digits
 * said one by one ("vier sieben eins eins", "four seven one one") become one number ("4711"),
 * the way order numbers are read out. Words arrive folded (normalize-text.ts: "fünf" → "fuenf").
 */

const DE_UNITS: Record<string, number> = {
  null: 0, ein: 1, eins: 1, eine: 1, einen: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6,
  sieben: 7, acht: 8, neun: 9,
};
const DE_BELOW_20: Record<string, number> = {
  zehn: 10, elf: 11, zwoelf: 12, dreizehn: 13, vierzehn: 14, fuenfzehn: 15, sechzehn: 16,
  siebzehn: 17, achtzehn: 18, neunzehn: 19,
};
const DE_TENS: Record<string, number> = {
  zwanzig: 20, dreissig: 30, vierzig: 40, fuenfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
};
const DE_DIGITS: Record<string, number> = { null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fuenf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9 };

const EN_UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const EN_TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_DIGITS: Record<string, number> = { ...EN_UNITS, oh: 0, nought: 0 };

function germanBelow100(s: string): number | undefined {
  if (s === '') return undefined;
  const direct = DE_UNITS[s] ?? DE_BELOW_20[s] ?? DE_TENS[s];
  if (direct !== undefined) return direct;
  // "einundzwanzig": unit, "und", tens.
  const und = s.indexOf('und');
  if (und <= 0) return undefined;
  const unit = DE_UNITS[s.slice(0, und)];
  const tens = DE_TENS[s.slice(und + 3)];
  return unit !== undefined && unit > 0 && tens !== undefined ? unit + tens : undefined;
}

function germanBelow1000(s: string): number | undefined {
  const at = s.indexOf('hundert');
  if (at < 0) return germanBelow100(s);
  const left = s.slice(0, at);
  const right = s.slice(at + 'hundert'.length);
  const l = left === '' ? 1 : germanBelow100(left);
  const r = right === '' ? 0 : germanBelow100(right.replace(/^und/, ''));
  return l === undefined || r === undefined || l > 9 ? undefined : l * 100 + r;
}

/** A German number written as one word ("zehntausenddreiundzwanzig"). */
function germanCompound(s: string): number | undefined {
  const million = /^(.*?)million(?:en)?(.*)$/.exec(s);
  if (million) {
    const l = million[1] === '' ? 1 : germanBelow1000(million[1]!);
    const r = million[2] === '' ? 0 : germanCompound(million[2]!);
    return l === undefined || r === undefined || r >= 1_000_000 ? undefined : l * 1_000_000 + r;
  }
  const at = s.indexOf('tausend');
  if (at >= 0) {
    const left = s.slice(0, at);
    const right = s.slice(at + 'tausend'.length);
    const l = left === '' ? 1 : germanBelow1000(left);
    const r = right === '' ? 0 : germanBelow1000(right.replace(/^und/, ''));
    return l === undefined || r === undefined ? undefined : l * 1000 + r;
  }
  return germanBelow1000(s);
}

function german(words: string[]): number | undefined {
  // "ein dutzend", "zwei dutzend", "dutzend"
  const last = words[words.length - 1];
  if (last === 'dutzend') {
    const head = words.slice(0, -1);
    const n = head.length === 0 ? 1 : german(head);
    return n === undefined ? undefined : n * 12;
  }
  return germanCompound(words.join(''));
}

function english(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'scale' | 'article' = 'none';
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'and' && last !== 'none' && i < words.length - 1) continue;
    if (w === 'a' || w === 'an') {
      if (last !== 'none' && last !== 'scale') return undefined;
      last = 'article';
      continue;
    }
    const unit = EN_UNITS[w];
    const teen = EN_TEENS[w];
    const tens = EN_TENS[w];
    if (unit !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'article') return undefined;
      current += unit;
      last = 'unit';
    } else if (teen !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'tens' || last === 'article') return undefined;
      current += teen;
      last = 'teen';
    } else if (tens !== undefined) {
      if (last === 'unit' || last === 'teen' || last === 'tens' || last === 'article') return undefined;
      current += tens;
      last = 'tens';
    } else if (w === 'hundred') {
      current = (current || 1) * 100;
      last = 'scale';
    } else if (w === 'dozen') {
      current = (current || 1) * 12;
      last = 'scale';
    } else if (w === 'thousand' || w === 'million') {
      total += (current || 1) * (w === 'thousand' ? 1000 : 1_000_000);
      current = 0;
      last = 'scale';
    } else {
      return undefined;
    }
  }
  return last === 'none' || last === 'article' ? undefined : total + current;
}

/** Two or more digits said one by one: "vier sieben eins eins" → "4711". */
function digitSequence(words: string[], digits: Record<string, number>): string | undefined {
  if (words.length < 2) return undefined;
  let out = '';
  for (const w of words) {
    const d = /^\d$/.test(w) ? Number(w) : digits[w];
    if (d === undefined) return undefined;
    out += String(d);
  }
  return out;
}

/**
 * The digits Alexa puts into an AMAZON.NUMBER slot for these words, or `undefined` when they
 * are not a number in that language.
 *
 * @example parseNumber(['einundzwanzig'], 'de') // '21'
 * @example parseNumber(['a', 'dozen'], 'en') // '12'
 */
export function parseNumber(words: readonly string[], language: Language): string | undefined {
  if (words.length === 0) return undefined;
  if (words.length === 1 && /^\d+$/.test(words[0]!)) return String(BigInt(words[0]!));
  if (words.every((w) => /^\d+$/.test(w))) return words.join('');
  const sequence = digitSequence([...words], language === 'de' ? DE_DIGITS : EN_DIGITS);
  if (sequence !== undefined) return sequence;
  const n = language === 'de' ? german([...words]) : english([...words]);
  return n === undefined ? undefined : String(n);
}

