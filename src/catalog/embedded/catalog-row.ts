import type { Product, UnitOfMeasure } from '../commerce.js';

/** A problem with one row of an import file, as the merchant sees it. */
export interface RowError {
  /** CSV: the line number in the file (header = 1). JSON: the position in the array (first = 1). */
  row: number;
  /** The column or property at fault, when there is one. */
  field?: string;
  /** What is wrong, e.g. `price "abc" is not a price in euro`. */
  message: string;
}

/** "row 7: price "abc" is not a price in euro" */
export function formatRowError(error: RowError): string {
  return `row ${error.row}: ${error.message}`;
}

/** Columns (CSV) and properties (JSON) an import understands, besides `attr_<name>`. */
export const CATALOG_FIELDS = [
  'id', 'name_de', 'name_en', 'brand', 'category', 'description_de', 'description_en',
  'price', 'price_cents', 'unit_price', 'unit_price_cents', 'unit', 'size', 'variant_group', 'stock', 'attribute_labels',
] as const;

const UNITS: readonly UnitOfMeasure[] = ['l', 'kg', 'piece', 'm'];

/** One row with its raw values: strings from CSV; strings, numbers or anything from JSON. */
export type RawRow = Record<string, unknown>;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/**
 * Euro amount → cents. Accepts "3,49", "3.49", "3", "1.299,00" (German thousands), "3,49 €",
 * or a JSON number with at most two decimals. Anything else is refused rather than guessed.
 */
export function euroToCents(value: unknown): number | undefined {
  if (typeof value === 'number') {
    const cents = Math.round(value * 100);
    return Number.isFinite(value) && value >= 0 && Math.abs(value * 100 - cents) < 1e-6 ? cents : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/\s*(€|eur)$/i, '');
  let m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!m) {
    m = /^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$/.exec(text);
    if (m) m[1] = m[1]!.replace(/\./g, '');
  }
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

function wholeNumber(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Validates one row and builds the product, or says everything that is wrong with it.
 * Availability follows stock: a product with stock 0 is listed but not sold.
 */
export function productFromRawRow(raw: RawRow, row: number): { product?: Product; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, message: string) => errors.push({ row, field, message });

  const text = (field: string, required: boolean): string | undefined => {
    const value = raw[field];
    if (isBlank(value)) {
      if (required) fail(field, `${field} is missing`);
      return undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      fail(field, `${field} ${show(value)} is not text`);
      return undefined;
    }
    return String(value).trim();
  };
  const money = (euroField: string, centsField: string, required: boolean): number | undefined => {
    const euro = raw[euroField];
    const cents = raw[centsField];
    let fromEuro: number | undefined;
    let fromCents: number | undefined;
    if (!isBlank(euro)) {
      fromEuro = euroToCents(euro);
      if (fromEuro === undefined) fail(euroField, `${euroField} ${show(euro)} is not a price in euro (like 3,49)`);
    }
    if (!isBlank(cents)) {
      fromCents = wholeNumber(cents);
      if (fromCents === undefined) fail(centsField, `${centsField} ${show(cents)} is not a whole number of cents`);
    }
    if (fromEuro !== undefined && fromCents !== undefined && fromEuro !== fromCents) {
      fail(euroField, `${euroField} ${show(euro)} and ${centsField} ${show(cents)} disagree`);
    }
    if (isBlank(euro) && isBlank(cents) && required) fail(euroField, `${euroField} is missing (or give ${centsField})`);
    return fromEuro ?? fromCents;
  };

  const id = text('id', true);
  if (id !== undefined && !/^\S{1,64}$/.test(id)) fail('id', `id ${show(id)} must be 1 to 64 characters without spaces`);
  const nameDe = text('name_de', true);
  const nameEn = text('name_en', true);
  const brand = text('brand', false) ?? '';
  const category = text('category', false) ?? '';
  const descriptionDe = text('description_de', false) ?? '';
  const descriptionEn = text('description_en', false) ?? '';
  const priceCents = money('price', 'price_cents', true);
  const unitPriceCents = money('unit_price', 'unit_price_cents', false);
  const unitText = text('unit', false)?.toLowerCase();
  if (unitText !== undefined && !UNITS.includes(unitText as UnitOfMeasure)) {
    fail('unit', `unit ${show(raw.unit)} is not one of ${UNITS.join(', ')}`);
  }
  const hasUnitPrice = !isBlank(raw.unit_price) || !isBlank(raw.unit_price_cents);
  if (hasUnitPrice && unitText === undefined) fail('unit', 'unit is missing (unit_price needs it: l, kg, piece or m)');
  if (!hasUnitPrice && unitText !== undefined) fail('unit_price', `unit_price is missing (unit is ${show(raw.unit)})`);
  const size = text('size', false);
  const variantGroup = text('variant_group', false);
  let stock: number | undefined;
  if (isBlank(raw.stock)) fail('stock', 'stock is missing (0 means sold out)');
  else if ((stock = wholeNumber(raw.stock)) === undefined) fail('stock', `stock ${show(raw.stock)} is not a whole number`);
  const attributes = attributesOf(raw, fail);
  const attributeLabels = attributeLabelsOf(raw, attributes, fail);

  if (errors.length > 0) return { errors };
  const product: Product = {
    id: id!,
    name: { de: nameDe!, en: nameEn! },
    brand,
    category,
    description: { de: descriptionDe, en: descriptionEn },
    priceCents: priceCents!,
    stock: stock!,
    available: stock! > 0,
  };
  if (unitPriceCents !== undefined) product.unitPrice = { cents: unitPriceCents, unit: unitText as UnitOfMeasure };
  if (size !== undefined) product.size = size;
  if (Object.keys(attributes).length > 0) product.attributes = attributes;
  if (Object.keys(attributeLabels).length > 0) product.attributeLabels = attributeLabels;
  if (variantGroup !== undefined) product.variantGroup = variantGroup;
  return { product, errors };
}

