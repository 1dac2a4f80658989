import type { Product, UnitOfMeasure } from '../../commerce.js';

/** One demo product as written in the seed lists; `toProduct` fills in the rest. */
export interface SeedRow {
  id: string;
  de: string;
  en: string;
  brand: string;
  /** Price in euro cents. */
  price: number;
  /** Size as sold: "1 l", "500 g", "6 x 1,5 l", "42", "10 Stück". */
  size?: string;
  stock: number;
  /** Description: German, English. */
  about: [string, string];
  attributes?: Record<string, string>;
  attributeLabels?: Product['attributeLabels'];
  variantGroup?: string;
  /** Listed but not sold right now, whatever the stock says. */
  discontinued?: boolean;
}

const UNIT_FACTORS: Record<string, { unit: UnitOfMeasure; factor: number }> = {
  ml: { unit: 'l', factor: 0.001 },
  l: { unit: 'l', factor: 1 },
  g: { unit: 'kg', factor: 0.001 },
  kg: { unit: 'kg', factor: 1 },
};

/**
 * The price per litre or kilogram that PAngV § 4 asks for on goods sold by volume or weight,
 * derived from the size ("500 ml", "6 x 1,5 l"). Sizes counted in pieces have none.
 */
export function unitPriceFromSize(priceCents: number, size: string | undefined): Product['unitPrice'] {
  const m = size?.match(/^(?:(\d+)\s*x\s*)?(\d+(?:,\d+)?)\s*(ml|l|g|kg)$/i);
  if (!m) return undefined;
  const count = m[1] ? Number(m[1]) : 1;
  const amount = Number(m[2]!.replace(',', '.'));
  const { unit, factor } = UNIT_FACTORS[m[3]!.toLowerCase()]!;
  const quantity = count * amount * factor;
  return { cents: Math.round(priceCents / quantity), unit };
}

/** Turns a seed row into a catalog product of `category`. */
export function toProduct(category: string, row: SeedRow): Product {
  const product: Product = {
    id: row.id,
    name: { de: row.de, en: row.en },
    brand: row.brand,
    category,
    description: { de: row.about[0], en: row.about[1] },
    priceCents: row.price,
    stock: row.stock,
    available: row.stock > 0 && !row.discontinued,
  };
  const unitPrice = unitPriceFromSize(row.price, row.size);
  if (unitPrice) product.unitPrice = unitPrice;
  if (row.size) product.size = row.size;
  if (row.attributes) product.attributes = row.attributes;
  if (row.attributeLabels) product.attributeLabels = row.attributeLabels;
  if (row.variantGroup) product.variantGroup = row.variantGroup;
  return product;
}

/** A family of variants: one product per combination of the given attribute values. */
export interface VariantFamily {
  group: string;
  /** First id; the others count up from it. */
  firstId: number;
  brand: string;
  price: number;
  about: [string, string];
  /** Builds the names from one combination, e.g. { colour: 'blau', size: '42' }. */
  name: (attrs: Record<string, string>) => { de: string; en: string; size?: string };
  axes: Record<string, string[]>;
  /** Stock per combination key "blau/42"; others get `defaultStock`. */
  stock?: Record<string, number>;
  defaultStock: number;
}

/** How the demo shop's colours are said: German as a noun ("in Schwarz"), English in lower case. */
const COLOUR_LABELS: Record<string, { de: string; en: string }> = {
  blau: { de: 'Blau', en: 'blue' },
  schwarz: { de: 'Schwarz', en: 'black' },
  rot: { de: 'Rot', en: 'red' },
  lila: { de: 'Lila', en: 'purple' },
  grau: { de: 'Grau', en: 'grey' },
  weiß: { de: 'Weiß', en: 'white' },
};

/** Expands a variant family into seed rows sharing its `variantGroup`. */
export function variants(family: VariantFamily): SeedRow[] {
  const names = Object.keys(family.axes);
  let combos: Array<Record<string, string>> = [{}];
  for (const axis of names) {
    combos = combos.flatMap((c) => family.axes[axis]!.map((v) => ({ ...c, [axis]: v })));
  }
  return combos.map((attrs, i) => {
    const { de, en, size } = family.name(attrs);
    const key = names.map((n) => attrs[n]).join('/');
    const row: SeedRow = {
      id: `P-${family.firstId + i}`,
      de,
      en,
      brand: family.brand,
      price: family.price,
      stock: family.stock?.[key] ?? family.defaultStock,
      about: family.about,
      attributes: attrs,
      variantGroup: family.group,
    };
    if (size) row.size = size;
    const colour = attrs.colour !== undefined ? COLOUR_LABELS[attrs.colour] : undefined;
    if (colour) row.attributeLabels = { colour };
    return row;
  });
}
