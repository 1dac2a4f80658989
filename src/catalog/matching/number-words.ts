/**
 * Number words of both languages as values, on already folded text (see fold-text.ts, so
 * "fünf" arrives as "funf" and "dreißig" as "dreissig"). Both languages are always recognised:
 * shoppers say English product names inside German sentences and the reverse.
 */

const GERMAN_UNITS: Record<string, number> = {
  null: 0, ein: 1, eins: 1, eine: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, funf: 5, sechs: 6,
  sieben: 7, acht: 8, neun: 9,
};
const GERMAN_BELOW_100: Record<string, number> = {
  ...GERMAN_UNITS, zehn: 10, elf: 11, zwolf: 12, dreizehn: 13, vierzehn: 14, funfzehn: 15,
  sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19, zwanzig: 20, dreissig: 30,
  vierzig: 40, funfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
};
const GERMAN_TENS = ['zwanzig', 'dreissig', 'vierzig', 'funfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];

/** English words standing alone; compounds like "forty two" are joined by `numberRuns`. */
const ENGLISH: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
};

function germanBelow100(s: string): number | undefined {
  const direct = GERMAN_BELOW_100[s];
  if (direct !== undefined) return direct;
  // "zweiundvierzig": units, "und", tens.
  const und = s.indexOf('und');
  if (und <= 0) return undefined;
  const unit = GERMAN_UNITS[s.slice(0, und)];
  const tens = s.slice(und + 3);
  if (unit === undefined || unit === 0 || !GERMAN_TENS.includes(tens)) return undefined;
  return unit + (GERMAN_BELOW_100[tens] ?? 0);
}

function germanNumber(s: string): number | undefined {
  if (s === '') return undefined;
  const thousand = s.indexOf('tausend');
  if (thousand >= 0) {
    const left = s.slice(0, thousand);
    const right = s.slice(thousand + 7);
    const l = left === '' ? 1 : germanNumber(left);
    const r = right === '' ? 0 : germanNumber(right);
    return l === undefined || r === undefined ? undefined : l * 1000 + r;
  }
  const hundred = s.indexOf('hundert');
  if (hundred >= 0) {
    const left = s.slice(0, hundred);
    const right = s.slice(hundred + 7);
    const l = left === '' ? 1 : germanBelow100(left);
    const r = right === '' ? 0 : germanBelow100(right);
    return l === undefined || r === undefined ? undefined : l * 100 + r;
  }
  return germanBelow100(s);
}

/** "eineinhalb" 1.5, "zweieinhalb" 2.5, "anderthalb" 1.5. */
function germanHalves(s: string): number | undefined {
  if (s === 'anderthalb') return 1.5;
  if (s.endsWith('einhalb') && s.length > 7) {
    const whole = germanNumber(s.slice(0, -7));
    return whole === undefined ? undefined : whole + 0.5;
  }
  return undefined;
}

/**
 * The value of one folded word, or undefined when it is no number word. The bare articles
 * "ein"/"eine" are numbers here; whether they count is decided by the tokenizer (only before a
 * unit), since "eine Hafermilch" is an article and "ein Liter" a quantity.
 *
 * @example numberWordValue('siebenundneunzig') // 97
 */
export function numberWordValue(word: string): number | undefined {
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57) return /^\d+(\.\d+)?$/.test(word) ? Number(word) : undefined;
  let value = known.get(word);
  if (value === undefined && !known.has(word)) {
    value = ENGLISH[word] ?? germanNumber(word) ?? germanHalves(word);
    // Catalog words repeat across thousands of products; bounded so odd speech cannot grow it.
    if (known.size >= 50_000) known.clear();
    known.set(word, value);
  }
  return value;
}

const known = new Map<string, number | undefined>();

/** Words that mean one half ("ein halber Liter", "half a litre"). */
export const HALF_WORDS = new Set(['halb', 'halbe', 'halber', 'halben', 'halbes', 'half']);

/** Words that join parts of one number: "zwei und vierzig", "one hundred and five", "zwei komma fünf". */
export const NUMBER_JOINERS = new Set(['und', 'and']);
export const DECIMAL_WORDS = new Set(['komma', 'point']);
