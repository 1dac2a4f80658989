import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Product } from '../../src/catalog/commerce.js';
import { buildMatcher, buildMatcherInSlices, createMatcherHost } from '../../src/catalog/matching/index.js';

function product(id: string, de: string, en: string, extra: Partial<Product> = {}): Product {
  return {
    id, name: { de, en }, brand: 'Lindenhof', category: 'test', description: { de, en }, priceCents: 199,
    stock: 5, available: true, ...extra,
  };
}

const CATALOG: Product[] = [
  product('oat', 'Bio-Hafermilch 1 l', 'Organic Oat Milk 1 l'),
  product('oat-half', 'Bio-Hafermilch 0,5 l', 'Organic Oat Milk 0.5 l'),
  product('barista', 'Barista Hafermilch 1 l', 'Barista Oat Milk 1 l', { brand: 'Oatly' }),
  product('lemon', 'Spülmittel Zitrone 500 ml', 'Lemon Washing-Up Liquid 500 ml', { brand: 'Klarwerk' }),
  product('sensitive', 'Spülmittel Sensitiv 500 ml', 'Sensitive Washing-Up Liquid 500 ml', { brand: 'Klarwerk' }),
  product('max90', 'Nike Air Max 90', 'Nike Air Max 90', { brand: 'Nike' }),
  product('max97', 'Nike Air Max 97', 'Nike Air Max 97', { brand: 'Nike' }),
  ...[40, 41, 42, 43, 44].map((size) =>
    product(`zoom-${size}`, 'Laufschuh Air Zoom blau', 'Air Zoom Running Shoe blue', {
      brand: 'Nike', size: String(size), attributes: { colour: 'blau', size: String(size) }, variantGroup: 'zoom',
    })),
  product('honey', 'Blütenhonig 500 g', 'Blossom Honey 500 g'),
  product('chocolate', 'Vollmilchschokolade 100 g', 'Milk Chocolate 100 g'),
  product('oat-choc', 'Hafermilch Schoko 1 l', 'Chocolate Oat Milk 1 l'),
  product('sold-out', 'Sojadrink 1 l', 'Soy Drink 1 l', { available: false }),
  product('soy-2', 'Sojadrink Vanille 1 l', 'Vanilla Soy Drink 1 l'),
];
const matcher = buildMatcher(CATALOG);

function first(spoken: string, language: 'de' | 'en' = 'de'): string | undefined {
  return matcher.search(spoken, language).candidates[0]?.id;
}

describe('matcher: finding the product', () => {
  it('matches split and joined compounds', () => {
    assert.equal(first('bio hafer milch ein liter'), 'oat');
    assert.equal(first('biohafermilch'), 'oat');
    assert.equal(first('nike airmax neunzig'), 'max90');
    assert.equal(first('vollmilch schokolade'), 'chocolate');
  });
  it('reaches compounds by their head and colloquial forms by their stem', () => {
    assert.equal(first('honig'), 'honey');
    assert.equal(first('spüli zitrone'), 'lemon');
  });
  it('turns number words into digits before matching, and a contradicting number costs', () => {
    assert.equal(first('nike air max neunzig'), 'max90');
    assert.equal(first('air max siebenundneunzig'), 'max97');
    assert.equal(first('air max ninety seven', 'en'), 'max97');
    assert.equal(first('bio hafermilch ein halber liter'), 'oat-half');
    assert.equal(first('organic oat milk half a litre', 'en'), 'oat-half');
  });
  it('picks the variant by size and colour', () => {
    assert.equal(first('air zoom in blau größe zweiundvierzig'), 'zoom-42');
    assert.equal(first('air zoom blue size forty four', 'en'), 'zoom-44');
  });
  it('finds English names in German speech and the reverse', () => {
    assert.equal(first('organic oat milk', 'de'), 'oat');
    assert.equal(first('barista hafermilch', 'en'), 'barista');
  });
  it('forgives misheard letters', () => {
    assert.equal(first('spülmitel tsitrone'), 'lemon');
    assert.equal(first('bio hafermilsch'), 'oat');
  });
  it('keeps word order as a signal: "milk chocolate" is not "chocolate oat milk"', () => {
    assert.equal(first('milk chocolate', 'en'), 'chocolate');
  });
  it('ranks what was said above availability, and availability breaks ties', () => {
    assert.equal(first('sojadrink'), 'sold-out');
    // Two products alike in every word: the one in stock comes first, whatever the catalog order.
    const twins = buildMatcher([
      product('twin-gone', 'Kokosdrink 1 l', 'Coconut Drink 1 l', { available: false, stock: 0 }),
      product('twin-here', 'Kokosdrink 1 l', 'Coconut Drink 1 l'),
    ]);
    assert.deepEqual(twins.search('kokosdrink', 'de').candidates.map((c) => c.id), ['twin-here', 'twin-gone']);
  });
});

