import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { SNAPSHOT_CHECK_MS } from '../../src/catalog/embedded/shop-snapshot.js';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { SHOP_SCHEMA_VERSION } from '../../src/catalog/embedded/shop-database.js';
import type { OrderStatus, Product } from '../../src/catalog/commerce.js';
import type { ProductMatcher } from '../../src/catalog/matching/index.js';
import { tempDataDir } from './temp-data-dir.js';

test('the first open creates the folder and seeds the demo shop once; reopening does not seed again', async (t) => {
  const dataDir = join(await tempDataDir(t), 'nested', 'data');
  const first = await openEmbeddedShop({ dataDir });
  const products = await first.listProducts();
  await first.close();
  assert.ok(existsSync(join(dataDir, 'shop.sqlite')));

  const again = await openEmbeddedShop({ dataDir });
  t.after(() => again.close());
  assert.equal((await again.listProducts()).length, products.length);
  assert.equal((await again.listStores()).length, 3);
  assert.equal((await again.listOrders('C-1001')).length, 2);
  assert.equal(await again.catalogVersion(), '1');

  const raw = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
  t.after(() => raw.close());
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(raw.pragma('user_version', { simple: true }), SHOP_SCHEMA_VERSION);
});

test('the catalog has at least 150 products, each named in German and English, priced in cents', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const products = await shop.listProducts();
  assert.ok(products.length >= 150, `${products.length} products`);
  assert.deepEqual(products.map((p) => p.id), products.map((p) => p.id).sort(), 'ordered by id');
  assert.equal(new Set(products.map((p) => p.id)).size, products.length);
  for (const p of products) {
    assert.ok(p.name.de && p.name.en && p.brand && p.category && p.description.de && p.description.en, p.id);
    assert.ok(Number.isInteger(p.priceCents) && p.priceCents > 0, p.id);
    assert.equal(p.available, p.stock > 0, `${p.id} availability follows stock`);
  }
  const soldOut = products.filter((p) => !p.available);
  assert.ok(soldOut.length >= 5, 'some products are out of stock');
  for (const category of ['groceries', 'drugstore', 'household', 'sport', 'electronics']) {
    assert.ok(products.some((p) => p.category === category), category);
  }
});

test('products people would ask for are there, with PAngV unit prices', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const byName = new Map((await shop.listProducts()).map((p) => [p.name.de, p]));
  for (const name of ['Bio-Hafermilch 1 l', 'Barista Hafermilch 1 l', 'Spülmittel Zitrone 500 ml', 'Nike Air Max 90', 'Nike Air Max 97', 'Vollkornbrot 500 g', 'Smart Plug WLAN']) {
    assert.ok(byName.has(name), name);
  }
  const oat = await shop.getProduct('P-1001');
  assert.equal(oat?.name.en, 'Organic Oat Milk 1 l');
  assert.deepEqual(oat?.unitPrice, { cents: 149, unit: 'l' });
  assert.deepEqual((await shop.getProduct('P-3001'))?.unitPrice, { cents: 258, unit: 'l' }, '1,29 € per 500 ml');
  assert.deepEqual((await shop.getProduct('P-1032'))?.unitPrice, { cents: 37, unit: 'l' }, '3,29 € for 6 x 1,5 l');
  assert.deepEqual((await shop.getProduct('P-1019'))?.unitPrice, { cents: 140, unit: 'kg' });
  assert.equal((await shop.getProduct('P-4011'))?.unitPrice, undefined, 'shoes have no unit price');
  assert.equal(await shop.getProduct('P-9999'), undefined);
});

test('the Air Zoom family comes in blue and black, sizes 40 to 44, sharing one variant group', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const family = await shop.listVariants('VG-AIRZOOM');
  assert.equal(family.length, 10);
  assert.deepEqual([...new Set(family.map((p) => p.attributes?.colour))], ['blau', 'schwarz']);
  assert.deepEqual([...new Set(family.map((p) => p.attributes?.size))], ['40', '41', '42', '43', '44']);
  assert.ok(family.some((p) => !p.available), 'a size is sold out');
  const blue42 = family.find((p) => p.attributes?.colour === 'blau' && p.attributes.size === '42');
  assert.equal(blue42?.name.de, 'Laufschuh Air Zoom blau Größe 42');
  assert.equal(blue42?.name.en, 'Air Zoom Running Shoe blue size 42');
  assert.deepEqual(await shop.listVariants('VG-NONE'), []);
});

