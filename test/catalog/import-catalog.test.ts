import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatRowError, parseCatalogCsv, parseCatalogFile, parseCatalogJson } from '../../src/catalog/embedded/import-catalog.js';
import { tempDataDir } from './temp-data-dir.js';

const FIXTURES = new URL('../fixtures/catalog/', import.meta.url).pathname;
const HEADER = 'id,name_de,name_en,brand,category,price,stock';

test('the example CSV reads decimal commas and points, unit prices, variants and stock', async () => {
  const { products, errors } = await parseCatalogFile(join(FIXTURES, 'example.csv'));
  assert.deepEqual(errors, []);
  assert.equal(products.length, 5);
  const [oat, barista, shoe] = products;
  assert.deepEqual(oat, {
    id: 'K-100',
    name: { de: 'Bio-Hafermilch 1 l', en: 'Organic Oat Milk 1 l' },
    brand: 'Hofgut',
    category: 'groceries',
    description: { de: 'Ungesüßter Haferdrink.', en: 'Unsweetened oat drink.' },
    priceCents: 149,
    unitPrice: { cents: 149, unit: 'l' },
    size: '1 l',
    stock: 24,
    available: true,
  });
  assert.equal(barista?.priceCents, 229, '"2.29" with a point');
  assert.equal(barista?.available, false, 'stock 0 is not available');
  assert.equal(shoe?.priceCents, 8995, '"89,95" with a comma');
  assert.deepEqual(shoe?.attributes, { colour: 'blau', size: '42' });
  assert.equal(shoe?.variantGroup, 'TRAIL-GIPFEL');
  assert.equal(shoe?.unitPrice, undefined);
});

test('the example JSON gives the same products as the CSV where they overlap', async () => {
  const json = await parseCatalogFile(join(FIXTURES, 'example.json'));
  const csv = await parseCatalogFile(join(FIXTURES, 'example.csv'));
  assert.deepEqual(json.errors, []);
  assert.deepEqual(json.products[0], csv.products[0]);
  assert.deepEqual(json.products[1]?.attributes, { colour: 'blau', size: '42' });
  assert.equal(json.products[1]?.priceCents, 8995);
  assert.equal(json.products[2]?.priceCents, 1299);
});

test('semicolon-separated CSV from a German spreadsheet, with a BOM and German thousands', () => {
  const text = '\uFEFFid;name_de;name_en;price;stock\nA-1;Fahrrad;Bicycle;1.299,00;2\nA-2;Klingel;Bell;3,49 €;10\n';
  const { products, errors } = parseCatalogCsv(text);
  assert.deepEqual(errors, []);
  assert.deepEqual(products.map((p) => p.priceCents), [129900, 349]);
});

test('every bad row is reported with its line number, field and what is wrong', () => {
  const text = [
    HEADER,
    'A-1,Milch,Milk,Hof,food,"1,19",5',
    'A-2,Brot,Bread,Hof,food,abc,5',
    ',Käse,Cheese,Hof,food,2,5',
    'A-4,Tee,,Hof,food,2,-1',
    '',
    'A-5,"Saft',
    'aus Äpfeln",Juice,Hof,food,"1,999",x',
    'A-1,Milch,Milk,Hof,food,1,5',
  ].join('\n');
  const { products, errors } = parseCatalogCsv(text);
  assert.deepEqual(products, [], 'nothing is imported when any row is bad');
  assert.deepEqual(errors.map(formatRowError), [
    'row 3: price "abc" is not a price in euro (like 3,49)',
    'row 4: id is missing',
    'row 5: name_en is missing',
    'row 5: stock "-1" is not a whole number',
    'row 7: price "1,999" is not a price in euro (like 3,49)',
    'row 7: stock "x" is not a whole number',
    'row 9: id "A-1" is used again (first in row 2)',
  ]);
  assert.deepEqual(errors[0], { row: 3, field: 'price', message: 'price "abc" is not a price in euro (like 3,49)' });
});

test('unknown or doubled columns are reported against the header line, together with every row error', () => {
  const { errors } = parseCatalogCsv('id,name_de,name_en,preis,stock,stock\nA,B,C,1,1,1\n');
  // "preis" is not read, so row 2 has no price: both are said at once, not one after the other.
  assert.deepEqual(errors.map((e) => [e.row, e.field]), [[1, 'preis'], [1, 'stock'], [2, 'price']]);
});

test('unit prices need a unit from the list, and a unit needs a unit price', () => {
  const { errors } = parseCatalogCsv([
    'id,name_de,name_en,price,unit_price,unit,stock',
    'A,Öl,Oil,"4,49","8,98",l,3',
    'B,Öl,Oil,"4,49","8,98",,3',
    'C,Öl,Oil,"4,49","8,98",liter,3',
    'D,Öl,Oil,"4,49",,kg,3',
  ].join('\n'));
  assert.deepEqual(errors.map(formatRowError), [
    'row 3: unit is missing (unit_price needs it: l, kg, piece or m)',
    'row 4: unit "liter" is not one of l, kg, piece, m',
    'row 5: unit_price is missing (unit is "kg")',
  ]);
});

