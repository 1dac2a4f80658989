import type { Product } from '../catalog/commerce.js';
import type { Language } from '../catalog/commerce.js';

/**
 * Common German product heads, so compounds split where people (and speech recognition)
 * split them: "hafermilch" → "hafer milch". Words that stand alone in the catalog's own
 * names are added at build time.
 */
const GERMAN_HEADS = [
  'milch', 'brot', 'brötchen', 'saft', 'käse', 'wasser', 'butter', 'joghurt', 'kaffee', 'tee', 'schokolade',
  'nudeln', 'reis', 'mehl', 'zucker', 'öl', 'essig', 'wurst', 'schinken', 'müsli', 'flocken', 'creme',
  'shampoo', 'seife', 'papier', 'tücher', 'beutel', 'schuh', 'schuhe', 'socken', 'jacke', 'hose', 'hemd',
  'kerze', 'lampe', 'messer', 'topf', 'pfanne', 'glas', 'becher', 'flasche', 'riegel', 'kekse', 'chips',
  'soße', 'sauce', 'suppe', 'salz', 'pfeffer', 'honig', 'marmelade', 'aufstrich', 'bier', 'wein',
  'limonade', 'schorle', 'tabletten', 'gel', 'spray', 'bürste', 'mittel', 'reiniger', 'filter', 'kapseln',
  'stift', 'seil', 'maus', 'helm', 'schere', 'tasche', 'matte', 'ball', 'kabel', 'gerät', 'halterung', 'folie', 'pulver',
];

const ENGLISH_SPELLINGS: Array<[RegExp, string]> = [
  [/\bcolour/g, 'color'], [/\bcolor/g, 'colour'], [/\byoghurt\b/g, 'yogurt'], [/\byogurt\b/g, 'yoghurt'],
  [/\bgrey\b/g, 'gray'], [/\bgray\b/g, 'grey'], [/\bflavour/g, 'flavor'], [/\bflavor/g, 'flavour'],
  [/\bcentre\b/g, 'center'], [/\bdoughnut/g, 'donut'], [/\bdonut/g, 'doughnut'], [/\baluminium\b/g, 'aluminum'],
];

/** Lower case, speakable: "&" said as a word, brackets and stray punctuation gone ("1,5" stays). */
export function speakable(text: string, language: Language): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/&/g, language === 'de' ? ' und ' : ' and ')
    .replace(/[/+_]/g, ' ')
    .replace(/,(?!\d)|(?<!\d),/g, ' ')
    .replace(/[()[\]{};:!?"„“”«»*#|<>=~^]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Müsli" → "muesli", "Fuß" → "fuss": how German is typed or recognised without umlauts. */
export function transliterate(text: string): string {
  return text.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss');
}

function withoutBrand(name: string, brand: string): string {
  if (!brand.trim()) return name;
  const escaped = brand.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return name.replace(new RegExp(`(^|\\s)${escaped}(?=\\s|$)`, 'giu'), ' ').replace(/\s+/g, ' ').trim();
}

const UNITS = 'ml|cl|l|g|kg|m|cm|mm|w|mah|gb|%|stück|stk|packungen|rollen|beutel|bögen|paar|pack|packs|bags|rolls|sheets|pairs|sockets|pieces';

/**
 * Drops the size as sold ("1 l", "6 x 1,5 l", "größe 42", "size m") and any other amount with
 * a unit ("3,8 %", "20 beutel", "set of 3"), so "bio-vollmilch 3,8 % 1 l" is also heard as
 * "bio-vollmilch". Bare numbers stay: they tell models apart ("air max 97", "lsf 50").
 */
function withoutSize(name: string, size: string | undefined): string {
  let out = name;
  if (size) {
    const escaped = size.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(^|\\s)((größe|gr\\.|size)\\s+)?${escaped}(?=\\s|$)`, 'giu'), ' ');
  }
  out = out
    .replace(new RegExp(`(^|\\s)(\\d+\\s*x\\s*)?\\d+([.,]\\d+)?(-\\d+)?\\s*(${UNITS})(?=\\s|$)`, 'giu'), ' ')
    .replace(/(^|\s)((set|pack) of \d+|\d+er-(set|pack))(?=\s|$)/giu, ' ')
    .replace(/(^|\s)(größe|size)(\s+[\p{L}\p{N}-]{1,5})?(?=\s|$)/giu, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

function splitCompounds(text: string, heads: ReadonlySet<string>): string {
  return text
    .split(' ')
    .map((word) => {
      if (word.length < 8) return word;
      let best = '';
      for (const head of heads) {
        if (head.length > best.length && word.endsWith(head) && word.length - head.length >= 3) best = head;
      }
      return best ? `${word.slice(0, word.length - best.length)} ${best}` : word;
    })
    .join(' ');
}

/** The set of head words for German compound splitting: the fixed list plus the catalog's own words. */
export function germanHeads(products: readonly Product[]): Set<string> {
  const heads = new Set(GERMAN_HEADS);
  for (const p of products) {
    for (const word of speakable(p.name.de, 'de').split(' ')) {
      if (word.length >= 4 && !/\d/.test(word)) heads.add(word);
    }
  }
  return heads;
}

/**
 * Spoken alternatives for a product name in one language: without the brand, without the
 * size, hyphens spoken or dropped, compounds split (German), umlauts transliterated (German),
 * British/American spellings (English). Lower case, deduplicated, the name itself left out.
 *
 * @example productSynonyms(hafermilch, 'de', heads) // ['hafer milch', 'haferdrink', …]
 */
export function productSynonyms(product: Product, language: Language, heads: ReadonlySet<string> = new Set()): string[] {
  const name = speakable(product.name[language], language);
  const brand = speakable(product.brand, language);
  const size = product.size ? speakable(product.size, language) : undefined;
  // Without brand first: the list is capped later, and that is how people ask.
  const bases = [withoutSize(withoutBrand(name, brand), size), withoutSize(name, size)];
  const out: string[] = [];
  const add = (s: string): void => {
    const t = s.replace(/\s+/g, ' ').trim();
    if (t && t !== name && !out.includes(t) && /^[\p{L}\p{N}' .-]+$/u.test(t)) out.push(t);
  };
  for (const base of bases) {
    if (!/\p{L}/u.test(base)) continue;
    add(base);
    if (base.includes('-')) {
      add(base.replace(/-/g, ' '));
      add(base.replace(/-/g, ''));
    }
    const spaced = base.replace(/-/g, ' ');
    if (language === 'de') {
      add(splitCompounds(spaced, heads));
      if (/[äöüß]/.test(spaced)) add(transliterate(spaced));
    } else {
      for (const [from, to] of ENGLISH_SPELLINGS) add(spaced.replace(from, to));
    }
  }
  return out;
}