test('five demo customers behind their tokens, and orders in every status', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const latest: Record<string, OrderStatus> = {};
  const statuses = new Set<OrderStatus>();
  for (const name of ['anna', 'ben', 'clara', 'david', 'emma']) {
    const customer = await shop.customerByToken(`demo-token-${name}`);
    assert.ok(customer, name);
    const orders = await shop.listOrders(customer.id);
    assert.ok(orders.length >= 1, `${name} has orders`);
    const placed = orders.map((o) => o.placedAt);
    assert.deepEqual(placed, [...placed].sort().reverse(), 'newest first');
    for (const o of orders) {
      statuses.add(o.status);
      assert.match(o.number, /^\d+$/);
      assert.ok(o.lines.length > 0);
    }
    latest[name] = orders[0]!.status;
  }
  assert.deepEqual([...statuses].sort(), ['cancelled', 'delivered', 'in_progress', 'received', 'shipped']);
  assert.deepEqual(latest, { anna: 'shipped', ben: 'delivered', clara: 'in_progress', david: 'received', emma: 'cancelled' });
  assert.equal(await shop.customerByToken('not-a-token'), undefined);

  const shipped = await shop.getOrder('C-1001', '10042');
  assert.equal(shipped?.carrier, 'DHL');
  assert.ok(shipped?.trackingNumber);
  assert.equal(shipped?.expectedDelivery, '2026-11-24');
  assert.equal((await shop.getOrder('C-1002', '10039'))?.deliveredOn, '2026-11-18');
  assert.equal(await shop.getOrder('C-1002', '10042'), undefined, 'another customer\'s order is not found');
  const products = new Map((await shop.listProducts()).map((p) => [p.id, p]));
  assert.ok(shipped?.lines.some((l) => !products.get(l.productId)?.available), 'a line points at a sold-out product');
});

test('shop info, FAQ topics and answers in both languages', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const info = await shop.shopInfo();
  assert.equal(info.name, 'Lindenhof Markt');
  assert.deepEqual([info.timeZone, info.shippingCents, info.freeShippingFromCents, info.vatPercent], ['Europe/Berlin', 495, 5000, 19]);
  const topics = await shop.faqTopics();
  assert.deepEqual(topics.map((f) => f.id), ['shipping_costs', 'delivery_time', 'returns', 'payment']);
  assert.ok(topics.find((f) => f.id === 'returns')?.names.de.includes('retoure'));
  assert.ok(topics.find((f) => f.id === 'payment')?.names.en.includes('payment'));
  assert.match((await shop.faqAnswer('shipping_costs', 'de'))!, /4,95 Euro/);
  assert.match((await shop.faqAnswer('shipping_costs', 'en'))!, /4\.95 euros/);
  assert.equal(await shop.faqAnswer('warranty', 'de'), undefined);
  await shop.ping();
});

test('stores: three states, weekly hours closed on Sunday, spoken aliases', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const stores = await shop.listStores();
  assert.deepEqual(stores.map((s) => s.region), ['DE-BY', 'DE-BE', 'DE-NW']);
  for (const s of stores) {
    assert.equal(s.timeZone, 'Europe/Berlin');
    assert.equal(s.weekly[7], undefined, `${s.id} closed on Sunday`);
    assert.ok(s.weekly[6]?.length, `${s.id} opens on Saturday`);
  }
  assert.equal(new Set(stores.map((s) => s.weekly[6]![0]!.close)).size, 3, 'different Saturday hours');
  assert.ok(stores[0]!.aliases.includes('munich store'));
  assert.deepEqual(stores[0]!.weekly[1], [{ open: '08:00', close: '20:00' }]);
});

test('several shops in different folders live side by side', async (t) => {
  const a = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  const b = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => Promise.all([a.close(), b.close()]));
  await a.replaceProducts((await a.listProducts()).slice(0, 3));
  assert.equal((await a.listProducts()).length, 3);
  assert.ok((await b.listProducts()).length >= 150);
});

