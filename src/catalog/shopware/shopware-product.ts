import type { Schemas } from '@shopware/api-client/store-api-types';
import type { Language } from '../commerce.js';
import type { Product, UnitOfMeasure } from '../commerce.js';

type ShopwareProduct = Schemas['Product'];

/** Product associations every catalog read asks for: variant options with their groups, brand, unit. */
export const PRODUCT_ASSOCIATIONS = {
  options: { associations: { group: {} } },
  manufacturer: {},
  unit: {},
} as const;

/**
 * Spoken attribute keys for property group names, as merchants name them in either language.
 * A group not listed here is keyed by its lower-cased name in the shop's first language.
 */
export const DEFAULT_ATTRIBUTE_KEYS: Record<string, string> = {
  farbe: 'colour', colour: 'colour', color: 'colour',
  'größe': 'size', groesse: 'size', size: 'size', 'schuhgröße': 'size',
};

/** Shopware's reference-price unit names (short codes, German or English names) in our units. */
const UNITS: Record<string, UnitOfMeasure> = {
  l: 'l', liter: 'l', litre: 'l',
  kg: 'kg', kilogramm: 'kg', kilogram: 'kg',
  'stück': 'piece', stk: 'piece', piece: 'piece', pc: 'piece',
  m: 'm', meter: 'm', metre: 'm',
};

const cents = (euros: number) => Math.round(euros * 100);

const translatedText = (entity: { translated?: Record<string, unknown>; [k: string]: unknown } | undefined, field: string): string => {
  if (!entity) return '';
  const value = entity.translated?.[field] ?? entity[field];
  return typeof value === 'string' ? value : '';
};

/** Shopware descriptions are HTML; the customer hears words. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** A product container (the parent of variants) is not sold itself. */
export function isVariantContainer(product: ShopwareProduct): boolean {
  return (product.childCount ?? 0) > 0;
}

/**
 * One product as the port speaks it, from the same product read in each language. Our product id
 * is Shopware's product number (the merchant's SKU, stable and readable); the variant family is
 * the parent product's id. Prices are the sales channel's calculated (gross when it shows gross)
 * unit prices, in cents.
 *
 * @example toPortProduct({ de: productReadInGerman, en: productReadInEnglish }, DEFAULT_ATTRIBUTE_KEYS)
 */
export function toPortProduct(read: Record<Language, ShopwareProduct>, attributeKeys: Record<string, string>): Product {
  const de = read.de;
  const price = de.calculatedPrice;
  const product: Product = {
    id: de.productNumber,
    name: { de: translatedText(de, 'name'), en: translatedText(read.en, 'name') },
    brand: translatedText(de.manufacturer as never, 'name'),
    category: translatedText(de.seoCategory as never, 'name'),
    description: {
      de: plainText(translatedText(de, 'description')),
      en: plainText(translatedText(read.en, 'description')),
    },
    priceCents: cents(price.unitPrice),
    stock: Math.max(0, de.availableStock ?? de.stock),
    available: de.active !== false && de.available !== false,
  };
  const reference = price.referencePrice;
  const unit = reference ? UNITS[reference.unitName.toLowerCase()] : undefined;
  if (reference && unit && typeof reference.price === 'number') {
    // The reference price is per `referenceUnit` units (e.g. per 1 l); ours is per one unit.
    product.unitPrice = { cents: cents(reference.price / (reference.referenceUnit ?? 1)), unit };
  }
  const shortCode = de.unit?.shortCode;
  if (de.purchaseUnit && shortCode) product.size = `${de.purchaseUnit} ${shortCode}`;
  if (de.parentId) {
    product.variantGroup = de.parentId;
    const attributes: Record<string, string> = {};
    for (const option of de.options ?? []) {
      const groupName = translatedText(option.group as never, 'name').toLowerCase();
      const key = attributeKeys[groupName] ?? groupName;
      attributes[key] = translatedText(option as never, 'name');
    }
    if (Object.keys(attributes).length > 0) product.attributes = attributes;
    if (!product.size && attributes.size) product.size = attributes.size;
  }
  return product;
}
