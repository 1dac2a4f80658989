import type { Product } from '../catalog/commerce.js';
import type { TurnContext } from './context.js';
import { choiceIndex } from './choice-answer.js';
import { variantNamed } from './product-variants.js';
import { foldSpoken } from './speech.js';

/** Words that point back at the product talked about, folded. */
const PRONOUNS = new Set([
  'sie', 'er', 'es', 'ihn', 'den', 'die', 'das', 'der', 'dem', 'davon', 'dafur', 'dies', 'diese', 'dieser', 'dieses', 'diesen',
  'it', 'its', 'them', 'they', 'that', 'this', 'those', 'these', 'one', 'ones',
]);

/** Words around a follow-up that carry nothing for it ("und was kostet sie denn noch"). */
const FILLER = new Set([
  'und', 'was', 'wie', 'viel', 'kostet', 'kosten', 'denn', 'auch', 'noch', 'da', 'ist', 'sind', 'gibt', 'habt', 'ihr', 'mal',
  'bitte', 'eigentlich', 'vorratig', 'lager', 'verfugbar', 'in', 'im', 'auf', 'nehme', 'nehm', 'ich', 'dann', 'lieber',
  'and', 'what', 'how', 'much', 'does', 'do', 'cost', 'costs', 'is', 'are', 'still', 'available', 'stock', 'about', 'the', 'so',
  'ok', 'okay', 'have', 'you', 'in', 'a', 'an', 'i', 'll', 'take', 'then', 'please', 'come', 'comes',
  // attribute names said before a value: "in Größe 44", "in size 44", "Farbe schwarz"
  'grosse', 'farbe', 'size', 'colour', 'color',
]);

const CHEAPER = new Set(['gunstigere', 'gunstigeren', 'gunstigste', 'gunstigsten', 'billigere', 'billigeren', 'billigste', 'billigsten', 'cheaper', 'cheapest']);
const DEARER = new Set(['teurere', 'teureren', 'teuerste', 'teuersten', 'expensive', 'dearer']);

/** German and English number words a size may be said as (Alexa spells numbers in custom slots). */
const UNITS: Record<string, number> = {
  eins: 1, ein: 1, zwei: 2, drei: 3, vier: 4, funf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TENS: Record<string, number> = { zwanzig: 20, dreissig: 30, vierzig: 40, funfzig: 50, twenty: 20, thirty: 30, forty: 40, fifty: 50 };

function numberWord(word: string): string {
  if (TENS[word] !== undefined) return String(TENS[word]);
  const de = /^(\w+?)und(zwanzig|dreissig|vierzig|funfzig)$/.exec(word);
  if (de && UNITS[de[1]!] !== undefined) return String(UNITS[de[1]!]! + TENS[de[2]!]!);
  return word;
}

/** The spoken follow-up as folded words, English "forty four" joined to "44". */
function wordsOf(spoken: string): string[] {
  const words = foldSpoken(spoken).split(' ').filter(Boolean).map(numberWord);
  const out: string[] = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (last !== undefined && /^[2-5]0$/.test(last) && /^[1-9]$/.test(String(UNITS[word] ?? ''))) out[out.length - 1] = String(Number(last) + UNITS[word]!);
    else out.push(word);
  }
  return out;
}

/**
 * The product a follow-up means, read against what the session talked about: "die zweite" or
 * "the cheaper one" after a list, "und was kostet sie" or "ist der noch da" after a product,
 * "in Schwarz?" or "gibt es den auch in Größe 44" for a variant, "and the organic one?" among
 * the products just named. Undefined when the words do not point back (a new search).
 *
 * @example await productFollowUp(ctx, 'und was kostet sie') // the product of the last answer
 */
export async function productFollowUp(ctx: TurnContext, spoken: string): Promise<Product | undefined> {
  const state = ctx.turn.session.state;
  const named = state.choices?.length ? state.choices : state.products ?? [];
  const get = (id: string) => ctx.deps.commerce.getProduct(id);
  const words = wordsOf(spoken);
  const meaningful = words.filter((w) => !FILLER.has(w) && !PRONOUNS.has(w));

  if (named.length > 1) {
    const index = choiceIndex(spoken, ctx.language, named.length);
    if (index !== undefined) return get(named[index]!);
    const cheaper = meaningful.some((w) => CHEAPER.has(w));
    if (cheaper || meaningful.some((w) => DEARER.has(w))) {
      const listed = (await Promise.all(named.map(get))).filter((p): p is Product => p !== undefined);
      listed.sort((a, b) => (cheaper ? a.priceCents - b.priceCents : b.priceCents - a.priceCents));
      return listed[0];
    }
  }
  const current = state.product ? await get(state.product) : undefined;
  if (current && meaningful.length === 0 && words.some((w) => PRONOUNS.has(w))) return current;
  if (current?.variantGroup && meaningful.length > 0) {
    const family = await ctx.deps.commerce.listVariants(current.variantGroup);
    const variant = variantNamed(ctx, current, family, meaningful, foldSpoken);
    if (variant) return variant;
  }
  if (named.length > 1 && meaningful.length > 0) {
    // "and the organic one?": the one product named whose name has every word said.
    const listed = (await Promise.all(named.map(get))).filter((p): p is Product => p !== undefined);
    const fits = listed.filter((p) => {
      const name = ` ${foldSpoken(`${p.name.de} ${p.name.en}`)} `;
      return meaningful.every((w) => name.includes(` ${w}`));
    });
    if (fits.length === 1) return fits[0];
  }
  return undefined;
}
