import type { Product } from '../catalog/commerce.js';
import { speak, type TurnContext } from './context.js';
import { attributeLabel, grammarOf, isAvailable } from './product-speech.js';
import { list, plain } from './speech.js';
import type { Speech } from './turn.js';

const byNumber = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });

/** "40 bis 44" for consecutive whole sizes, else a list ("M und L"). */
function sizesSpeech(ctx: TurnContext, sizes: string[]): Speech {
  const sorted = [...new Set(sizes)].sort(byNumber);
  const numbers = sorted.map(Number);
  const consecutive = numbers.every((n, i) => Number.isInteger(n) && (i === 0 || n === numbers[i - 1]! + 1));
  if (sorted.length > 2 && consecutive) return speak(ctx, 'product.range', { from: sorted[0]!, to: sorted[sorted.length - 1]! });
  return list(sorted.map(plain), ctx.locale);
}

/**
 * What else the product's family offers, said as a shop assistant would and only what can be
 * bought: the other colours, and the sizes available in this colour. "Es gibt ihn auch in
 * Schwarz, in den Größen 41 bis 44." / "It also comes in black, sizes 41 to 44."
 */
export function variantSpeech(ctx: TurnContext, product: Product, family: Product[]): Speech | undefined {
  const available = family.filter(isAvailable);
  const mine = product.attributes ?? {};
  const colours = new Set<string>();
  const sizes: string[] = [];
  const others = new Map<string, Set<string>>();
  for (const member of available) {
    for (const [attribute, value] of Object.entries(member.attributes ?? {})) {
      const label = attributeLabel(ctx, member, attribute)!;
      if (attribute === 'colour') {
        if (value !== mine.colour) colours.add(label);
      } else if (attribute === 'size') {
        if (member.attributes?.colour === mine.colour) sizes.push(label);
      } else if (value !== mine[attribute]) {
        others.set(attribute, (others.get(attribute) ?? new Set()).add(label));
      }
    }
  }
  const it = speak(ctx, `grammar.accusative.${grammarOf(product)}`);
  const colourList = list([...colours].sort().map(plain), ctx.locale);
  const manySizes = new Set(sizes).size > 1;
  if (colours.size > 0 && manySizes) return speak(ctx, 'product.variantsColourSize', { it, colours: colourList, sizes: sizesSpeech(ctx, sizes) });
  if (colours.size > 0) return speak(ctx, 'product.variantsColour', { it, colours: colourList });
  if (manySizes) return speak(ctx, 'product.variantsSize', { it, sizes: sizesSpeech(ctx, sizes) });
  const [other] = [...others];
  if (!other) return undefined;
  const attribute = String(ctx.t(`attributes.${other[0]}`, { defaultValue: other[0] }));
  return speak(ctx, 'product.variantsOther', { it, attribute, values: list([...other[1]].sort(byNumber).map(plain), ctx.locale) });
}

/**
 * The family member a follow-up names ("in Schwarz?", "gibt es den auch in Größe 44"): the
 * attribute values said, the product's other attributes kept where possible.
 */
export function variantNamed(ctx: TurnContext, product: Product, family: Product[], words: string[], fold: (s: string) => string): Product | undefined {
  const said = new Map<string, string>();
  const used = new Set<string>();
  for (const member of family) {
    for (const [attribute, value] of Object.entries(member.attributes ?? {})) {
      const forms = [value, attributeLabel(ctx, member, attribute)!, ...Object.values(member.attributeLabels?.[attribute] ?? {})].map(fold);
      const word = words.find((w) => forms.includes(w));
      if (word !== undefined) {
        said.set(attribute, value);
        used.add(word);
      }
    }
  }
  // Every word must name a value of the family: "schwarzer Tee" after a shoe is a new search.
  if (said.size === 0 || words.some((w) => !used.has(w))) return undefined;
  const fits = family.filter((m) => [...said].every(([a, v]) => m.attributes?.[a] === v));
  const keep = (m: Product) => Object.entries(product.attributes ?? {}).filter(([a, v]) => !said.has(a) && m.attributes?.[a] === v).length;
  return fits.sort((a, b) => keep(b) - keep(a) || Number(isAvailable(b)) - Number(isAvailable(a)))[0];
}
