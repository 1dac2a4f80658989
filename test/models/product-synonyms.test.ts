import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../src/catalog/commerce.js';
import { fillSlotTypes } from '../../src/models/slot-values.js';
import { germanHeads, productSynonyms, transliterate } from '../../src/models/product-synonyms.js';
import { loadSource } from '../../src/models/load-source.js';
import { ALEXA_LIMITS, MAX_SYNONYMS_PER_VALUE } from '../../src/models/platform-limits.js';
import { tinyCatalog } from './support/tiny-catalog.js';

function product(id: string, de: string, en: string, brand: string, size?: string): Product {
  return {
    id, name: { de, en }, brand, category: 'x', description: { de: '', en: '' }, priceCents: 100, stock: 1, available: true,
    ...(size ? { size } : {}),
  };
}

describe('product synonyms', () => {
  const heads = germanHeads([]);

  it('drop the size and percentages, split hyphens and compounds, transliterate umlauts', () => {
    assert.deepEqual(productSynonyms(product('1', 'Bio-Vollmilch 3,8 % 1 l', 'Organic Whole Milk 1 l', 'Lindenhof', '1 l'), 'de', heads),
      ['bio-vollmilch', 'bio vollmilch', 'biovollmilch', 'bio voll milch']);
    assert.deepEqual(productSynonyms(product('2', 'Beerenmüsli 750 g', 'Berry Muesli 750 g', 'X', '750 g'), 'de', heads),
      ['beerenmüsli', 'beeren müsli', 'beerenmuesli']);
  });

  it('drop the brand, keep model numbers, drop "Größe …"', () => {
    assert.deepEqual(productSynonyms(product('3', 'Nike Air Max 90', 'Nike Air Max 90', 'Nike'), 'en'), ['air max 90']);
    assert.deepEqual(productSynonyms(product('4', 'Laufschuh Air Zoom blau Größe 42', 'x', 'Nike', '42'), 'de', heads),
      ['laufschuh air zoom blau', 'lauf schuh air zoom blau']);
  });

  it('add British and American spellings in English', () => {
    assert.deepEqual(productSynonyms(product('5', 'x', 'Greek Yoghurt 500 g', 'Olympos', '500 g'), 'en'), ['greek yoghurt', 'greek yogurt']);
    assert.equal(transliterate('Fußball Größe'), 'Fussball Groesse');
  });

  it('fill the slot types from the shop, merge source synonyms by id, and stay within the limits', async () => {
    const { source } = await loadSource('test/models/fixtures/minimal/source');
    const de = source!.languages.find((l) => l.language === 'de')!;
    const { types } = fillSlotTypes(de, tinyCatalog);
    assert.deepEqual(types.FaqTopic, [{ id: 'returns', value: 'rückgabe', synonyms: ['retoure', 'umtausch'] }]);
    assert.deepEqual(types.StoreName?.[0]?.synonyms, ['filiale münchen', 'munich store', 'münchen', 'filiale muenchen', 'muenchen']);
    assert.deepEqual(types.ProductName?.map((v) => v.id), ['P-1', 'P-2']);
    for (const v of Object.values(types).flat()) {
      assert.ok(v.synonyms.length <= MAX_SYNONYMS_PER_VALUE);
      for (const s of [v.value, ...v.synonyms]) assert.ok(s.length <= ALEXA_LIMITS.slotValueChars.value);
    }
  });

  it('cap the product list to the custom-slot-value limit, available products first', async () => {
    const { source } = await loadSource('test/models/fixtures/minimal/source');
    const en = source!.languages.find((l) => l.language === 'en')!;
    const many = Array.from({ length: 26_000 }, (_, i) => ({
      ...product(`P-${String(i).padStart(5, '0')}`, `Brand Artikel ${i}`, `Brand Item ${i}`, 'Brand'),
      available: i % 2 === 0,
    }));
    const { types, notes } = fillSlotTypes(en, { ...tinyCatalog, products: many });
    const total = Object.values(types).flat().reduce((n, v) => n + 1 + v.synonyms.length, 0);
    assert.ok(total <= ALEXA_LIMITS.customSlotValues.value, String(total));
    const kept = new Set(types.ProductName!.map((v) => v.id));
    assert.ok(many.filter((p) => p.available).every((p) => kept.has(p.id)), 'every available product is kept');
    assert.ok(kept.size < many.length);
    assert.match(notes.join('\n'), /ProductName: \d+ of 26000 values left out to stay within 50000 custom slot values/);
  });
});
