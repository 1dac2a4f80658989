import type { Product } from '../../src/catalog/commerce.js';
import { seededRandom } from '../../test/support/seeded-random.js';
import { BRAND_SYLLABLES, CLOTHING_SIZES, FAMILIES, LINE_NUMBERS, LINE_WORDS, QUALIFIERS, SHOE_SIZES } from './catalog-words.js';

/** The shared seeded generator (mulberry32), so every run builds the very same catalog. */
export const random = seededRandom;

/** What a product is made of; queries are rendered from the same parts. -1 means absent. */
export interface ProductSpec {
  family: number;
  type: number;
  brand: number;
  brandInName: boolean;
  qualifier: number;
  /** Flavour or scent (pack goods) or colour (shoes, clothing, devices). */
  variant: number;
  /** Pack size index, clothing size index, or the shoe size itself. */
  size: number;
  line: number;
}

export interface Line {
  words: string[];
  number: number;
}

export interface Catalog {
  products: Product[];
  specs: ProductSpec[];
  brands: string[];
  lines: Line[];
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function makeBrands(count: number, rnd: () => number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const syllables = 2 + (rnd() < 0.35 ? 1 : 0);
    let name = '';
    for (let i = 0; i < syllables; i++) name += BRAND_SYLLABLES[Math.floor(rnd() * BRAND_SYLLABLES.length)];
    if (rnd() < 0.3) name += 'nrsxk'[Math.floor(rnd() * 5)];
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(cap(name));
  }
  return out;
}

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** The German and English names of a spec. */
export function renderNames(spec: ProductSpec, catalog: Pick<Catalog, 'brands' | 'lines'>): { de: string; en: string } {
  const family = FAMILIES[spec.family]!;
  const type = family.types[spec.type]!;
  const brand = spec.brandInName ? catalog.brands[spec.brand] + ' ' : '';
  const typeDe = type.de.replace('|', '');
  if (family.kind === 'pack') {
    const q = spec.qualifier >= 0 ? QUALIFIERS[spec.qualifier]! : undefined;
    const variant = spec.variant >= 0 ? family.variants[spec.variant]! : undefined;
    const size = family.sizes[spec.size]!;
    const de = `${brand}${q ? (q[0] === 'Bio' ? 'Bio-' : q[0] + ' ') : ''}${typeDe}${variant ? ' ' + variant[0] : ''} ${size}`;
    const en = `${brand}${q ? q[1] + ' ' : ''}${variant ? variant[1] + ' ' : ''}${type.en} ${size.replace(',', '.')}`;
    return { de, en };
  }
  const line = catalog.lines[spec.line]!;
  const lineName = line.words.join(' ') + (line.number ? ' ' + line.number : '');
  const colour = family.variants[spec.variant]!;
  return { de: `${brand}${typeDe} ${lineName} ${colour[0]}`, en: `${brand}${lineName} ${type.en} ${colour[1]}` };
}

function toProduct(id: number, spec: ProductSpec, catalog: Pick<Catalog, 'brands' | 'lines'>, rnd: () => number): Product {
  const family = FAMILIES[spec.family]!;
  const name = renderNames(spec, catalog);
  const product: Product = {
    id: `p${id}`,
    name,
    brand: catalog.brands[spec.brand]!,
    category: family.category,
    description: name,
    priceCents: 99 + Math.floor(rnd() * 9900),
    stock: Math.floor(rnd() * 50),
    available: rnd() < 0.92,
  };
  if (family.kind === 'pack') product.size = family.sizes[spec.size];
  else if (family.kind === 'shoe' || family.kind === 'clothing') {
    const size = family.kind === 'shoe' ? String(spec.size) : CLOTHING_SIZES[spec.size]!;
    product.size = size;
    product.attributes = { colour: family.variants[spec.variant]![0], size };
    product.variantGroup = `line${spec.line}`;
  } else product.attributes = { colour: family.variants[spec.variant]![0] };
  return product;
}

/**
 * A deterministic bilingual catalog of about `size` products in the shape of a German shop:
 * pack goods with qualifiers, flavours and pack sizes; shoes, clothing and devices in product
 * lines with colours and body sizes as variants. Brands are made-up syllable words, so a
 * misheard brand can be checked against every other brand.
 *
 * @example const { products } = generateCatalog(100_000, 7);
 */
export function generateCatalog(size: number, seed = 7): Catalog {
  const rnd = random(seed);
  const brands = makeBrands(Math.max(50, Math.round(size / 35)), rnd);
  const lines: Line[] = [];
  const lineNames = new Set<string>();
  const newLine = (): number => {
    for (;;) {
      const words = [pick(LINE_WORDS, rnd), pick(LINE_WORDS, rnd)];
      if (words[0] === words[1]) continue;
      const line = { words, number: pick(LINE_NUMBERS, rnd) };
      const key = `${line.words.join(' ')} ${line.number}`;
      // Lines repeat across brands only now and then, as "Air Max" exists once per brand.
      if (lineNames.has(key) && rnd() < 0.9) continue;
      lineNames.add(key);
      lines.push(line);
      return lines.length - 1;
    }
  };
  const specs: ProductSpec[] = [];
  const products: Product[] = [];
  const seen = new Set<string>();
  const push = (spec: ProductSpec): void => {
    const key = `${spec.family}.${spec.type}.${spec.brand}.${spec.qualifier}.${spec.variant}.${spec.size}.${spec.line}.${spec.brandInName}`;
    if (seen.has(key)) return;
    seen.add(key);
    specs.push(spec);
    products.push(toProduct(products.length, spec, { brands, lines }, rnd));
  };
  for (let f = 0; f < FAMILIES.length; f++) {
    const family = FAMILIES[f]!;
    const target = f === FAMILIES.length - 1 ? size : Math.min(size, products.length + Math.round(size * family.share));
    while (products.length < target) {
      const brand = Math.floor(rnd() * brands.length);
      const brandInName = rnd() < 0.6;
      const type = Math.floor(rnd() * family.types.length);
      if (family.kind === 'pack') {
        const qualifier = rnd() < 0.35 && family.qualifiers ? pick(family.qualifiers, rnd) : -1;
        const variant = rnd() < 0.7 ? Math.floor(rnd() * family.variants.length) : -1;
        push({ family: f, type, brand, brandInName, qualifier, variant, size: Math.floor(rnd() * family.sizes.length), line: -1 });
        continue;
      }
      const line = newLine();
      const colours = 1 + Math.floor(rnd() * 3);
      for (let c = 0; c < colours && products.length < target; c++) {
        const variant = Math.floor(rnd() * family.variants.length);
        const sizes = family.kind === 'shoe' ? SHOE_SIZES : family.kind === 'clothing' ? [0, 1, 2, 3] : [-1];
        for (const s of sizes) if (products.length < target) push({ family: f, type, brand, brandInName, qualifier: -1, variant, size: s, line });
      }
    }
  }
  return { products, specs, brands, lines };
}