test('price_cents is accepted instead of price, and must agree when both are given', () => {
  assert.equal(parseCatalogCsv('id,name_de,name_en,price_cents,stock\nA,B,C,349,1').products[0]?.priceCents, 349);
  const { errors } = parseCatalogCsv('id,name_de,name_en,price,price_cents,stock\nA,B,C,"3,49",350,1');
  assert.deepEqual(errors.map(formatRowError), ['row 2: price "3,49" and price_cents "350" disagree']);
  assert.deepEqual(parseCatalogCsv('id,name_de,name_en,stock\nA,B,C,1').errors.map((e) => e.field), ['price']);
});

test('JSON rows are counted from 1 and checked the same way', () => {
  const { products, errors } = parseCatalogJson(JSON.stringify([
    { id: 'J-1', name_de: 'A', name_en: 'A', price: 1.5, stock: 1 },
    { id: 'J-2', name_de: 'B', name_en: 'B', price: 1.555, stock: 1, colour: 'rot' },
    'not an object',
    { id: 'J-1', name_de: 'C', name_en: 'C', price_cents: 10, stock: 2.5, attributes: ['x'] },
  ]));
  assert.deepEqual(products, []);
  assert.deepEqual(errors.map(formatRowError), [
    'row 2: property "colour" is not known (use id, name_de, name_en, brand, category, description_de, description_en, price, price_cents, unit_price, unit_price_cents, unit, size, variant_group, stock, attribute_labels, attributes)',
    'row 2: price 1.555 is not a price in euro (like 3,49)',
    'row 3: is not an object like { "id": "P-1", ... }',
    'row 4: stock 2.5 is not a whole number',
    'row 4: attributes must be an object like {"colour": "blau"}',
    'row 4: id "J-1" is used again (first in row 1)',
  ]);
});

test('files that cannot be a catalog throw with a clear message', async (t) => {
  const dir = await tempDataDir(t, 'shopvoice-import-');
  const write = async (name: string, text: string) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  };
  await assert.rejects(parseCatalogFile(await write('c.xlsx', 'x')), /must end in \.csv, \.tsv or \.json/);
  await assert.rejects(parseCatalogFile(await write('c.json', '{"id": 1}')), /must be an array/);
  await assert.rejects(parseCatalogFile(await write('d.json', '[{"id": 1},')), /JSON cannot be read/);
  await assert.rejects(parseCatalogFile(await write('e.json', '[]')), /no products/);
  await assert.rejects(parseCatalogFile(await write('f.csv', `${HEADER}\n`)), /no products/);
  await assert.rejects(parseCatalogFile(await write('g.csv', `${HEADER}\nA,"B,C,D,1,1\n`)), /CSV cannot be read/);
  await assert.rejects(parseCatalogFile(join(dir, 'missing.csv')), /no such file/);
});

test('a CSV saved by German Excel (Windows-1252, semicolons) imports as written, and says how it was read', async (t) => {
  const dir = await tempDataDir(t, 'shopvoice-import-');
  const path = join(dir, 'excel.csv');
  const text = 'id;name_de;name_en;price;stock\nK-1;Käsekuchen „Omas Art“;Cheesecake;12,99;4\nK-2;Brötchen;Bread roll;0,45;90\nK-3;Müsli;Muesli;3,99;20\n';
  const map: Record<string, number> = { '„': 0x84, '“': 0x93 };
  await writeFile(path, Buffer.from([...text].map((c) => map[c] ?? c.charCodeAt(0))));
  const parsed = await parseCatalogFile(path);
  assert.equal(parsed.encoding, 'windows-1252');
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.products[0]!.name.de, 'Käsekuchen „Omas Art“');
  const utf8 = join(dir, 'utf8.csv');
  await writeFile(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.equal((await parseCatalogFile(utf8)).encoding, 'utf-8 with BOM');
});

test('a .tsv file is split at tabs even when its names contain commas and semicolons', async (t) => {
  const dir = await tempDataDir(t, 'shopvoice-import-');
  const path = join(dir, 'export.tsv');
  await writeFile(path, 'id\tname_de\tname_en\tprice\tstock\nT-1\tÄpfel, rot; lose\tApples, red\t2,49\t10\n');
  const parsed = await parseCatalogFile(path);
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.products[0]!.name.de, 'Äpfel, rot; lose');
});

test('implausible values warn without blocking: a price 20× its category, a unit price that does not fit the size', () => {
  const parsed = parseCatalogCsv([
    'id,name_de,name_en,category,price,unit_price,unit,size,stock',
    'S-1,Socken,Socks,Socken,"4,99",,,,10',
    'S-2,Socken bunt,Socks colourful,Socken,"5,99",,,,10',
    'S-3,Wandersocken,Hiking socks,Socken,"1.299,00",,,,10',
    'S-4,Sneakersocken,Trainer socks,Socken,"3,99",,,,10',
    'O-1,Olivenöl,Olive oil,Öl,"4,49","8,98",l,500 ml,3',
    'O-2,Rapsöl,Rapeseed oil,Öl,"2,49","2,49",l,500 ml,3',
  ].join('\n'));
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.products.length, 6, 'warnings do not block');
  assert.deepEqual(parsed.warnings.map((w) => [w.row, w.field]), [[4, 'price'], [7, 'unit_price']]);
  assert.match(parsed.warnings[0]!.message, /1299\.00 is more than 20× the median of "Socken"/);
  assert.match(parsed.warnings[1]!.message, /does not fit price 2\.49 for 500 ml \(4\.98 per l\)/);
});
