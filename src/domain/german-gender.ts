import { remember } from '../remember.js';
import { foldSpoken } from './speech.js';

/** Grammatical gender (and number) of a German noun phrase: der, die, das, die (plural). */
export type GermanGender = 'm' | 'f' | 'n' | 'pl';

/**
 * Endings of German head nouns with their gender, folded (umlauts stripped, ß → ss). Longest
 * ending wins, so "aufsteckbursten" (plural) is not read as "burste" (feminine). Product names
 * put the head noun first ("Kaffee ganze Bohne", "Laufschuh Air Zoom blau"), and the first word
 * with a known ending decides. A name with none (brands: "Nike Air Max 90") gets no article.
 */
const ENDINGS: Record<string, GermanGender> = {
  // feminine
  milch: 'f', schokolade: 'f', butter: 'f', pizza: 'f', passata: 'f', konfiture: 'f', pasta: 'f', burste: 'f',
  seide: 'f', spulung: 'f', creme: 'f', schere: 'f', folie: 'f', rolle: 'f', kerze: 'f', maus: 'f', tastatur: 'f',
  karte: 'f', lampe: 'f', powerbank: 'f', tasche: 'f', matte: 'f', flasche: 'f', halterung: 'f', leiste: 'f',
  zelle: 'f', cola: 'f', schorle: 'f', webcam: 'f', cuisine: 'f', bohne: 'f', hantel: 'f',
  // masculine
  helm: 'm', schuh: 'm', tee: 'm', kaffee: 'm', joghurt: 'm', reis: 'm', saft: 'm', honig: 'm', zucker: 'm',
  spinat: 'm', tofu: 'm', gouda: 'm', reiniger: 'm', entkalker: 'm', spuler: 'm', drink: 'm', lautsprecher: 'm',
  kopfhorer: 'm', stick: 'm', ball: 'm', riegel: 'm', stift: 'm', roller: 'm', beutel: 'm', stecker: 'm',
  // neuter
  gel: 'n', spray: 'n', shampoo: 'n', pflaster: 'n', netzteil: 'n', gerat: 'n', kabel: 'n', brot: 'n', musli: 'n',
  wasser: 'n', ol: 'n', salz: 'n', mehl: 'n', papier: 'n', mittel: 'n', pulver: 'n', set: 'n', seil: 'n',
  shirt: 'n', protein: 'n',
  // plural
  brotchen: 'pl', eier: 'pl', bananen: 'pl', tomaten: 'pl', kartoffeln: 'pl', zwiebeln: 'pl', spaghetti: 'pl',
  fusilli: 'pl', flocken: 'pl', cornflakes: 'pl', bohnen: 'pl', erbsen: 'pl', barchen: 'pl', chips: 'pl',
  brezeln: 'pl', bursten: 'pl', pads: 'pl', tucher: 'pl', tabletten: 'pl', tabs: 'pl', schwamme: 'pl',
  lichter: 'pl', klammern: 'pl', batterien: 'pl', balle: 'pl', bander: 'pl', socken: 'pl', apfel: 'pl',
  klingen: 'pl', windeln: 'pl', mullbeutel: 'pl', gefrierbeutel: 'pl',
};

const LONGEST_FIRST = Object.keys(ENDINGS).sort((a, b) => b.length - a.length);

/**
 * The gender of a German product name, from its head noun; undefined when no word is known.
 *
 * @example germanGender('Fahrradhelm') // 'm'
 * @example germanGender('Bio-Hafermilch 1 l') // 'f'
 */
export function germanGender(name: string): GermanGender | undefined {
  const found = genders.get(name) ?? remember(genders, name, genderOf(name) ?? 'none', GENDERS_MAX);
  return found === 'none' ? undefined : found;
}

/**
 * Genders found so far, by name: a product answer asks for its name's gender three times (subject,
 * price, availability), and folding each word is most of that (bench/NOTES.md, "Speech"). Bounded:
 * names come from the catalog and, through the matcher's candidates, from what was said.
 */
const genders = new Map<string, GermanGender | 'none'>();
const GENDERS_MAX = 20_000;

function genderOf(name: string): GermanGender | undefined {
  // Only capitalised words can be the head noun ("ganze", "still", "blau" cannot).
  for (const word of name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w))) {
    const folded = foldSpoken(word).replace(/\s+/g, '');
    const ending = LONGEST_FIRST.find((e) => folded.endsWith(e));
    if (ending) return ENDINGS[ending];
  }
  return undefined;
}

/**
 * A name as it reads after the definite article: a leading adjective in its strong form takes
 * the weak one ("Grüner Tee" → "der Grüne Tee", "Kabelloses Ladegerät" → "das Kabellose
 * Ladegerät"); feminine and plural names need no change ("die Fettarme Milch").
 *
 * @example afterDefiniteArticle('Griechischer Joghurt 10 % 500 g', 'm') // 'Griechische Joghurt 10 % 500 g'
 */
export function afterDefiniteArticle(name: string, gender: GermanGender): string {
  const [first, ...rest] = name.split(' ');
  if (rest.length === 0 || !first || !/^\p{Lu}\p{Ll}+$/u.test(first) || germanGender(first) !== undefined) return name;
  const strong = gender === 'm' ? /er$/ : gender === 'n' ? /es$/ : undefined;
  if (!strong || !strong.test(first)) return name;
  return [first.replace(strong, 'e'), ...rest].join(' ');
}
