import type { Language } from '../../src/catalog/commerce.js';
import { CLOTHING_SIZES, FAMILIES, QUALIFIERS } from './catalog-words.js';
import { random, type Catalog, type ProductSpec } from './generate-catalog.js';
import { englishNumber, germanNumber } from './spoken-numbers.js';

export type Noise = 'split' | 'joined' | 'number-words' | 'missing-brand' | 'misheard' | 'mixed-language' | 'variant';
export const NOISES: Noise[] = ['split', 'joined', 'number-words', 'missing-brand', 'misheard', 'mixed-language', 'variant'];

/** A spoken query and the product it means. */
export interface LabelledQuery {
  text: string;
  language: Language;
  expected: string;
  noises: Noise[];
}

const NUMBER_LEXICON = /(eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|ßig|hundert|tausend|halb|liter|litre|gramm|grams|kilo|three|seven|eight|fifty|sixty|ninety|forty|thirty|twenty|eleven|twelve|teen|hundred|thousand|half)/;

/** Sound-alike confusions of speech recognisers (German and English). */
const MISHEARD: Array<[string, string]> = [
  ['ei', 'ai'], ['ai', 'ei'], ['ie', 'i'], ['v', 'f'], ['f', 'v'], ['ph', 'f'], ['z', 'ts'], ['ck', 'k'],
  ['th', 't'], ['sch', 'sh'], ['eu', 'oi'], ['w', 'v'], ['c', 'k'], ['k', 'c'], ['y', 'i'], ['qu', 'kw'],
  ['tt', 't'], ['ll', 'l'], ['ss', 's'], ['nn', 'n'], ['s', 'z'], ['d', 't'], ['t', 'd'], ['b', 'p'],
  ['p', 'b'], ['g', 'k'], ['ee', 'i'], ['oo', 'u'], ['er', 'a'], ['ah', 'a'], ['x', 'ks'], ['ü', 'u'], ['ö', 'o'],
];

function concepts(spec: ProductSpec, catalog: Catalog): string[] {
  const family = FAMILIES[spec.family]!;
  const out = [`b${spec.brand}`, `t${spec.family}.${spec.type}`];
  if (spec.qualifier >= 0) out.push(`q${spec.qualifier}`);
  if (spec.variant >= 0) out.push(`v${family.variants[spec.variant]![0]}`);
  if (family.kind === 'pack') out.push(`s${family.sizes[spec.size]}`);
  else if (spec.size >= 0) out.push(`z${spec.size}`);
  if (spec.line >= 0) {
    const line = catalog.lines[spec.line]!;
    out.push(`l${line.words.join(' ')} ${line.number}`);
  }
  return out;
}

/** How a pack size is said: digits or words, German or English. */
function spokenSize(size: string, lang: Language, words: boolean, rnd: () => number): string {
  const [amount, unit] = size.split(' ') as [string, string];
  const value = Number(amount.replace(',', '.'));
  const unitWord = lang === 'de'
    ? { l: 'liter', ml: 'milliliter', g: 'gramm', kg: 'kilo' }[unit]!
    : { l: value === 1 ? 'litre' : 'litres', ml: 'millilitres', g: 'grams', kg: 'kilo' }[unit]!;
  if (!words) return `${lang === 'de' ? amount : amount.replace(',', '.')} ${rnd() < 0.5 ? unitWord : unit}`;
  if (value === 0.5) return lang === 'de' ? (rnd() < 0.5 ? 'ein halber liter' : 'einen halben liter') : 'half a litre';
  if (value === 1.5) return lang === 'de' ? (rnd() < 0.5 ? 'eineinhalb liter' : 'anderthalb liter') : 'one and a half litres';
  if (value === 1) return lang === 'de' ? `${rnd() < 0.5 ? 'ein' : 'einen'} ${unitWord}` : `one ${unitWord}`;
  return `${lang === 'de' ? germanNumber(value) : englishNumber(value)} ${unitWord}`;
}

const say = (n: number, lang: Language, words: boolean): string => (words ? (lang === 'de' ? germanNumber(n) : englishNumber(n)) : String(n));

