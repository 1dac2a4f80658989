import type { Language } from '../catalog/commerce.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import type { LanguageSource, SlotTypeSource } from './model-source.js';
import { ALEXA_LIMITS, MAX_SYNONYMS_PER_VALUE } from './platform-limits.js';
import { germanHeads, productSynonyms, speakable, transliterate } from './product-synonyms.js';

/** One value of a custom slot type as both platforms get it. */
export interface SlotValue {
  id: string;
  value: string;
  synonyms: string[];
}

/** The filled custom slot types of one language, plus what was left out and why. */
export interface FilledSlotTypes {
  types: Record<string, SlotValue[]>;
  notes: string[];
}

const key = (s: string): string => speakable(s, 'en');

function catalogValues(type: SlotTypeSource, catalog: CatalogSnapshot, language: Language, heads: Set<string>): SlotValue[] {
  switch (type.fromCatalog) {
    case 'products':
      return catalog.products.map((p) => ({ id: p.id, value: p.name[language].trim(), synonyms: productSynonyms(p, language, heads) }));
    case 'stores':
      return catalog.stores.map((s) => {
        const synonyms = [...s.aliases, s.city].map((a) => speakable(a, language));
        if (language === 'de') synonyms.push(...synonyms.filter((a) => /[äöüß]/.test(a)).map(transliterate));
        return { id: s.id, value: s.name.trim(), synonyms };
      });
    case 'faqTopics':
      return catalog.faqTopics.map((t) => {
        const [first = t.id, ...rest] = t.names[language];
        return { id: t.id, value: first.trim(), synonyms: rest.map((n) => speakable(n, language)) };
      });
    default:
      return [];
  }
}

/** Source values add synonyms to the shop's value with the same id, or add a value of their own. */
function mergeSourceValues(name: string, type: SlotTypeSource, values: SlotValue[], notes: string[]): SlotValue[] {
  const out = values.map((v) => ({ ...v, synonyms: [...v.synonyms] }));
  for (const extra of type.values) {
    const existing = out.find((v) => v.id === extra.id);
    if (existing) existing.synonyms.push(...(extra.synonyms ?? []));
    else if (extra.value) out.push({ id: extra.id, value: extra.value, synonyms: [...(extra.synonyms ?? [])] });
    else notes.push(`${name}: source value "${extra.id}" is not in the shop and has no value text; left out`);
  }
  return out;
}

/**
 * Cleans one type's values: no synonym twice on a value, none equal to any value's name, none
 * over the platform's length limit, at most `cap` each (products: MAX_SYNONYMS_PER_VALUE; the small
 * types keep every way people name them — a payment method is a synonym). A synonym may be
 * shared by several values (the variants of a product): Alexa's entity resolution then returns
 * all of them, and the backend asks which one was meant.
 */
function tidy(name: string, values: SlotValue[], notes: string[], cap: number): SlotValue[] {
  const maxChars = ALEXA_LIMITS.slotValueChars.value;
  const kept: SlotValue[] = [];
  const valueKeys = new Set<string>();
  for (const v of values) {
    if (v.value.length > maxChars || !v.value) {
      notes.push(`${name}: "${v.id}" left out, its name is empty or longer than ${maxChars} characters`);
    } else if (valueKeys.has(key(v.value))) {
      notes.push(`${name}: "${v.id}" left out, another value has the same name "${v.value}"`);
    } else {
      valueKeys.add(key(v.value));
      kept.push(v);
    }
  }
  for (const v of kept) {
    const seen = new Set<string>();
    v.synonyms = v.synonyms
      .map((s) => s.trim())
      .filter((s) => {
        const k = key(s);
        if (!s || s.length > maxChars || valueKeys.has(k) || seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .slice(0, cap);
  }
  return kept;
}

/**
 * Fills every custom slot type of a language from the shop and the source, then caps the
 * total to Alexa's limit of custom slot values (synonyms counted): the small types first, and
 * products last — available ones before the rest, each group by id.
 *
 * @example fillSlotTypes(source.languages[0], await readCatalog(shop)).types.ProductName
 */
export function fillSlotTypes(lang: LanguageSource, catalog: CatalogSnapshot): FilledSlotTypes {
  const notes: string[] = [];
  const heads = lang.language === 'de' ? germanHeads(catalog.products) : new Set<string>();
  const available = new Map(catalog.products.map((p) => [p.id, p.available]));
  const filled: Record<string, SlotValue[]> = {};
  const names = Object.keys(lang.slotTypes).sort((a, b) => {
    const products = (n: string): number => (lang.slotTypes[n]!.fromCatalog === 'products' ? 1 : 0);
    return products(a) - products(b) || (a < b ? -1 : a > b ? 1 : 0);
  });
  let budget = ALEXA_LIMITS.customSlotValues.value;
  for (const name of names) {
    const type = lang.slotTypes[name]!;
    const cap = type.fromCatalog === 'products' ? MAX_SYNONYMS_PER_VALUE : Number.POSITIVE_INFINITY;
    let values = tidy(name, mergeSourceValues(name, type, catalogValues(type, catalog, lang.language, heads), notes), notes, cap);
    if (type.fromCatalog === 'products') {
      values.sort((a, b) => Number(available.get(b.id) ?? false) - Number(available.get(a.id) ?? false) || (a.id < b.id ? -1 : 1));
    }
    const fits: SlotValue[] = [];
    for (const v of values) {
      const cost = 1 + v.synonyms.length;
      if (cost > budget) break;
      budget -= cost;
      fits.push(v);
    }
    if (fits.length < values.length) {
      notes.push(`${name}: ${values.length - fits.length} of ${values.length} values left out to stay within ${ALEXA_LIMITS.customSlotValues.value} custom slot values`);
    }
    values = fits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    filled[name] = values;
  }
  return { types: Object.fromEntries(Object.keys(lang.slotTypes).sort().map((n) => [n, filled[n]!])), notes };
}
