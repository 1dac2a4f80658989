import { readFile } from 'node:fs/promises';
import type { NluModel } from '../../src/simulator/nlu-model.js';

/** The product texts of the locale files whose fixed words mark a product answer. */
/** Key prefixes of the product texts (`notFound` covers `notFoundClose`, `variants` the variant kinds). */
const PRODUCT_KEYS = ['whichProduct', 'whichOne', 'didYouMean', 'notFound', 'found', 'priceWithUnit', 'inStock', 'soldOut', 'lowStock', 'alternative', 'variants'];

/**
 * A test for "this reply is a product answer": it names a catalog product, or it says one of the
 * product texts of locales/<lang>/speech.json (their fixed words, e.g. "habe ich leider nicht
 * gefunden", "The closest match is"). Built from the files the skill speaks from, so a reworded
 * text is still recognised.
 */
export async function productAnswerTest(model: NluModel, language: 'de' | 'en'): Promise<(speech: string) => boolean> {
  const texts = JSON.parse(await readFile(new URL(`../../locales/${language}/speech.json`, import.meta.url), 'utf8')).product as Record<string, unknown>;
  // A key holds a text, or texts by variant (`_formal`, plural forms, nested cases).
  const strings = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
  const keys = Object.keys(texts).filter((k) => PRODUCT_KEYS.some((p) => k.startsWith(p)));
  const fragments = keys.flatMap((k) => strings(texts[k]).flatMap((t) => t.split(/\{\{[^}]+\}\}/)))
    .map((f) => f.replace(/^[\s.,:;!?]+|[\s.,:;!?]+$/g, '').toLowerCase())
    .filter((f) => f.length >= 8);
  const names = new Set<string>();
  for (const values of model.types.get('ProductName')?.byKey.values() ?? []) for (const v of values) names.add(v.name.toLowerCase());
  return (speech) => {
    const said = speech.toLowerCase();
    return fragments.some((f) => said.includes(f)) || [...names].some((n) => said.includes(n));
  };
}
