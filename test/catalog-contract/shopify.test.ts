import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, validate } from 'graphql';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createShopifyCommerce } from '../../src/catalog/shopify/shopify-commerce.js';
import { QUERIES_DIR, SHOPIFY_QUERIES } from '../../src/catalog/shopify/shopify-queries.js';
import { commerceContract, demoShopFile } from '../support/commerce-contract.js';
import {
  FAKE_SHOPIFY_ADMIN_TOKEN, FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL, FAKE_SHOPIFY_DOMAIN, FAKE_SHOPIFY_STOREFRONT_TOKEN, startFakeShopify, type FakeShopify,
} from '../support/fake-shopify.js';
import { apiOfQueryFile, shopifySchema } from './schema/shopify-schemas.js';

async function openFake(): Promise<{ demo: EmbeddedShop; fake: FakeShopify; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-contract-shopify-'));
  const demo = await openEmbeddedShop({ dataDir: dir, now: () => new Date('2026-11-22T10:00:00Z') });
  const fake = await startFakeShopify(demo);
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

const shopify = (fake: FakeShopify, versionTtlMs?: number) => createShopifyCommerce({
  ...(versionTtlMs === undefined ? {} : { versionTtlMs }),
  storeDomain: FAKE_SHOPIFY_DOMAIN,
  storefrontToken: FAKE_SHOPIFY_STOREFRONT_TOKEN,
  adminToken: FAKE_SHOPIFY_ADMIN_TOKEN,
  customerAccountApiUrl: FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL,
  shopFile: demoShopFile(),
  fetch: fake.fetch,
});

let seen: FakeShopify | undefined;
commerceContract('Shopify Storefront, Customer Account and Admin APIs (schema-checked fake)', async () => {
  const opened = await openFake();
  seen = opened.fake;
  return {
    // The version is asked at every call, so the contract sees a change at once.
    commerce: shopify(opened.fake, 0),
    annaToken: 'demo-token-anna',
    emmaToken: 'demo-token-emma',
    async changePrice(id: string, priceCents: number) {
      opened.fake.setPrice(id, priceCents);
    },
    async close() {
      const violations = [...opened.fake.violations];
      await opened.close();
      assert.deepEqual(violations, [], 'every query and answer matched the official schemas');
    },
  };
}, { reorder: 'checkout-link' });

describe('Shopify adapter beyond the contract', () => {
  let opened: Awaited<ReturnType<typeof openFake>>;
  before(async () => { opened = await openFake(); });
  after(async () => { await opened.close(); });

  test('every query file is valid against the official schema of its API', () => {
    const files = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.graphql')).sort();
    assert.deepEqual(files, Object.values(SHOPIFY_QUERIES).sort(), 'every file is used, every used query is a file');
    for (const file of files) {
      const problems = validate(shopifySchema(apiOfQueryFile(file)), parse(readFileSync(new URL(file, QUERIES_DIR), 'utf8')));
      assert.deepEqual(problems.map((p) => p.message), [], file);
    }
  });

  test('the schemas refuse what Shopify would refuse, so a passing run means something', () => {
    assert.notDeepEqual(validate(shopifySchema('storefront'), parse('{ products(first: 1) { nodes { stockLevel } } }')), []);
    assert.notDeepEqual(validate(shopifySchema('customer-account'), parse('{ customer { orders(first: 1) { nodes { trackingNumber } } } }')), []);
    assert.notDeepEqual(validate(shopifySchema('admin'), parse('mutation { draftOrderCharge(id: "1") { id } }')), []);
  });

  test('the contract run asked for products in each language and e-mailed the checkout link to the customer', () => {
    assert.ok(seen);
    assert.ok((seen.calls.get('storefront:CatalogPage') ?? 0) >= 2);
    assert.ok((seen.calls.get('admin:ReorderDraftCreate') ?? 0) >= 2);
    assert.deepEqual(new Set(seen.invoicesSent.map((s) => s.email)), new Set(['anna.schmidt@example.com']));
    assert.equal(seen.invoicesSent.length, seen.calls.get('admin:ReorderDraftCreate'), 'one e-mail per draft order');
  });

  test('an idempotency key that already made a draft order (another instance) makes no second one', async () => {
    const first = shopify(opened.fake);
    const anna = (await first.customerByToken('demo-token-anna'))!;
    const placed = await first.placeReorder(anna.id, '10042', 'cross-instance-key-01');
    const second = shopify(opened.fake);
    await second.customerByToken('demo-token-anna');
    const again = await second.placeReorder(anna.id, '10042', 'cross-instance-key-01');
    assert.equal(again.created, false);
    assert.equal(again.order.number, placed.order.number);
    assert.equal(opened.fake.invoicesSent.length, 1);
    assert.deepEqual(opened.fake.violations, []);
  });
});
