import { readFile } from 'node:fs/promises';
import type { NluModel } from '../../src/simulator/nlu-model.js';

/** The product texts of the locale files whose fixed words mark a product answer. */
const PRODUCT_KEYS = ['notFound', 'nearest', 'whichOne', 'whichOneReprompt', 'soldOut', 'inStock', 'lowStock_one', 'lowStock_other', 'variants'];

/**
 * A test for "this reply is a product answer": it names a catalog product, or it says one of the
 * product texts of locales/<lang>/speech.json (their fixed words, e.g. "habe ich leider nicht
 * gefunden", "The closest match is"). Built from the files the skill speaks from, so a reworded
 * text is still recognised.
 */
export async function productAnswerTest(model: NluModel, language: 'de' | 'en'): Promise<(speech: string) => boolean> {
  const texts = JSON.parse(await readFile(new URL(`../../locales/${language}/speech.json`, import.meta.url), 'utf8')).product as Record<string, string>;
  const fragments = PRODUCT_KEYS.flatMap((k) => (texts[k] ? texts[k]!.split(/\{\{[^}]+\}\}/) : []))
    .map((f) => f.replace(/^[\s.,:;!?]+|[\s.,:;!?]+$/g, '').toLowerCase())
    .filter((f) => f.length >= 8);
  const names = new Set<string>();
  for (const values of model.types.get('ProductName')?.byKey.values() ?? []) for (const v of values) names.add(v.name.toLowerCase());
  return (speech) => {
    const said = speech.toLowerCase();
    return fragments.some((f) => said.includes(f)) || [...names].some((n) => said.includes(n));
  };
}