function fakeProduct(id: string, de: string, en = de): Product {
  return {
    id, name: { de, en }, brand: 'Test', category: 'test', description: { de: '', en: '' },
    priceCents: 100, stock: 1, available: true,
  };
}

/** A matcher that finds products whose German name contains the spoken text. */
function substringMatcher(products: Product[]): ProductMatcher {
  return {
    size: products.length,
    search(spoken, _language, limit = 5) {
      const hits = products.filter((p) => p.name.de.toLowerCase().includes(spoken.toLowerCase())).slice(0, limit);
      return { decision: hits.length === 1 ? 'answer' : hits.length > 1 ? 'ask' : 'none', candidates: hits.map((p) => ({ id: p.id, score: 1 })) };
    },
  };
}

test('findProducts builds the matcher once, lazily, and returns full products', async (t) => {
  let builds = 0;
  const shop = await openEmbeddedShop({
    dataDir: await tempDataDir(t),
    matcherFactory: (products) => (builds++, substringMatcher(products)),
  });
  t.after(() => shop.close());
  assert.equal(builds, 0, 'nothing is built before the first search');
  const search = await shop.findProducts('hafermilch', 'de');
  assert.equal(search.decision, 'ask');
  assert.ok(search.candidates.some((c) => c.product.id === 'P-1002' && c.product.name.en === 'Barista Oat Milk 1 l'));
  await shop.findProducts('vollkornbrot', 'de', { limit: 1 });
  assert.equal(builds, 1);
});

test('after replaceProducts the old matcher keeps serving until the new one is built in the background', async (t) => {
  let builds = 0;
  const shop = await openEmbeddedShop({
    dataDir: await tempDataDir(t),
    matcherFactory: (products) => (builds++, substringMatcher(products)),
  });
  t.after(() => shop.close());
  await shop.findProducts('hafermilch', 'de');
  const before = await shop.catalogVersion();
  assert.deepEqual(await shop.replaceProducts([fakeProduct('X-1', 'Ziegenkäse'), fakeProduct('P-1001', 'Hafermilch neu')]), { count: 2 });
  assert.notEqual(await shop.catalogVersion(), before);

  const during = await shop.findProducts('ziegenkäse', 'de');
  assert.equal(during.decision, 'none', 'the request in flight still used the old matcher');
  const stale = await shop.findProducts('barista', 'de');
  assert.deepEqual(stale, { decision: 'none', candidates: [] }, 'products the import removed are never returned');

  await new Promise((resolve) => setImmediate(resolve));
  const after = await shop.findProducts('ziegenkäse', 'de');
  assert.equal(after.decision, 'answer');
  assert.equal(after.candidates[0]?.product.id, 'X-1');
  assert.equal(builds, 2);
});

test('the default matcher answers from the real catalog', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const search = await shop.findProducts('spülmittel zitrone', 'de');
  assert.equal(search.candidates[0]?.product.id, 'P-3001');
  assert.notEqual(search.decision, 'none');
});

test('order lines come back by position, exactly as stored', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const db = new BetterSqlite3(`${dataDir}/shop.sqlite`);
  db.prepare(`INSERT INTO order_lines (order_number, position, product_id, name_de, name_en, quantity, unit_price_cents)
    VALUES ('10042', 0, 'P-X', ?, ?, 3, 9007199254740991)`).run('Seife "Zitrone" \\ 🍋', 'Soap\nlemon');
  db.prepare(`INSERT INTO orders (number, customer_id, status, placed_at, total_cents) VALUES ('10099', 'C-1001', 'received', '2026-11-01T00:00:00Z', 0)`).run();
  db.close();
  const order = await shop.getOrder('C-1001', '10042');
  assert.deepEqual(order?.lines.map((l) => l.productId), ['P-X', 'P-1001', 'P-1008', 'P-3001', 'P-1007', 'P-1012']);
  assert.deepEqual(order?.lines[0], { productId: 'P-X', name: { de: 'Seife "Zitrone" \\ 🍋', en: 'Soap\nlemon' }, quantity: 3, unitPriceCents: 9007199254740991 });
  assert.deepEqual(order?.lines[1], { productId: 'P-1001', name: { de: 'Bio-Hafermilch 1 l', en: 'Organic Oat Milk 1 l' }, quantity: 2, unitPriceCents: 149 });
  const orders = await shop.listOrders('C-1001');
  assert.deepEqual(orders.map((o) => [o.number, o.lines.length]), [['10042', 6], ['10099', 0], ['10018', 3]]);
  assert.deepEqual(orders[0], order);
});

