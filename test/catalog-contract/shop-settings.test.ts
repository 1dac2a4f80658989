import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { checkFailed, checkShop } from '../../src/catalog/check-shop.js';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createShopifyCommerce, createShopwareCommerce, readShopFile } from '../../src/catalog/shop-adapters.js';
import { shopSettingsFromEnv } from '../../src/config.js';
import { staticCustomerContexts } from '../../src/catalog/shopware/shopware-commerce.js';
import { demoShopFile } from '../support/commerce-contract.js';
import { FAKE_SHOPWARE_ACCESS_KEY, FAKE_SHOPWARE_CONTEXTS, startFakeShopware, type FakeShopware } from '../support/fake-shopware.js';
import {
  FAKE_SHOPIFY_ADMIN_TOKEN, FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL, FAKE_SHOPIFY_DOMAIN, FAKE_SHOPIFY_STOREFRONT_TOKEN, startFakeShopify, type FakeShopify,
} from '../support/fake-shopify.js';

describe('shop settings from the environment', () => {
  test('the embedded shop by default, the shop API when its URL is set', () => {
    assert.equal(shopSettingsFromEnv({}).kind, 'embedded');
    assert.equal(shopSettingsFromEnv({ SHOPVOICE_SHOP_API_URL: 'https://shop.example/voice-api' }).kind, 'http');
    assert.equal(shopSettingsFromEnv({}).timeoutMs, 1500);
  });

  test('a hosted shop names every missing setting at once', () => {
    assert.throws(() => shopSettingsFromEnv({ SHOPVOICE_SHOP: 'shopware' }),
      /SHOPVOICE_SHOP=shopware needs SHOPVOICE_SHOPWARE_URL, SHOPVOICE_SHOPWARE_ACCESS_KEY, SHOPVOICE_SHOP_FILE/);
    assert.throws(() => shopSettingsFromEnv({ SHOPVOICE_SHOP: 'shopify', SHOPVOICE_SHOPIFY_STORE_DOMAIN: 'x.myshopify.com' }),
      /needs SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN, SHOPVOICE_SHOPIFY_ADMIN_TOKEN, SHOPVOICE_SHOPIFY_CUSTOMER_ACCOUNT_API_URL, SHOPVOICE_SHOP_FILE/);
    assert.throws(() => shopSettingsFromEnv({ SHOPVOICE_SHOP: 'magento' }), /must be one of embedded, http, shopware, shopify/);
    assert.throws(() => shopSettingsFromEnv({ SHOPVOICE_SHOP_TIMEOUT_MS: 'soon' }), /whole number of milliseconds/);
  });

  test('Shopware and Shopify settings are read as given', () => {
    const shopware = shopSettingsFromEnv({
      SHOPVOICE_SHOP: 'shopware', SHOPVOICE_SHOPWARE_URL: 'https://shop.example', SHOPVOICE_SHOPWARE_ACCESS_KEY: 'SWSC1',
      SHOPVOICE_SHOP_FILE: '/etc/shop.yaml', SHOPVOICE_SHOPWARE_BROWSERLESS_PAYMENT_METHODS: 'payment_invoice, payment_prepayment',
      SHOPVOICE_SHOPWARE_LANGUAGE_ID_DE: '2fbb5fe2e29a4d70aa5854ce7ce3e20b', SHOPVOICE_SHOP_TIMEOUT_MS: '2000',
    });
    assert.deepEqual(shopware.shopware, {
      url: 'https://shop.example', accessKey: 'SWSC1', languageIds: { de: '2fbb5fe2e29a4d70aa5854ce7ce3e20b' },
      browserlessPaymentMethods: ['payment_invoice', 'payment_prepayment'],
    });
    assert.equal(shopware.timeoutMs, 2000);
    const shopify = shopSettingsFromEnv({
      SHOPVOICE_SHOP: 'shopify', SHOPVOICE_SHOPIFY_STORE_DOMAIN: 'lindenhof.myshopify.com', SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN: 'sf',
      SHOPVOICE_SHOPIFY_ADMIN_TOKEN: 'ad', SHOPVOICE_SHOPIFY_CUSTOMER_ACCOUNT_API_URL: 'https://shopify.com/1/account/customer/api/2026-04/graphql',
      SHOPVOICE_SHOP_FILE: '/etc/shop.json',
    });
    assert.equal(shopify.shopify?.storeDomain, 'lindenhof.myshopify.com');
    assert.equal(shopify.shopFilePath, '/etc/shop.json');
  });
});

