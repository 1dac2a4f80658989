import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateCatalog } from '../../bench/matching/generate-catalog.js';
import { generateQueries } from '../../bench/matching/generate-queries.js';
import { buildMatcher } from '../../src/catalog/matching/index.js';

describe('benchmark generator', () => {
  it('makes the same catalog and queries on every run', () => {
    const a = generateCatalog(3000);
    const b = generateCatalog(3000);
    assert.deepEqual(a.products, b.products);
    assert.deepEqual(generateQueries(a, 200), generateQueries(b, 200));
  });

  it('makes unique bilingual products and labels each query with one of them', () => {
    const catalog = generateCatalog(3000);
    assert.equal(catalog.products.length, 3000);
    const keys = new Set(catalog.products.map((p) => `${p.brand}|${p.name.de}|${p.size ?? ''}|${JSON.stringify(p.attributes ?? {})}`));
    assert.equal(keys.size, 3000);
    const ids = new Set(catalog.products.map((p) => p.id));
    for (const q of generateQueries(catalog, 300)) assert.ok(ids.has(q.expected) && q.text.length > 0);
  });

  it('is solved by the matcher at the issue target on a small catalog (≥95% top-1)', () => {
    const catalog = generateCatalog(5000, 3);
    const queries = generateQueries(catalog, 400, 5);
    const matcher = buildMatcher(catalog.products);
    const hits = queries.filter((q) => matcher.search(q.text, q.language, 1).candidates[0]?.id === q.expected).length;
    assert.ok(hits / queries.length >= 0.95, `top-1 ${hits}/${queries.length}`);
  });
});
