import { colognePhonetic } from 'cologne-phonetic';
import { doubleMetaphone } from 'double-metaphone';

/**
 * Phonetic keys of a folded word: Kölner Phonetik (German) and the primary Double Metaphone
 * code (English), each tagged so the two never collide. Misheard spellings ("Hafermilsch",
 * "Tsitrone", "Nike Er Max") share a key with the catalog word; typos often do not, which is
 * why these keys are a retrieval path and a ranking signal, never the index itself.
 *
 * @example phoneticKeys('zitrone') // ['k8276', 'mSTRN']
 */
export function phoneticKeys(word: string): string[] {
  // Three-letter words share keys with too much ("gel" and "kalo" are both 45).
  if (word.length < 4 || /\d/.test(word)) return [];
  const keys: string[] = [];
  const cologne = colognePhonetic(word);
  if (cologne.length >= 2) keys.push('k' + cologne);
  const [primary] = doubleMetaphone(word);
  if (primary.length >= 2) keys.push('m' + primary);
  return keys;
}
