// `shop configure`: the merchant's shop file replaces the demo's shop info, stores, hours and FAQ in
// one transaction, demo customers go (unless kept), and a running shop sees it within its snapshot check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configureEmbeddedShop } from '../../src/catalog/embedded/configure-shop.js';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { SNAPSHOT_CHECK_MS } from '../../src/catalog/embedded/shop-snapshot.js';
import { parseShopFile } from '../../src/catalog/shop-file/parse-shop-file.js';
import { tempDataDir } from './temp-data-dir.js';

const parsed = parseShopFile(readFileSync('examples/shop.yaml', 'utf8'));
if (!parsed.ok) throw new Error('examples/shop.yaml must be valid');
const SHOP = parsed.shop;

test('the shop file becomes the shop: name, stores with hours and exceptions, FAQ; demo customers gone; a running shop sees it within a second', async (t) => {
  const dataDir = await tempDataDir(t);
  let monotonic = 0;
  const running = await openEmbeddedShop({ dataDir, now: () => new Date('2026-11-24T09:00:00Z'), monotonic: () => monotonic });
  t.after(() => running.close());
  assert.equal((await running.shopInfo()).name, 'Lindenhof Markt');
  assert.ok(await running.customerByToken('demo-token-anna'));

  const report = configureEmbeddedShop(dataDir, SHOP);
  assert.deepEqual(report, { stores: 2, exceptions: 3, faq: 2, demoCustomersRemoved: report.demoCustomersRemoved });
  assert.ok(report.demoCustomersRemoved >= 5);

  monotonic += SNAPSHOT_CHECK_MS - 1;
  assert.equal((await running.shopInfo()).name, 'Lindenhof Markt', 'the kept snapshot until the next check');
  monotonic += 1;
  const info = await running.shopInfo();
  assert.equal(info.name, 'Hofladen Sonnenberg');
  assert.deepEqual(info.names, { en: 'Sonnenberg Farm Shop' });
  assert.equal(info.defaultStoreId, 'starnberg');
  assert.equal(info.addressForm, 'sie');
  assert.equal(info.shippingCents, 495);
  const stores = await running.listStores();
  assert.deepEqual(stores.map((s) => [s.id, s.name, s.names?.en, s.region]), [
    ['starnberg', 'Hofladen Starnberg', 'Starnberg Farm Shop', 'DE-BY'],
    ['tutzing', 'Hofladen Tutzing', 'Tutzing Farm Shop', 'DE-BY'],
  ]);
  assert.deepEqual(stores[1]!.weekly[3], [{ open: '09:00', close: '12:30' }, { open: '14:00', close: '18:00' }]);
  const christmasEve = await running.specialDays('starnberg', '2026-12-24', '2026-12-24');
  assert.deepEqual(christmasEve.map((d) => [d.date, d.intervals, d.reason.de]), [['2026-12-24', [{ open: '08:00', close: '12:00' }], 'Heiligabend']]);
  assert.deepEqual((await running.faqTopics()).map((f) => f.id), ['payment', 'delivery']);
  assert.match((await running.faqAnswer('delivery', 'en'))!, /Starnberg district/);
  assert.equal(await running.customerByToken('demo-token-anna'), undefined, 'demo customers are removed');
  assert.ok((await running.listProducts()).length > 100, 'products stay: they come from shop import');
});

test('--keep-demo keeps the demo customers and their orders for trials', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const report = configureEmbeddedShop(dataDir, SHOP, { keepDemo: true });
  assert.equal(report.demoCustomersRemoved, 0);
  const anna = await shop.customerByToken('demo-token-anna');
  assert.ok(anna);
  assert.ok((await shop.listOrders(anna.id)).length > 0);
});

test('nothing is half-applied: a failing write leaves the shop as it was', async (t) => {
  const dataDir = await tempDataDir(t);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  const before = await shop.listStores();
  // Two stores with one id break the primary key half-way through the stores.
  const clash = { ...SHOP, stores: [SHOP.stores[0]!, SHOP.stores[0]!] };
  assert.throws(() => configureEmbeddedShop(dataDir, clash), /UNIQUE|PRIMARY/);
  assert.deepEqual((await shop.listStores()).map((s) => s.id), before.map((s) => s.id));
  assert.equal((await shop.shopInfo()).name, 'Lindenhof Markt');
});
