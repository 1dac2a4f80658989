import type { Product, UnitOfMeasure } from '../commerce.js';
import type { RowError } from './catalog-row.js';

/** A price this many times its category's median is most likely a typo (1.299,00 € for socks). */
const PRICE_FACTOR = 20;
/** Medians need a few prices to mean anything. */
const MIN_CATEGORY_SIZE = 3;
/** A unit price more than this far from price ÷ size is inconsistent (rounding stays inside). */
const UNIT_PRICE_TOLERANCE = 0.1;

const SIZE = /^(\d+(?:[.,]\d+)?)\s*(ml|cl|l|g|kg|cm|m|stück|stk|st|pieces?|pcs)\.?$/i;
const BASE: Record<string, { unit: UnitOfMeasure; factor: number }> = {
  ml: { unit: 'l', factor: 0.001 }, cl: { unit: 'l', factor: 0.01 }, l: { unit: 'l', factor: 1 },
  g: { unit: 'kg', factor: 0.001 }, kg: { unit: 'kg', factor: 1 },
  cm: { unit: 'm', factor: 0.01 }, m: { unit: 'm', factor: 1 },
  stück: { unit: 'piece', factor: 1 }, stk: { unit: 'piece', factor: 1 }, st: { unit: 'piece', factor: 1 },
  piece: { unit: 'piece', factor: 1 }, pieces: { unit: 'piece', factor: 1 }, pcs: { unit: 'piece', factor: 1 },
};

/** "500 g" → 0.5 kg; undefined for sizes it cannot read ("6 x 1,5 l", "M"). */
function sizeInBaseUnit(size: string | undefined): { unit: UnitOfMeasure; amount: number } | undefined {
  const m = size ? SIZE.exec(size.trim()) : null;
  if (!m) return undefined;
  const base = BASE[m[2]!.toLowerCase()]!;
  const amount = Number(m[1]!.replace(',', '.')) * base.factor;
  return amount > 0 ? { unit: base.unit, amount } : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * Values that look wrong but may be right, so they warn instead of blocking the import: a price
 * more than 20× its category's median, a unit price that does not fit price ÷ size.
 *
 * @example plausibilityWarnings(products, (id) => rowOf.get(id)!) // [{ row: 7, field: 'price', message: … }]
 */
export function plausibilityWarnings(products: readonly Product[], rowOf: (id: string) => number): RowError[] {
  const warnings: RowError[] = [];
  const byCategory = new Map<string, number[]>();
  for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p.priceCents]);
  const medians = new Map([...byCategory].filter(([, prices]) => prices.length >= MIN_CATEGORY_SIZE).map(([c, prices]) => [c, median(prices)]));
  for (const p of products) {
    const typical = medians.get(p.category);
    if (typical !== undefined && typical > 0 && p.priceCents > PRICE_FACTOR * typical) {
      warnings.push({ row: rowOf(p.id), field: 'price', message: `price ${euros(p.priceCents)} is more than ${PRICE_FACTOR}× the median of "${p.category}" (${euros(typical)}): a typo?` });
    }
    const size = sizeInBaseUnit(p.size);
    if (p.unitPrice && size && size.unit === p.unitPrice.unit) {
      const expected = p.priceCents / size.amount;
      if (Math.abs(p.unitPrice.cents - expected) > Math.max(1, UNIT_PRICE_TOLERANCE * expected)) {
        warnings.push({ row: rowOf(p.id), field: 'unit_price', message: `unit price ${euros(p.unitPrice.cents)} per ${p.unitPrice.unit} does not fit price ${euros(p.priceCents)} for ${p.size} (${euros(expected)} per ${size.unit})` });
      }
    }
  }
  return warnings.sort((a, b) => a.row - b.row);
}