describe('matcher: decision', () => {
  it('answers when one product stands clear', () => {
    const r = matcher.search('spülmittel zitrone', 'de');
    assert.equal(r.decision, 'answer');
    assert.equal(r.candidates[0]?.id, 'lemon');
  });
  it('asks which one when two or three fit about equally', () => {
    const milk = matcher.search('hafermilch', 'de');
    assert.equal(milk.decision, 'ask');
    const ids = milk.candidates.map((c) => c.id);
    assert.ok(ids.includes('barista') && ids.includes('oat'), ids.join());
    const max = matcher.search('air max', 'de');
    assert.equal(max.decision, 'ask');
    assert.deepEqual(max.candidates.slice(0, 2).map((c) => c.id).sort(), ['max90', 'max97']);
  });
  it('says none when nothing fits', () => {
    assert.equal(matcher.search('xylophon', 'de').decision, 'none');
    assert.deepEqual(matcher.search('bitte', 'de'), { decision: 'none', candidates: [] });
  });
  it('returns at most `limit` candidates, best first, with scores in 0..1', () => {
    const r = matcher.search('air zoom', 'de', 3);
    assert.equal(r.candidates.length, 3);
    for (let i = 0; i < r.candidates.length; i++) {
      const c = r.candidates[i]!;
      assert.ok(c.score > 0 && c.score <= 1);
      if (i > 0) assert.ok(c.score <= r.candidates[i - 1]!.score);
    }
  });
});

describe('matcher: building and refreshing', () => {
  it('builds in slices to the same result', async () => {
    const sliced = await buildMatcherInSlices(CATALOG, 3);
    for (const q of ['hafermilch', 'air max neunzig', 'honig']) assert.deepEqual(sliced.search(q, 'de'), matcher.search(q, 'de'));
  });
  it('swaps in a rebuilt matcher when the catalog version changes, without making callers wait', async () => {
    let version = 'v1';
    let products = CATALOG.slice(0, 3);
    let clock = 0;
    let builds = 0;
    let releaseBuild: () => void = () => {};
    const host = createMatcherHost(async () => products, async () => version, {
      checkEveryMs: 10,
      now: () => clock,
      build: async (list) => {
        builds++;
        if (builds > 1) await new Promise<void>((resolve) => (releaseBuild = resolve));
        return buildMatcher(list);
      },
    });
    const v1 = await host.matcher();
    assert.equal(host.version, 'v1');
    assert.equal(v1.size, 3);
    version = 'v2';
    products = CATALOG;
    clock = 20;
    // The rebuild is pending: callers get the old matcher at once, and no second build starts.
    assert.equal(await host.matcher(), v1);
    assert.equal(await host.matcher(), v1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(builds, 2);
    releaseBuild();
    await host.refresh();
    const v2 = await host.matcher();
    assert.equal(host.version, 'v2');
    assert.equal(v2.size, CATALOG.length);
  });
});
