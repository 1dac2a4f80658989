import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { run } from '../../src/cli/commands/shop-import.js';
import { tempDataDir } from './temp-data-dir.js';

const FIXTURES = new URL('../fixtures/catalog/', import.meta.url).pathname;

/** Runs `shopvoice shop import ...` against a data folder; returns exit code and output. */
async function shopImport(dataDir: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = process.env.SHOPVOICE_DATA_DIR;
  process.env.SHOPVOICE_DATA_DIR = dataDir;
  try {
    const code = await run(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  } finally {
    if (saved === undefined) delete process.env.SHOPVOICE_DATA_DIR;
    else process.env.SHOPVOICE_DATA_DIR = saved;
  }
}

test('a file with bad rows prints every error, exits 1 and leaves the catalog untouched', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const before = { products: await shop.listProducts(), version: await shop.catalogVersion() };
  const file = join(dataDir, 'katalog.csv');
  await writeFile(file, 'id,name_de,name_en,price,stock\nN-1,Milch,Milk,"1,19",5\nN-2,Brot,Bread,abc,5\nN-3,Tee,Tea,2,\n');

  const result = await shopImport(dataDir, [file]);
  assert.equal(result.code, 1);
  assert.deepEqual(result.out, []);
  assert.deepEqual(result.err, [
    'row 3: price "abc" is not a price in euro (like 3,49)',
    'row 4: stock is missing (0 means sold out)',
    `${file}: 2 errors, nothing imported`,
  ]);
  assert.deepEqual(await shop.listProducts(), before.products);
  assert.equal(await shop.catalogVersion(), before.version);
});

test('a good file replaces the products in one go; orders keep their lines', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const version = await shop.catalogVersion();

  const result = await shopImport(dataDir, [join(FIXTURES, 'example.csv')]);
  assert.deepEqual(result, { code: 0, out: ['imported 5 products'], err: [] });
  assert.deepEqual((await shop.listProducts()).map((p) => p.id), ['K-100', 'K-101', 'K-200', 'K-201', 'K-300']);
  assert.notEqual(await shop.catalogVersion(), version, 'the running shop sees the new version');

  const order = await shop.getOrder('C-1001', '10042');
  assert.equal(order?.lines[0]?.name.de, 'Bio-Hafermilch 1 l', 'old orders still read right');
  const quote = shop.quoteReorder('C-1001', '10042');
  await assert.rejects(quote, /REORDER_NOTHING_AVAILABLE/, 'none of the demo products exist any more');

  assert.equal((await shopImport(dataDir, [join(FIXTURES, 'example.json')])).out[0], 'imported 3 products');
});

test('usage errors and unreadable files', async (t) => {
  const dataDir = await tempDataDir(t);
  assert.equal((await shopImport(dataDir, [])).code, 2);
  assert.equal((await shopImport(dataDir, ['a.csv', 'b.csv'])).code, 2);
  const missing = await shopImport(dataDir, [join(dataDir, 'nope.csv')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err[0]!, /nope\.csv: no such file$/);
});
