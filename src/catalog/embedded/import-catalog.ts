import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Product } from '../commerce.js';
import { decodeTextFile, type TextEncodingName } from '../text/decode-text-file.js';
import { CATALOG_FIELDS, productFromRawRow, type RawRow, type RowError } from './catalog-row.js';
import { plausibilityWarnings } from './plausibility.js';

export { formatRowError, type RowError } from './catalog-row.js';

/** Products read from a merchant's file, or the reasons they cannot be imported. */
export interface ParsedCatalog {
  products: Product[];
  errors: RowError[];
  /** Values that look wrong but do not block the import (a price 20× its category's median). */
  warnings: RowError[];
  /** How the file's bytes were read (files only; Excel's plain CSV is Windows-1252). */
  encoding?: TextEncodingName;
}

/**
 * Reads a catalog file (`.csv` or `.json`, format in the README). Row problems come back as
 * `errors`, all of them at once so the merchant can fix the file in one go; problems with the
 * file itself (unreadable, unknown extension, broken JSON, no products) throw.
 *
 * @example
 *   const { products, errors } = await parseCatalogFile('katalog.csv');
 *   if (errors.length === 0) await shop.replaceProducts(products);
 */
export async function parseCatalogFile(path: string): Promise<ParsedCatalog> {
  const extension = extname(path).toLowerCase();
  if (!['.csv', '.tsv', '.json'].includes(extension)) throw new Error('a catalog file must end in .csv, .tsv or .json');
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new Error(err.code === 'ENOENT' ? 'no such file' : `the file cannot be read: ${err.message}`, { cause: err });
  });
  const { text, encoding } = decodeTextFile(bytes);
  const parsed = extension === '.json' ? parseCatalogJson(text) : parseCatalogCsv(text, extension === '.tsv' ? '\t' : undefined);
  return { ...parsed, encoding };
}

const KNOWN = new Set<string>(CATALOG_FIELDS);

function unknownField(name: string): boolean {
  return !KNOWN.has(name) && !(name.startsWith('attr_') && name.length > 5);
}

/** The separator of the header line: German spreadsheets write ";" because "," is the decimal mark. */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/** Parses CSV text with a header row; `errors[].row` is the line number in the file. */
export function parseCatalogCsv(text: string, delimiter?: string): ParsedCatalog {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiter ?? detectDelimiter(text.replace(/^\uFEFF/, '')),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new Error(`the CSV cannot be read${line ? ` (line ${line})` : ''}: ${(err as Error).message}`, { cause: err });
  }
  const [header, ...rows] = records;
  if (!header) throw new Error('the CSV file is empty');
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const errors: RowError[] = [];
  const headerLine = lineOf(header);
  const seen = new Set<string>();
  const ignored = new Set<number>();
  columns.forEach((name, i) => {
    if (name === '') return;
    if (unknownField(name)) {
      errors.push({ row: headerLine, field: name, message: `column "${name}" is not known (use ${CATALOG_FIELDS.join(', ')} or attr_<name>)` });
      // Its values are not read, so the rows' own problems are still all reported.
      ignored.add(i);
    }
    if (seen.has(name)) errors.push({ row: headerLine, field: name, message: `column "${name}" appears twice` });
    seen.add(name);
  });

  const raws = rows.map((entry) => {
    const line = lineOf(entry);
    const raw: RawRow = {};
    entry.record.forEach((value, i) => {
      const name = columns[i];
      if (ignored.has(i)) return;
      if (name) raw[name] = value;
      else if (value !== '') {
        errors.push({ row: line, message: `value "${value}" is in column ${i + 1}, which has no name in the header` });
      }
    });
    return { raw, row: line };
  });
  return collect(raws, errors);
}

/** The line a record starts on: csv-parse reports where it ends, and quoted values may span lines. */
function lineOf(entry: { record: string[]; info: { lines: number } }): number {
  const inner = entry.record.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
  return entry.info.lines - inner;
}

/** Parses a JSON array of product objects; `errors[].row` is the position in the array, from 1. */
export function parseCatalogJson(text: string): ParsedCatalog {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`the JSON cannot be read: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(data)) throw new Error('the JSON must be an array of products: [{ "id": ... }, ...]');
  const errors: RowError[] = [];
  const raws = data.map((item: unknown, i) => {
    const row = i + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ row, message: 'is not an object like { "id": "P-1", ... }' });
      return { raw: undefined, row };
    }
    for (const key of Object.keys(item)) {
      if (key !== 'attributes' && unknownField(key)) {
        errors.push({ row, field: key, message: `property "${key}" is not known (use ${CATALOG_FIELDS.join(', ')}, attributes)` });
      }
    }
    return { raw: item as RawRow, row };
  });
  return collect(raws, errors);
}

/** Validates every row, flags repeated ids, and returns products only when nothing is wrong. */
function collect(raws: Array<{ raw: RawRow | undefined; row: number }>, errors: RowError[]): ParsedCatalog {
  if (raws.length === 0) throw new Error('the file contains no products');
  const products: Product[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { raw, row } of raws) {
    if (!raw) continue;
    const result = productFromRawRow(raw, row);
    errors.push(...result.errors);
    const id = result.product?.id ?? (typeof raw.id === 'string' ? raw.id.trim() : undefined);
    if (id) {
      const first = firstRowOf.get(id);
      if (first !== undefined) errors.push({ row, field: 'id', message: `id "${id}" is used again (first in row ${first})` });
      else firstRowOf.set(id, row);
    }
    if (result.product) products.push(result.product);
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0) return { products: [], errors, warnings: [] };
  const rowOf = new Map([...firstRowOf]);
  return { products, errors, warnings: plausibilityWarnings(products, (id) => rowOf.get(id) ?? 0) };
}