test('stores are read once and handed out frozen; a write by another connection is read within a second', async (t) => {
  const dataDir = await tempDataDir(t);
  let monotonic = 0;
  const shop = await openEmbeddedShop({ dataDir, monotonic: () => monotonic });
  t.after(() => shop.close());
  const first = await shop.listStores();
  assert.equal(await shop.listStores(), first, 'the same list while nothing changed');
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.weekly) && Object.isFrozen(first[0]!.aliases));
  await shop.replaceProducts((await shop.listProducts()).slice(0, 3));
  assert.deepEqual(await shop.listStores(), first, 'a product import leaves the stores as they were');
  const reread = await shop.listStores();

  const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  db.prepare(`UPDATE store_hours SET close = '21:00' WHERE store_id = 'S-MUC' AND weekday = 6`).run();
  db.close();
  assert.equal(await shop.listStores(), reread, 'the snapshot holds until its next check');
  monotonic += SNAPSHOT_CHECK_MS;
  const after = await shop.listStores();
  assert.deepEqual(after.find((s) => s.id === 'S-MUC')?.weekly[6]?.map((i) => i.close), ['21:00']);
});

test('products read once are handed out frozen; an import by this shop is seen at once', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const oat = await shop.getProduct('P-1001');
  assert.equal(await shop.getProduct('P-1001'), oat, 'the same object while the catalog is unchanged');
  assert.ok(Object.isFrozen(oat) && Object.isFrozen(oat!.name), 'no turn can change what the next one reads');
  await shop.replaceProducts([{ ...oat!, name: { ...oat!.name }, priceCents: oat!.priceCents + 100 }]);
  assert.equal((await shop.getProduct('P-1001'))?.priceCents, oat!.priceCents + 100, 'the new price, not the kept one');
  assert.equal(await shop.getProduct('P-3001'), undefined, 'a product the import removed is gone');
});

test('a customer and their orders are read once and handed out frozen; an order placed here is seen at once, another connection\'s within a second', async (t) => {
  const dataDir = await tempDataDir(t);
  let monotonic = 0;
  const shop = await openEmbeddedShop({ dataDir, monotonic: () => monotonic, now: () => new Date('2026-12-01T09:00:00Z') });
  t.after(() => shop.close());
  const anna = await shop.customerByToken('demo-token-anna');
  assert.equal(await shop.customerByToken('demo-token-anna'), anna, 'the same customer while nothing changed');
  assert.ok(Object.isFrozen(anna));
  const orders = await shop.listOrders(anna!.id);
  assert.equal(await shop.listOrders(anna!.id), orders, 'the same list while nothing changed');
  assert.ok(Object.isFrozen(orders) && Object.isFrozen(orders[0]) && Object.isFrozen(orders[0]!.lines) && Object.isFrozen(orders[0]!.lines[0]!.name));

  const { order } = await shop.placeReorder(anna!.id, '10042', 'reorder:snapshot');
  assert.equal((await shop.listOrders(anna!.id))[0]?.number, order.number, 'the order just placed is the latest at once');

  const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'));
  db.prepare(`UPDATE orders SET status = 'delivered', delivered_on = '2026-12-02' WHERE number = ?`).run(order.number);
  db.prepare(`UPDATE customers SET access_token = 'demo-token-anna-2' WHERE id = ?`).run(anna!.id);
  db.close();
  assert.equal((await shop.listOrders(anna!.id))[0]?.status, 'received', 'the snapshot holds until its next check');
  monotonic += SNAPSHOT_CHECK_MS;
  assert.equal((await shop.listOrders(anna!.id))[0]?.status, 'delivered');
  assert.equal(await shop.customerByToken('demo-token-anna'), undefined, 'a token changed elsewhere no longer finds the customer');
  assert.equal((await shop.customerByToken('demo-token-anna-2'))?.id, anna!.id);
});
