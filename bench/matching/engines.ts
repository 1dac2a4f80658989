import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Product } from '../../src/catalog/commerce.js';
import { buildMatcher } from '../../src/catalog/matching/index.js';
import type { Language } from '../../src/catalog/commerce.js';

/** One search engine under test: built once, then asked for its top ids. */
export interface Engine {
  search(text: string, language: Language): string[];
}

export type EngineName = 'shopvoice' | 'minisearch' | 'flexsearch';
export const ENGINE_NAMES: EngineName[] = ['shopvoice', 'minisearch', 'flexsearch'];

/** Everything a plain engine can see of a product, in one text: both names, brand, variants. */
function plainText(p: Product): string {
  return [p.name.de, p.name.en, p.brand, p.size ?? '', ...Object.values(p.attributes ?? {})].join(' ');
}

/**
 * Builds an engine over the products. The baselines run as their READMEs show them, over the
 * same fields the matcher sees: MiniSearch with prefix and fuzzy (0.2) search, FlexSearch with
 * forward tokenisation and `suggest`; neither gets our normalisation.
 */
export function buildEngine(name: EngineName, products: Product[]): Engine {
  if (name === 'shopvoice') {
    const matcher = buildMatcher(products);
    return { search: (text, language) => matcher.search(text, language, 3).candidates.map((c) => c.id) };
  }
  if (name === 'minisearch') {
    const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], idField: 'id' });
    for (let i = 0; i < products.length; i++) index.add({ id: i, text: plainText(products[i]!) });
    return {
      search: (text) => index.search(text, { prefix: true, fuzzy: 0.2 }).slice(0, 3).map((r) => products[r.id as number]!.id),
    };
  }
  const index = new FlexSearch.Index({ tokenize: 'forward' });
  for (let i = 0; i < products.length; i++) index.add(i, plainText(products[i]!));
  // `suggest` lets FlexSearch answer when not every spoken word is in a product (its default is AND).
  return { search: (text) => index.search(text, { limit: 3, suggest: true }).map((i) => products[i as number]!.id) };
}
