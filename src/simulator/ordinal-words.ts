import type { Language } from '../catalog/commerce.js';
import { parseNumber } from '../text/number-words.js';

/**
 * Ordinals for days of the month, in folded words (normalize-text.ts): "vierundzwanzigsten",
 * "24", "24th", "twenty fourth". Used by the date words; returns the day number and how many
 * words it took, or `undefined`.
 */

const DE_SUFFIXES = ['sten', 'ster', 'stes', 'stem', 'ste', 'ten', 'ter', 'tes', 'tem', 'te'];
const DE_IRREGULAR: Record<string, number> = { ers: 1, drit: 3, sieb: 7, ach: 8 };

const EN_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30 };

function germanOrdinal(word: string): number | undefined {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  for (const suffix of DE_SUFFIXES) {
    if (!word.endsWith(suffix) || word.length <= suffix.length) continue;
    const base = word.slice(0, -suffix.length);
    const spelled = parseNumber([base], 'de');
    const n = DE_IRREGULAR[base] ?? (spelled === undefined ? undefined : Number(spelled));
    if (n !== undefined && n >= 1 && n <= 31) return n;
  }
  return undefined;
}

function englishOrdinal(words: readonly string[], at: number): { day: number; used: number } | undefined {
  const w = words[at];
  if (w === undefined) return undefined;
  const digits = /^(\d{1,2})(st|nd|rd|th)?$/.exec(w);
  if (digits) return { day: Number(digits[1]), used: 1 };
  const direct = EN_ORDINALS[w];
  if (direct !== undefined) return { day: direct, used: 1 };
  const tens = EN_TENS[w];
  const next = words[at + 1];
  if (tens !== undefined && next !== undefined) {
    const unit = EN_ORDINALS[next];
    if (unit !== undefined && unit < 10) return { day: tens + unit, used: 2 };
  }
  return undefined;
}

/**
 * The day of the month said at `at`, in the language's ordinal words.
 *
 * @example dayOrdinal(['vierundzwanzigsten', 'dezember'], 0, 'de') // { day: 24, used: 1 }
 */
export function dayOrdinal(words: readonly string[], at: number, language: Language): { day: number; used: number } | undefined {
  if (language === 'en') return englishOrdinal(words, at);
  const w = words[at];
  if (w === undefined) return undefined;
  const day = germanOrdinal(w);
  return day === undefined ? undefined : { day, used: 1 };
}