describe('shop check and the adapters built from settings', () => {
  let dir: string;
  let demo: EmbeddedShop;
  let shopwareFake: FakeShopware;
  let shopifyFake: FakeShopify;
  let shopFilePath: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopvoice-shop-check-'));
    demo = await openEmbeddedShop({ dataDir: join(dir, 'data'), now: () => new Date('2026-11-22T10:00:00Z') });
    shopwareFake = await startFakeShopware(demo);
    shopifyFake = await startFakeShopify(demo);
    shopFilePath = join(dir, 'shop.json');
    await writeFile(shopFilePath, JSON.stringify(demoShopFile()));
  });
  after(async () => {
    await shopwareFake.close();
    await shopifyFake.close();
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('a JSON shop file in the port types reads back as written, and a file without stores is refused', async () => {
    assert.deepEqual(await readShopFile(shopFilePath), JSON.parse(JSON.stringify(demoShopFile())));
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ info: { name: 'X' }, faq: [] }));
    await assert.rejects(readShopFile(bad), /needs stores/);
  });

  test("the merchant's shop.yaml reads as the port types; a broken one names each problem's line", async () => {
    const file = await readShopFile('examples/shop.yaml');
    assert.equal(file.info.name, 'Hofladen Sonnenberg');
    assert.equal(file.info.defaultStoreId, 'starnberg');
    assert.deepEqual(file.stores.map((s) => [s.id, s.names?.en]), [['starnberg', 'Starnberg Farm Shop'], ['tutzing', 'Tutzing Farm Shop']]);
    assert.deepEqual(file.exceptions?.find((e) => e.date === '2026-12-24')?.intervals, [{ open: '08:00', close: '12:00' }]);
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'name: { de: A, en: B }\nphone: "123"\nemail: a@b.de\ntimeZone: Mars/Olympus\nstores: []\n');
    await assert.rejects(readShopFile(broken), (e: Error) => /broken\.yaml:5: stores: /.test(e.message));
  });

  test('shop check through the Shopware adapter says what works, orders with a test token included', async () => {
    const settings = shopSettingsFromEnv({
      SHOPVOICE_SHOP: 'shopware', SHOPVOICE_SHOPWARE_URL: shopwareFake.url, SHOPVOICE_SHOPWARE_ACCESS_KEY: FAKE_SHOPWARE_ACCESS_KEY, SHOPVOICE_SHOP_FILE: shopFilePath,
    });
    const shop = await createShopwareCommerce(settings, { resolveCustomerContext: staticCustomerContexts(FAKE_SHOPWARE_CONTEXTS) });
    const lines = await checkShop(shop, { testToken: 'demo-token-anna' });
    assert.equal(checkFailed(lines), false, lines.join('\n'));
    const text = lines.join('\n');
    assert.match(text, /ok +shop answers: Lindenhof Markt/);
    assert.match(text, /ok +catalog: 174 products, \d+ available/);
    assert.match(text, /ok +search \(de\): "[^"]+" finds/);
    assert.match(text, /ok +orders of the test account: 2 orders, the latest 10042 is shipped/);
    assert.match(text, /ok +FAQ: \d+ topics answered in German and English/);
    assert.deepEqual(shopwareFake.violations, []);
  });

  test('shop check through the Shopify adapter, and a wrong token is reported in plain words', async () => {
    const env = {
      SHOPVOICE_SHOP: 'shopify', SHOPVOICE_SHOPIFY_STORE_DOMAIN: FAKE_SHOPIFY_DOMAIN, SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN: FAKE_SHOPIFY_STOREFRONT_TOKEN,
      SHOPVOICE_SHOPIFY_ADMIN_TOKEN: FAKE_SHOPIFY_ADMIN_TOKEN, SHOPVOICE_SHOPIFY_CUSTOMER_ACCOUNT_API_URL: FAKE_SHOPIFY_CUSTOMER_ACCOUNT_URL, SHOPVOICE_SHOP_FILE: shopFilePath,
    };
    const good = await checkShop(await createShopifyCommerce(shopSettingsFromEnv(env), { fetch: shopifyFake.fetch }), { testToken: 'demo-token-ben' });
    assert.equal(checkFailed(good), false, good.join('\n'));
    assert.match(good.join('\n'), /the latest 10039 is delivered/);
    const wrong = await checkShop(await createShopifyCommerce(shopSettingsFromEnv({ ...env, SHOPVOICE_SHOPIFY_STOREFRONT_TOKEN: 'wrong' }), { fetch: shopifyFake.fetch }));
    assert.equal(checkFailed(wrong), true);
    assert.match(wrong.join('\n'), /FAILED +shop answers: .*Unauthorized/);
    assert.match(wrong.join('\n'), /skipped orders: no test token given/);
  });
});

test('reading the shop settings loads no adapter: an embedded shop pays nothing for Shopware or Shopify', async () => {
  const source = await readFile(new URL('../../src/catalog/shop-adapters.ts', import.meta.url), 'utf8');
  const staticImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
  assert.deepEqual(staticImports, ['node:fs'], 'adapters, their clients and yaml are imported when a hosted shop is opened');
});
