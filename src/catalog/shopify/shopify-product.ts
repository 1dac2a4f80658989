import type { Language } from '../commerce.js';
import type { Product, UnitOfMeasure } from '../commerce.js';

/** A product of the Storefront catalog page query (storefront-catalog-page.graphql). */
export interface StorefrontProduct {
  id: string;
  title: string;
  description: string;
  vendor: string;
  productType: string;
  variants: { nodes: StorefrontVariant[] };
}

export interface StorefrontVariant {
  id: string;
  sku: string | null;
  title: string;
  availableForSale: boolean;
  quantityAvailable: number | null;
  price: { amount: string };
  unitPrice: { amount: string } | null;
  unitPriceMeasurement: { referenceUnit: string | null; referenceValue: number } | null;
  selectedOptions: Array<{ name: string; value: string }>;
}

/** Shopify's variant title of a product without options. */
const DEFAULT_VARIANT_TITLE = 'Default Title';

const UNITS: Record<string, UnitOfMeasure> = { L: 'l', KG: 'kg', M: 'm', ITEM: 'piece' };

export const cents = (amount: string | number) => Math.round(Number(amount) * 100);

/** Our product id for a variant: its SKU (the merchant's article number), else its global id. */
export const variantKey = (variant: { id: string; sku: string | null }) => variant.sku || variant.id;

/**
 * One sellable variant as the port speaks it, from the same product read in each language. A
 * product with options is a variant family (its id the group); its variants are named by the
 * product title and the variant title ("Laufschuh Air Zoom" + "schwarz Größe 42").
 */
export function toPortProducts(read: Record<Language, StorefrontProduct>, attributeKeys: Record<string, string>): Product[] {
  const { de, en } = read;
  const english = new Map(en.variants.nodes.map((v) => [v.id, v]));
  const family = de.variants.nodes.length > 1;
  const name = (product: StorefrontProduct, variant: StorefrontVariant | undefined) =>
    !variant || variant.title === DEFAULT_VARIANT_TITLE || !family ? product.title : `${product.title} ${variant.title}`;
  return de.variants.nodes.map((variant) => {
    const product: Product = {
      id: variantKey(variant),
      name: { de: name(de, variant), en: name(en, english.get(variant.id)) },
      brand: de.vendor,
      category: de.productType,
      description: { de: de.description, en: en.description },
      priceCents: cents(variant.price.amount),
      stock: Math.max(0, variant.quantityAvailable ?? (variant.availableForSale ? 1 : 0)),
      available: variant.availableForSale,
    };
    const measure = variant.unitPriceMeasurement;
    const unit = measure?.referenceUnit ? UNITS[measure.referenceUnit] : undefined;
    if (variant.unitPrice && measure && unit) {
      product.unitPrice = { cents: Math.round(cents(variant.unitPrice.amount) / (measure.referenceValue || 1)), unit };
    }
    if (family) {
      product.variantGroup = de.id;
      const attributes: Record<string, string> = {};
      for (const option of variant.selectedOptions) {
        const key = attributeKeys[option.name.toLowerCase()] ?? option.name.toLowerCase();
        attributes[key] = option.value;
      }
      if (Object.keys(attributes).length > 0) product.attributes = attributes;
      if (attributes.size) product.size = attributes.size;
    }
    return product;
  });
}
