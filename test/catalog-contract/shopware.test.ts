import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createShopwareCommerce, staticCustomerContexts } from '../../src/catalog/shopware/shopware-commerce.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resilientCommerce } from '../../src/catalog/resilient-commerce.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { commerceContract, demoShopFile } from '../support/commerce-contract.js';
import { FAKE_SHOPWARE_ACCESS_KEY, FAKE_SHOPWARE_CONTEXTS, startFakeShopware, type FakeShopware } from '../support/fake-shopware.js';

async function openFake(): Promise<{ demo: EmbeddedShop; fake: FakeShopware; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-contract-shopware-'));
  const demo = await openEmbeddedShop({ dataDir: dir, now: () => new Date('2026-11-22T10:00:00Z') });
  const fake = await startFakeShopware(demo);
  return {
    demo,
    fake,
    async close() {
      await fake.close();
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const shopware = (fake: FakeShopware, versionTtlMs?: number) => createShopwareCommerce({
  ...(versionTtlMs === undefined ? {} : { versionTtlMs }),
  shopUrl: fake.url,
  accessKey: FAKE_SHOPWARE_ACCESS_KEY,
  shopFile: demoShopFile(),
  resolveCustomerContext: staticCustomerContexts(FAKE_SHOPWARE_CONTEXTS),
});

let seen: FakeShopware | undefined;
commerceContract('Shopware 6 Store API (schema-checked fake)', async () => {
  const opened = await openFake();
  seen = opened.fake;
  return {
    // The version is asked at every call, so the contract sees a change at once.
    commerce: shopware(opened.fake, 0),
    annaToken: 'demo-token-anna',
    emmaToken: 'demo-token-emma',
    async changePrice(id: string, priceCents: number) {
      opened.fake.setPrice(id, priceCents);
    },
    async close() {
      const violations = [...opened.fake.violations];
      await opened.close();
      assert.deepEqual(violations, [], 'every request and response matched the Store API schema');
    },
  };
}, { reorder: 'order', cart: true });

describe('Shopware adapter beyond the contract', () => {
  let opened: Awaited<ReturnType<typeof openFake>>;
  before(async () => { opened = await openFake(); });
  after(async () => { await opened.close(); });

  test('the contract run spoke the Store API operations it claims to', () => {
    assert.ok(seen, 'the contract ran');
    for (const op of ['readLanguages', 'readProduct', 'readCustomer', 'readOrder', 'readContext', 'deleteCart', 'addLineItem', 'createOrder']) {
      assert.ok((seen.calls.get(op) ?? 0) > 0, `${op} was called`);
    }
  });

  test('the fake refuses what the schema refuses, so a passing run means something', async () => {
    const res = await fetch(`${opened.fake.url}/store-api/checkout/cart/line-item`, {
      method: 'POST',
      headers: { 'sw-access-key': FAKE_SHOPWARE_ACCESS_KEY, 'sw-context-token': FAKE_SHOPWARE_CONTEXTS['demo-token-anna']!, 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ type: 'product', quantity: 'two' }] }),
    });
    assert.equal(res.status, 400);
    assert.match(opened.fake.violations.join('\n'), /addLineItem: body/);
    const badLanguage = await fetch(`${opened.fake.url}/store-api/product`, {
      method: 'POST',
      headers: { 'sw-access-key': FAKE_SHOPWARE_ACCESS_KEY, 'sw-language-id': 'not-a-language-id', 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(badLanguage.status, 400);
    opened.fake.violations.length = 0;
  });

  test('a default payment method that needs a browser refuses the reorder before the cart is touched', async () => {
    const shop = shopware(opened.fake);
    const ben = (await shop.customerByToken('demo-token-ben'))!;
    opened.fake.setPaymentMethod(ben.id, 'payment_paypal');
    const carts = opened.fake.calls.get('addLineItem') ?? 0;
    await assert.rejects(shop.quoteReorder(ben.id, '10039'), (error: unknown) =>
      error instanceof ShopError && error.code === 'PAYMENT_NEEDS_BROWSER' && error.params.paymentMethod === 'payment_paypal');
    await assert.rejects(shop.placeReorder(ben.id, '10039', 'browser-needed-key-1'), ShopError);
    assert.equal(opened.fake.calls.get('addLineItem') ?? 0, carts);
    assert.deepEqual(opened.fake.violations, []);
  });

  test('a context that is no longer logged in finds nobody, and a shop failure is not mistaken for that', async () => {
    const shop = createShopwareCommerce({
      shopUrl: opened.fake.url,
      accessKey: FAKE_SHOPWARE_ACCESS_KEY,
      shopFile: demoShopFile(),
      resolveCustomerContext: staticCustomerContexts({ 'expired-link': 'ffffffffffffffffffffffffffffffff' }),
    });
    assert.equal(await shop.customerByToken('expired-link'), undefined);
    const wrongKey = createShopwareCommerce({
      shopUrl: opened.fake.url,
      accessKey: 'SWSCWRONG',
      shopFile: demoShopFile(),
      resolveCustomerContext: staticCustomerContexts(FAKE_SHOPWARE_CONTEXTS),
    });
    await assert.rejects(wrongKey.customerByToken('demo-token-anna'), (e: unknown) => (e as { status?: number }).status === 401);
  });

  test('a shop that does not answer in time fails the call, and behind the resilient wrapper the customer hears SHOP_UNAVAILABLE', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const shop = createShopwareCommerce({
        shopUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
        accessKey: FAKE_SHOPWARE_ACCESS_KEY,
        shopFile: demoShopFile(),
        resolveCustomerContext: staticCustomerContexts(FAKE_SHOPWARE_CONTEXTS),
        timeoutMs: 150,
      });
      const started = performance.now();
      await assert.rejects(shop.ping());
      assert.ok(performance.now() - started < 2000);
      const guarded = resilientCommerce(shop, { timeoutMs: 150, retries: 0 });
      await assert.rejects(guarded.findProducts('hafermilch', 'de'), (e: unknown) => e instanceof ShopError && e.code === 'SHOP_UNAVAILABLE');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('orders are read in the customer\'s own context: an unknown customer id is refused', async () => {
    const shop = shopware(opened.fake);
    await assert.rejects(shop.listOrders('0123456789abcdef0123456789abcdef'), (e: unknown) => e instanceof ShopError && e.code === 'ACCOUNT_UNKNOWN');
  });

  test('an idempotency key already used by an order in the shop (another instance) is not placed again', async () => {
    const first = shopware(opened.fake);
    const anna = (await first.customerByToken('demo-token-anna'))!;
    const placed = await first.placeReorder(anna.id, '10042', 'cross-instance-key-01');
    const second = shopware(opened.fake);
    await second.customerByToken('demo-token-anna');
    const again = await second.placeReorder(anna.id, '10042', 'cross-instance-key-01');
    assert.equal(again.created, false);
    assert.equal(again.order.number, placed.order.number);
  });
});

test('the catalog version is asked once per expiry however many requests come at once, the last one used meanwhile', async (t) => {
  const opened = await openFake();
  t.after(() => opened.close());
  let monotonic = 0;
  const shop = createShopwareCommerce({
    versionTtlMs: 30_000,
    monotonic: () => monotonic,
    shopUrl: opened.fake.url,
    accessKey: FAKE_SHOPWARE_ACCESS_KEY,
    shopFile: demoShopFile(),
    resolveCustomerContext: staticCustomerContexts(FAKE_SHOPWARE_CONTEXTS),
  });
  const first = await shop.catalogVersion();
  const reads = () => opened.fake.calls.get('readProduct') ?? 0;
  const before = reads();
  monotonic += 30_000;
  const versions = await Promise.all(Array.from({ length: 20 }, () => shop.catalogVersion()));
  assert.deepEqual(new Set(versions), new Set([first]), 'the version seen, while the check runs');
  // The check runs in the background: let the event loop turn until the fake has answered it.
  for (let turn = 0; turn < 10_000 && reads() === before; turn++) await new Promise((resolve) => setImmediate(resolve));
  for (let turn = 0; turn < 100; turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await shop.catalogVersion(), first, 'checked again: the catalog did not change');
  assert.equal(reads() - before, 1, 'one version request for twenty callers');
  assert.deepEqual(opened.fake.violations, []);
});
