import type { Database } from 'better-sqlite3';
import type { Product, UnitOfMeasure } from '../commerce.js';

/** A row of the `products` table as better-sqlite3 returns it. */
export interface ProductRow {
  id: string;
  name_de: string;
  name_en: string;
  brand: string;
  category: string;
  description_de: string;
  description_en: string;
  price_cents: number;
  unit_price_cents: number | null;
  unit: string | null;
  size: string | null;
  attributes: string | null;
  variant_group: string | null;
  attribute_labels?: string | null;
  stock: number;
  available: number;
}

/** Maps a `products` row to the port's Product, leaving absent optionals out. */
export function productFromRow(row: ProductRow): Product {
  const product: Product = {
    id: row.id,
    name: { de: row.name_de, en: row.name_en },
    brand: row.brand,
    category: row.category,
    description: { de: row.description_de, en: row.description_en },
    priceCents: row.price_cents,
    stock: row.stock,
    available: row.available === 1,
  };
  if (row.unit_price_cents !== null && row.unit !== null) {
    product.unitPrice = { cents: row.unit_price_cents, unit: row.unit as UnitOfMeasure };
  }
  if (row.size !== null) product.size = row.size;
  if (row.attributes !== null) product.attributes = JSON.parse(row.attributes) as Record<string, string>;
  if (row.variant_group !== null) product.variantGroup = row.variant_group;
  if (row.attribute_labels) product.attributeLabels = JSON.parse(row.attribute_labels) as Product['attributeLabels'];
  return product;
}

/** Inserts products; the caller owns the transaction. A duplicate id throws. */
export function insertProducts(db: Database, products: Product[]): void {
  const insert = db.prepare(`
    INSERT INTO products (id, name_de, name_en, brand, category, description_de, description_en, price_cents,
      unit_price_cents, unit, size, attributes, variant_group, stock, available, attribute_labels)
    VALUES (@id, @name_de, @name_en, @brand, @category, @description_de, @description_en, @price_cents,
      @unit_price_cents, @unit, @size, @attributes, @variant_group, @stock, @available, @attribute_labels)`);
  for (const p of products) {
    const row: ProductRow = {
      id: p.id,
      name_de: p.name.de,
      name_en: p.name.en,
      brand: p.brand,
      category: p.category,
      description_de: p.description.de,
      description_en: p.description.en,
      price_cents: p.priceCents,
      unit_price_cents: p.unitPrice?.cents ?? null,
      unit: p.unitPrice?.unit ?? null,
      size: p.size ?? null,
      attributes: p.attributes && Object.keys(p.attributes).length > 0 ? JSON.stringify(p.attributes) : null,
      variant_group: p.variantGroup ?? null,
      attribute_labels: p.attributeLabels && Object.keys(p.attributeLabels).length > 0 ? JSON.stringify(p.attributeLabels) : null,
      stock: p.stock,
      available: p.available ? 1 : 0,
    };
    insert.run(row);
  }
}
