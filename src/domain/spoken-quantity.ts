import type { Language } from '../catalog/commerce.js';
import { foldSpoken } from './speech.js';

/** Number words a quantity is said as, folded; "ein"/"a" only count before a product. */
const WORDS: Record<Language, Record<string, number>> = {
  de: {
    ein: 1, eine: 1, einen: 1, eins: 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
    elf: 11, zwolf: 12, dutzend: 12, paar: 2,
  },
  en: {
    a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, dozen: 12, couple: 2, pair: 2,
  },
};

/** Words between a count and the product that carry nothing ("ein paar", "a couple of"). */
const SKIP = new Set(['of', 'stuck', 'mal', 'x']);

export interface SpokenQuantity {
  /** The count said, if any (may be out of range: the caller says so). */
  quantity?: number;
  /** The product words without the count. */
  rest: string;
}

/**
 * The quantity of "leg zwei davon in den warenkorb": the number slot (digits, from AMAZON.NUMBER
 * or @sys.number), else a number word opening the product words ("drei bio hafermilch", "two
 * of the organic ones", "ein paar bananen").
 *
 * @example spokenQuantity(undefined, 'zwei davon', 'de') // { quantity: 2, rest: 'davon' }
 */
export function spokenQuantity(slot: string | undefined, product: string, language: Language): SpokenQuantity {
  const digits = slot?.trim();
  if (digits && /^\d+(\.0+)?$/.test(digits)) return { quantity: Math.trunc(Number(digits)), rest: product };
  const words = foldSpoken(product).split(' ').filter(Boolean);
  if (words.length === 0) return { rest: product };
  let at = 0;
  let quantity: number | undefined;
  if (/^\d+$/.test(words[0]!)) quantity = Number(words[at++]);
  else if (WORDS[language][words[0]!] !== undefined) {
    quantity = WORDS[language][words[at++]!];
    // "ein paar" is two or so: take two; "a dozen" is twelve.
    const next = words[at];
    if (quantity === 1 && next !== undefined && WORDS[language][next] !== undefined && WORDS[language][next]! > 1) quantity = WORDS[language][words[at++]!];
  }
  if (quantity === undefined) return { rest: product };
  while (at < words.length && SKIP.has(words[at]!)) at++;
  // A lone article ("eine" / "a") with nothing after it is no count.
  if (at === words.length && quantity === 1 && !/^\d|eins|one/.test(words[0]!)) return { rest: product };
  return { quantity, rest: words.slice(at).join(' ') };
}
