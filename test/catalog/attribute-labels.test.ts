// Issue 14: attribute values and store names are said in the customer's language. The import
// format gains `attr_<name>_de` / `attr_<name>_en`, the demo shop carries them, and a demo shop
// created before schema version 2 gets them when it is opened.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { parseCatalogCsv, parseCatalogJson } from '../../src/catalog/embedded/import-catalog.js';
import { SHOP_SCHEMA_VERSION } from '../../src/catalog/embedded/shop-database.js';
import { tempDataDir } from './temp-data-dir.js';

test('CSV columns attr_<name>_de and attr_<name>_en label the values of attr_<name>', () => {
  const { products, errors } = parseCatalogCsv([
    'id,name_de,name_en,price,stock,variant_group,attr_colour,attr_colour_de,attr_colour_en,attr_size',
    'K-1,Trailschuh blau 42,Trail Shoe blue 42,"89,95",3,TRAIL,blau,Blau,blue,42',
  ].join('\n'));
  assert.deepEqual(errors, []);
  assert.deepEqual(products[0]?.attributes, { colour: 'blau', size: '42' });
  assert.deepEqual(products[0]?.attributeLabels, { colour: { de: 'Blau', en: 'blue' } });
});

test('JSON attribute_labels, and a label of an attribute the row does not have is an error', () => {
  const ok = parseCatalogJson(JSON.stringify([{ id: 'J-1', name_de: 'Matte lila', name_en: 'Mat purple', price: 29.99, stock: 2,
    attributes: { colour: 'lila' }, attribute_labels: { colour: { de: 'Lila', en: 'purple' } } }]));
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.products[0]?.attributeLabels, { colour: { de: 'Lila', en: 'purple' } });
  const bad = parseCatalogCsv('id,name_de,name_en,price,stock,attr_colour_en\nK-2,Helm,Helmet,"59,99",1,black');
  assert.deepEqual(bad.errors.map((e) => e.message), ['attr_colour_en labels attribute "colour", which this row does not have']);
});

test('the demo shop says its colours per language and names its stores in English', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const shoe = await shop.getProduct('P-4008');
  assert.deepEqual(shoe?.attributeLabels, { colour: { de: 'Schwarz', en: 'black' } });
  const stores = await shop.listStores();
  assert.deepEqual(stores.map((s) => s.names?.en ?? s.name), ['Lindenhof Markt Munich', 'Lindenhof Markt Berlin', 'Lindenhof Markt Cologne']);
  assert.equal((await shop.shopInfo()).defaultStoreId, 'S-MUC');
});

test('a demo shop of schema version 1 gets the labels and English names when opened', async (t) => {
  const dataDir = await tempDataDir(t);
  (await openEmbeddedShop({ dataDir })).close();
  // Back to version 1 as an older shopvoice left it: no label column, no English store names, no customer phone.
  const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  db.exec('ALTER TABLE products DROP COLUMN attribute_labels; ALTER TABLE stores DROP COLUMN name_en; ALTER TABLE customers DROP COLUMN phone; PRAGMA user_version = 1;');
  db.close();
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  assert.deepEqual((await shop.getProduct('P-4003'))?.attributeLabels, { colour: { de: 'Blau', en: 'blue' } });
  assert.equal((await shop.listStores())[2]?.names?.en, 'Lindenhof Markt Cologne');
  // Version 3 (issue 17): the demo customers get their phone numbers for a callback.
  assert.equal((await shop.customerByToken('demo-token-anna'))?.phone, '+49 151 23456789');
  assert.equal((await shop.customerByToken('demo-token-ben'))?.phone, undefined);
  const raw = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.pragma('user_version', { simple: true }), SHOP_SCHEMA_VERSION);
  assert.equal((raw.prepare('SELECT COUNT(*) AS n FROM products').get() as { n: number }).n, 174, 'not seeded a second time');
});
