import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { tempDataDir } from './temp-data-dir.js';

const NOW = new Date('2026-11-22T10:30:00Z');

function isShopError(code: string) {
  return (err: unknown) => err instanceof ShopError && err.code === code;
}

test('a reorder quote lists what is available at today\'s prices, what is not, shipping and VAT', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const quote = await shop.quoteReorder('C-1001', '10042');
  assert.equal(quote.basedOn, '10042');
  assert.deepEqual(quote.available.map((l) => [l.product.id, l.quantity, l.lineCents]), [
    ['P-1001', 2, 298],
    ['P-1008', 1, 249],
    ['P-3001', 1, 129],
    ['P-1012', 1, 429],
  ]);
  assert.deepEqual(quote.unavailable, [{ name: { de: 'Sojadrink 1 l', en: 'Soy Drink 1 l' }, quantity: 2 }]);
  assert.equal(quote.itemsCents, 1105);
  assert.equal(quote.shippingCents, 495, 'below 50 € shipping is charged');
  assert.equal(quote.totalCents, 1600);
  assert.equal(quote.vatCents, Math.round((1600 * 19) / 119));
});

test('from 50 € shipping is free; prices are today\'s, not those paid back then', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t) });
  t.after(() => shop.close());
  const ben = await shop.quoteReorder('C-1002', '10039');
  assert.equal(ben.shippingCents, 0);
  assert.equal(ben.totalCents, 11995 + 1299);
  assert.deepEqual(ben.unavailable.map((l) => l.name.en), ['Power Bank 20000 mAh']);

  const old = await shop.getOrder('C-1001', '10018');
  assert.equal(old?.lines.find((l) => l.productId === 'P-1027')?.unitPriceCents, 1399);
  const again = await shop.quoteReorder('C-1001', '10018');
  assert.equal(again.available.find((l) => l.product.id === 'P-1027')?.lineCents, 1499);
});

test('unknown orders and orders with nothing left to buy fail with their codes', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t), now: () => NOW });
  t.after(() => shop.close());
  await assert.rejects(shop.quoteReorder('C-1001', '99999'), isShopError('ORDER_NOT_FOUND'));
  await assert.rejects(shop.quoteReorder('C-1001', '10039'), isShopError('ORDER_NOT_FOUND'), 'Ben\'s order is not Anna\'s');
  await assert.rejects(shop.placeReorder('C-1002', '10042', 'k-1'), isShopError('ORDER_NOT_FOUND'));
  await assert.rejects(shop.quoteReorder('C-1005', '10041'), isShopError('REORDER_NOTHING_AVAILABLE'));
  await assert.rejects(shop.placeReorder('C-1005', '10041', 'k-2'), isShopError('REORDER_NOTHING_AVAILABLE'));
  assert.equal((await shop.listOrders('C-1005')).length, 3, 'nothing was placed');
});

test('placing a reorder creates a received order with a new number, placed now', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t), now: () => NOW });
  t.after(() => shop.close());
  const quote = await shop.quoteReorder('C-1001', '10042');
  const { order, created } = await shop.placeReorder('C-1001', '10042', 'reorder:abc');
  assert.equal(created, true);
  assert.equal(order.status, 'received');
  assert.equal(order.number, '10045');
  assert.equal(order.placedAt, NOW.toISOString());
  assert.equal(order.totalCents, quote.totalCents);
  assert.deepEqual(order.lines.map((l) => [l.productId, l.quantity, l.unitPriceCents]), [
    ['P-1001', 2, 149], ['P-1008', 1, 249], ['P-3001', 1, 129], ['P-1012', 1, 429],
  ]);
  const [latest] = await shop.listOrders('C-1001');
  assert.equal(latest?.number, '10045', 'the new order is now the latest');
});

test('concurrent confirmations with the same key place exactly one order', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t), now: () => NOW });
  t.after(() => shop.close());
  const results = await Promise.all(Array.from({ length: 8 }, () => shop.placeReorder('C-1001', '10042', 'reorder:same')));
  assert.equal(results.filter((r) => r.created).length, 1);
  assert.equal(new Set(results.map((r) => r.order.number)).size, 1);
  assert.equal((await shop.listOrders('C-1001')).length, 3);

  const other = await shop.placeReorder('C-1001', '10042', 'reorder:other');
  assert.equal(other.created, true, 'a new key is a new order');
  assert.notEqual(other.order.number, results[0]!.order.number);
});

test('the same key still finds its order after reopening, and from a second connection', async (t) => {
  const dataDir = await tempDataDir(t);
  const first = await openEmbeddedShop({ dataDir, now: () => NOW });
  const placed = await first.placeReorder('C-1003', '10043', 'reorder:clara');
  await first.close();

  const reopened = await openEmbeddedShop({ dataDir });
  const second = await openEmbeddedShop({ dataDir });
  t.after(() => Promise.all([reopened.close(), second.close()]));
  const [a, b] = await Promise.all([
    reopened.placeReorder('C-1003', '10043', 'reorder:clara'),
    second.placeReorder('C-1003', '10043', 'reorder:clara'),
  ]);
  assert.deepEqual([a.created, b.created], [false, false]);
  assert.deepEqual(a.order, placed.order);
  assert.deepEqual(b.order, placed.order);
  assert.equal((await second.listOrders('C-1003')).length, 3);
});

test('a key used by one customer never reveals that order to another', async (t) => {
  const shop = await openEmbeddedShop({ dataDir: await tempDataDir(t), now: () => NOW });
  t.after(() => shop.close());
  await shop.placeReorder('C-1001', '10042', 'reorder:mine');
  await assert.rejects(shop.placeReorder('C-1002', '10039', 'reorder:mine'), /another customer/);
});

test('processes racing on one file with the same key place exactly one order', async (t) => {
  const dataDir = await tempDataDir(t);
  await (await openEmbeddedShop({ dataDir })).close();
  const moduleUrl = new URL('../../src/catalog/embedded/embedded-shop.ts', import.meta.url).href;
  // A barrier instead of a start time: each process opens the shop, says READY and waits for GO on
  // stdin; GO goes to all four once all are ready, however long spawning took.
  const script = `
    const { openEmbeddedShop } = await import(${JSON.stringify(moduleUrl)});
    const shop = await openEmbeddedShop({ dataDir: ${JSON.stringify(dataDir)} });
    console.log('READY');
    await new Promise((r) => process.stdin.once('data', r));
    const { order, created } = await shop.placeReorder('C-1004', '10044', 'reorder:race');
    console.log(JSON.stringify({ number: order.number, created }));
    await shop.close();
    process.stdin.destroy();`;
  const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const outputs = children.map((child) => {
    let out = '';
    const ready = new Promise<void>((resolve) => child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.startsWith('READY\n')) resolve();
    }));
    const done = new Promise<{ number: string; created: boolean }>((resolve, reject) => {
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('READY\n'.length))) : reject(new Error(`child exited ${code}`))));
    });
    return { ready, done };
  });
  await Promise.all(outputs.map((o) => o.ready));
  for (const child of children) child.stdin.write('GO\n');
  const results = await Promise.all(outputs.map((o) => o.done));
  assert.equal(results.filter((r) => r.created).length, 1);
  assert.equal(new Set(results.map((r) => r.number)).size, 1);
  const shop = await openEmbeddedShop({ dataDir });
  t.after(() => shop.close());
  assert.equal((await shop.listOrders('C-1004')).length, 3);
});