/** Renders the spec's parts that are said; returns the words and which concepts they carry. */
function render(spec: ProductSpec, catalog: Catalog, lang: Language, noises: Set<Noise>, rnd: () => number, dropType: boolean): string[] {
  const family = FAMILIES[spec.family]!;
  const other: Language = lang === 'de' ? 'en' : 'de';
  const mixed = noises.has('mixed-language');
  const langOf = (): Language => (mixed && rnd() < 0.6 ? other : lang);
  const numberWords = noises.has('number-words');
  const type = family.types[spec.type]!;
  const typeLang = mixed ? other : lang;
  const typeWords = typeLang === 'de' ? (noises.has('split') ? type.de.split('|').join(' ') : type.de.replace('|', '')) : type.en;
  const parts: string[] = [];
  if (!noises.has('missing-brand')) parts.push(catalog.brands[spec.brand]!);
  if (family.kind === 'pack') {
    if (spec.qualifier >= 0) parts.push(QUALIFIERS[spec.qualifier]![langOf() === 'de' ? 0 : 1]);
    parts.push(typeWords);
    if (spec.variant >= 0) parts.push(family.variants[spec.variant]![langOf() === 'de' ? 0 : 1]);
    parts.push(spokenSize(family.sizes[spec.size]!, lang, numberWords, rnd));
    return parts;
  }
  const line = catalog.lines[spec.line]!;
  if (!dropType) parts.push(typeWords);
  parts.push(line.words.join(' ') + (line.number ? ' ' + say(line.number, lang, numberWords) : ''));
  const colour = family.variants[spec.variant]![langOf() === 'de' ? 0 : 1];
  const attributeStyle = noises.has('variant');
  parts.push(attributeStyle ? (lang === 'de' ? `in ${colour}` : `in ${colour}`) : colour);
  if (family.kind === 'shoe') parts.push(`${attributeStyle ? (lang === 'de' ? 'größe ' : 'size ') : ''}${say(spec.size, lang, numberWords)}`);
  if (family.kind === 'clothing') parts.push(`${attributeStyle ? (lang === 'de' ? 'größe ' : 'size ') : ''}${CLOTHING_SIZES[spec.size]}`);
  return parts;
}

/**
 * Labelled noisy spoken queries over a generated catalog. A query is kept only when its product
 * is, by what was said, the single best answer: every other product that carries all the said
 * parts has more unsaid parts (so "hafermilch" alone, with a dozen brands, is never asked).
 */
export function generateQueries(catalog: Catalog, count: number, seed = 11): LabelledQuery[] {
  const rnd = random(seed);
  const postings = new Map<string, number[]>();
  const conceptsOf: string[][] = catalog.specs.map((spec, doc) => {
    const list = concepts(spec, catalog);
    for (const c of list) {
      const p = postings.get(c);
      if (p) p.push(doc);
      else postings.set(c, [doc]);
    }
    return list;
  });
  const catalogWords = new Set<string>();
  for (const p of catalog.products) for (const w of `${p.name.de} ${p.name.en}`.toLowerCase().split(/[\s-]+/)) catalogWords.add(w);

  const out: LabelledQuery[] = [];
  while (out.length < count) {
    const doc = Math.floor(rnd() * catalog.products.length);
    const spec = catalog.specs[doc]!;
    const family = FAMILIES[spec.family]!;
    const lang: Language = rnd() < 0.6 ? 'de' : 'en';
    const noises = new Set<Noise>();
    const wanted = rnd() < 0.25 ? 0 : rnd() < 0.6 ? 1 : 2;
    for (let i = 0; i < wanted; i++) noises.add(NOISES[Math.floor(rnd() * NOISES.length)]!);
    if (noises.has('split') && (lang !== 'de' || !family.types[spec.type]!.de.includes('|'))) noises.delete('split');
    if (noises.has('variant') && family.kind === 'pack') noises.delete('variant');
    const dropType = family.kind !== 'pack' && rnd() < 0.4;
    const said = conceptsOf[doc]!.filter((c) => !(c.startsWith('b') && noises.has('missing-brand')) && !(c.startsWith('t') && dropType));
    // Unique best answer: the fewest unsaid parts among all products carrying what was said.
    const lists = said.map((c) => postings.get(c)!).sort((a, b) => a.length - b.length);
    const rivals = lists[0]!.filter((d) => d !== doc && said.every((c) => conceptsOf[d]!.includes(c)));
    const extras = conceptsOf[doc]!.length - said.length;
    if (rivals.some((d) => conceptsOf[d]!.length - said.length <= extras)) continue;

    let words = render(spec, catalog, lang, noises, rnd, dropType).join(' ').toLowerCase().split(' ');
    if (noises.has('joined')) {
      const at = words.findIndex((w, i) => i + 1 < words.length && /^\p{L}{2,}$/u.test(w) && /^\p{L}{2,}$/u.test(words[i + 1]!) && w !== 'in');
      if (at < 0) noises.delete('joined');
      else words = [...words.slice(0, at), words[at]! + words[at + 1]!, ...words.slice(at + 2)];
    }
    if (noises.has('misheard')) {
      // Recognisers spell number words and units from a fixed lexicon; names are what they mishear.
      const options = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^\p{L}+$/u.test(w) && !NUMBER_LEXICON.test(w));
      let changed = false;
      for (let attempt = 0; attempt < 20 && options.length > 0 && !changed; attempt++) {
        const [w, i] = options[Math.floor(rnd() * options.length)]!;
        const [from, to] = MISHEARD[Math.floor(rnd() * MISHEARD.length)]!;
        const at = w.indexOf(from, 1);
        if (at < 0) continue;
        const mutated = w.slice(0, at) + to + w.slice(at + from.length);
        if (catalogWords.has(mutated)) continue;
        words[i] = mutated;
        changed = true;
      }
      if (!changed) noises.delete('misheard');
    }
    out.push({ text: words.join(' '), language: lang, expected: catalog.products[doc]!.id, noises: [...noises] });
  }
  return out;
}
