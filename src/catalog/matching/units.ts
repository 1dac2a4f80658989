/**
 * Units of measure as spoken and as printed on packs, folded (see fold-text.ts). A number and
 * its unit become one quantity token in a canonical unit, so "ein Liter", "1 l", "1000 ml" and
 * "one litre" all read "1l", and "500 gramm", "500 g" and "0,5 kg" all read "500g".
 */
const UNITS: Record<string, { unit: string; factor: number }> = {};

function define(unit: string, factor: number, words: string[]): void {
  for (const word of words) UNITS[word] = { unit, factor };
}

define('l', 1, ['l', 'lt', 'ltr', 'liter', 'litre', 'liters', 'litres', 'literflasche']);
define('l', 0.001, ['ml', 'milliliter', 'millilitre', 'milliliters', 'millilitres']);
define('l', 0.01, ['cl', 'zentiliter', 'centiliter', 'centilitre']);
define('g', 1, ['g', 'gr', 'gramm', 'gram', 'grams', 'gramme', 'grammes']);
define('g', 1000, ['kg', 'kilo', 'kilos', 'kilogramm', 'kilogram', 'kilograms', 'kilogramme']);
define('m', 1, ['m', 'meter', 'metre', 'meters', 'metres']);
define('m', 0.01, ['cm', 'zentimeter', 'centimeter', 'centimetre', 'centimeters', 'centimetres']);
define('stk', 1, ['stk', 'stuck', 'pcs', 'piece', 'pieces', 'er']);

/** The unit a folded word names, with the factor to the canonical unit; undefined otherwise. */
export function unitOf(word: string): { unit: string; factor: number } | undefined {
  return UNITS[word];
}

/** Letter sizes of clothing; a size marker before one of them is dropped too ("Größe L"). */
export const LETTER_SIZES = new Set(['xxs', 'xs', 's', 'm', 'l', 'xl', 'xxl', 'xxxl']);

/** A number without float noise: 0.30000000000000004 → "0.3", 2 → "2". */
export function formatNumber(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

/**
 * The canonical quantity token for a number and a unit word.
 *
 * @example quantityToken(500, 'ml') // '0.5l'
 */
export function quantityToken(value: number, unitWord: string): string | undefined {
  const u = UNITS[unitWord];
  return u ? formatNumber(value * u.factor) + u.unit : undefined;
}

/**
 * The unit of a quantity token ("0.5l" → "l"), '#' for a bare number, 'size' for a letter size,
 * undefined for a word. Two different tokens of one class contradict each other.
 */
export function numberClass(token: string): string | undefined {
  if (LETTER_SIZES.has(token)) return 'size';
  const m = /^\d+(?:\.\d+)?([a-z]*)$/.exec(token);
  if (!m) return undefined;
  return m[1] === '' ? '#' : m[1];
}

/** Words that only announce a size: "Größe 42", "Gr. 42", "size 42". Dropped before a number. */
export const SIZE_MARKERS = new Set(['grosse', 'gr', 'size', 'grossen', 'schuhgrosse', 'konfektionsgrosse']);