function attributesOf(raw: RawRow, fail: (field: string, message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (field: string, name: string, value: unknown) => {
    if (isBlank(value)) return;
    if (typeof value !== 'string' && typeof value !== 'number') fail(field, `${field} ${show(value)} is not text`);
    else out[name] = String(value).trim();
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('attr_') && key.length > 5 && !LABEL_COLUMN.test(key)) add(key, key.slice(5), value);
  }
  const nested = raw.attributes;
  if (!isBlank(nested)) {
    if (typeof nested !== 'object' || Array.isArray(nested)) fail('attributes', 'attributes must be an object like {"colour": "blau"}');
    else for (const [name, value] of Object.entries(nested as object)) add(`attributes.${name}`, name, value);
  }
  return out;
}

/** `attr_<name>_de` / `attr_<name>_en`: how an attribute's value is said in that language. */
const LABEL_COLUMN = /^attr_(.+)_(de|en)$/;

function attributeLabelsOf(
  raw: RawRow,
  attributes: Record<string, string>,
  fail: (field: string, message: string) => void,
): NonNullable<Product['attributeLabels']> {
  const out: NonNullable<Product['attributeLabels']> = {};
  const add = (field: string, name: string, language: 'de' | 'en', value: unknown) => {
    if (isBlank(value)) return;
    if (typeof value !== 'string' && typeof value !== 'number') return fail(field, `${field} ${show(value)} is not text`);
    if (attributes[name] === undefined) return fail(field, `${field} labels attribute "${name}", which this row does not have`);
    (out[name] ??= {})[language] = String(value).trim();
  };
  for (const [key, value] of Object.entries(raw)) {
    const m = LABEL_COLUMN.exec(key);
    if (m) add(key, m[1]!, m[2] as 'de' | 'en', value);
  }
  const nested = raw.attribute_labels;
  if (!isBlank(nested) && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [name, labels] of Object.entries(nested as Record<string, unknown>)) {
      if (typeof labels !== 'object' || labels === null) continue;
      for (const language of ['de', 'en'] as const) add(`attribute_labels.${name}.${language}`, name, language, (labels as Record<string, unknown>)[language]);
    }
  }
  return out;
}
