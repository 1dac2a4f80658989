import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Commerce, Product } from '../../src/catalog/commerce.js';
import { seedFaq } from '../../src/catalog/embedded/seed/faq.js';
import { seedShopInfo } from '../../src/catalog/embedded/seed/shop-info.js';
import { seedExceptions, seedStores } from '../../src/catalog/embedded/seed/stores.js';
import type { ShopFile } from '../../src/catalog/shopware/shop-file.js';
import { ShopError } from '../../src/catalog/shop-error.js';

/**
 * One shop behind the port, serving the embedded demo shop's data (directly, or through a fake
 * of the hosted shop's API that answers from it).
 */
export interface ContractSubject {
  commerce: Commerce;
  /** The linked-account token under which this shop knows Anna (demo customer C-1001). */
  annaToken: string;
  /** Emma's token: her last order (10041) is all sold out. */
  emmaToken: string;
  /** Changes a product's price in the shop behind the adapter, as the merchant would. */
  changePrice(productId: string, priceCents: number): Promise<void>;
  close(): Promise<void>;
}

/** What an adapter does by the nature of its shop, where shops differ. */
export interface ContractCapabilities {
  /**
   * `order`: placeReorder places the order and charges the customer's payment method.
   * `checkout-link`: the shop cannot charge for a third party; placeReorder leaves an order to
   * pay (a draft order) and sends its checkout link to the customer's e-mail.
   */
  reorder: 'order' | 'checkout-link';
  /**
   * The shop keeps a cart per customer that the skill can fill and order (issue 17). Without one
   * the adapter has no cart methods, and the conversation says cart orders are not offered.
   */
  cart?: boolean;
}

const byId = (products: Product[]) => products.map((p) => p.id);

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ShopError, `expected ShopError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

/**
 * Registers the catalog port's contract as node:test cases for one adapter. Every adapter
 * passes the same cases against the same demo data; where a shop differs by nature the
 * capability says how, and the case checks that behaviour instead of being skipped.
 *
 * @example commerceContract('embedded shop', openSubject, { reorder: 'order' });
 */
export function commerceContract(name: string, open: () => Promise<ContractSubject>, capabilities: ContractCapabilities): void {
  describe(`catalog port contract: ${name}`, () => {
    let subject: ContractSubject;
    let shop: Commerce;
    before(async () => {
      subject = await open();
      shop = subject.commerce;
    });
    after(async () => {
      await subject?.close();
    });

    test('ping answers and the catalog version is stable while nothing changes', async () => {
      await shop.ping();
      const version = await shop.catalogVersion();
      assert.equal(typeof version, 'string');
      assert.ok(version.length > 0);
      assert.equal(await shop.catalogVersion(), version);
    });

    test('shop info comes from the shop', async () => {
      const info = await shop.shopInfo();
      assert.equal(info.name, 'Lindenhof Markt');
      assert.equal(info.currency, 'EUR');
      assert.equal(info.shippingCents, 495);
      assert.equal(info.freeShippingFromCents, 5000);
    });

    test('search in German finds the product by its spoken name, with price, stock and unit price', async () => {
      const result = await shop.findProducts('spülmittel zitrone', 'de');
      assert.equal(result.decision, 'answer');
      const top = result.candidates[0]!.product;
      assert.equal(top.id, 'P-3001');
      assert.equal(top.name.de, 'Spülmittel Zitrone 500 ml');
      assert.equal(top.name.en, 'Lemon Washing-Up Liquid 500 ml');
      assert.equal(top.priceCents, 129);
      assert.equal(top.brand, 'Klarwerk');
      assert.deepEqual(top.unitPrice, { cents: 258, unit: 'l' });
      assert.equal(top.available, true);
      assert.equal(top.stock, 73);
      assert.ok(result.candidates.every((c, i, all) => c.score >= 0 && c.score <= 1 && (i === 0 || all[i - 1]!.score >= c.score)));
    });

    test('search in English finds the same product by its English name', async () => {
      const result = await shop.findProducts('lemon washing-up liquid', 'en');
      assert.equal(result.decision, 'answer');
      assert.equal(result.candidates[0]!.product.id, 'P-3001');
    });

    test('an ambiguous search asks, and nonsense finds nothing', async () => {
      const oat = await shop.findProducts('oat milk', 'en', { limit: 3 });
      assert.equal(oat.decision, 'ask');
      assert.deepEqual(new Set(oat.candidates.map((c) => c.product.id)), new Set(['P-1001', 'P-1002', 'P-1003']));
      const none = await shop.findProducts('xylophon quantenphysik', 'de');
      assert.equal(none.decision, 'none');
      assert.deepEqual(none.candidates, []);
    });

    test('getProduct answers by id, and undefined for an unknown id', async () => {
      const product = await shop.getProduct('P-1001');
      assert.equal(product?.name.de, 'Bio-Hafermilch 1 l');
      assert.equal(product?.priceCents, 149);
      assert.equal(product?.description.en, 'Unsweetened oat drink made from German organic oats.');
      assert.equal(await shop.getProduct('P-0000'), undefined);
    });

    test('listProducts lists the whole catalog once, ordered by id', async () => {
      const all = await shop.listProducts();
      assert.equal(all.length, 174);
      const ids = byId(all);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(new Set(ids).size, ids.length);
      const soldOut = all.find((p) => p.id === 'P-2031');
      assert.equal(soldOut?.available, false);
    });

    test('variants: a family lists every member with its attributes, sold-out ones too', async () => {
      const shoe = (await shop.getProduct('P-4003'))!;
      assert.ok(shoe.variantGroup, 'the shoe belongs to a variant family');
      assert.deepEqual(shoe.attributes, { colour: 'blau', size: '42' });
      const family = await shop.listVariants(shoe.variantGroup);
      assert.deepEqual(byId(family).sort(), ['P-4001', 'P-4002', 'P-4003', 'P-4004', 'P-4005', 'P-4006', 'P-4007', 'P-4008', 'P-4009', 'P-4010']);
      assert.ok(family.every((p) => p.variantGroup === shoe.variantGroup));
      assert.equal(family.find((p) => p.id === 'P-4010')?.available, false);
      assert.deepEqual(family.find((p) => p.id === 'P-4006')?.attributes, { colour: 'schwarz', size: '40' });
      assert.deepEqual(await shop.listVariants('no-such-family'), []);
    });

    test('a linked account finds its customer; an unknown token finds nobody', async () => {
      const anna = await shop.customerByToken(subject.annaToken);
      assert.equal(anna?.name, 'Anna Schmidt');
      assert.equal(anna?.email, 'anna.schmidt@example.com');
      assert.equal(await shop.customerByToken('no-such-token'), undefined);
    });

    test('orders for a token: newest first, with state, carrier and tracking code', async () => {
      const anna = (await shop.customerByToken(subject.annaToken))!;
      const orders = await shop.listOrders(anna.id);
      assert.deepEqual(orders.slice(0, 2).map((o) => o.number), ['10042', '10018']);
      const latest = orders[0]!;
      assert.equal(latest.status, 'shipped');
      assert.equal(latest.carrier, 'DHL');
      assert.equal(latest.trackingNumber, '00340434161200420042');
      assert.equal(latest.expectedDelivery, '2026-11-24');
      assert.equal(latest.totalCents, 1918);
      assert.equal(latest.lines.length, 5);
      assert.equal(Date.parse(latest.placedAt), Date.parse('2026-11-20T18:32:00Z'));
      assert.equal(orders[1]!.status, 'delivered');
      const one = await shop.getOrder(anna.id, '10042');
      assert.equal(one?.lines.find((l) => l.productId === 'P-3001')?.name.de, 'Spülmittel Zitrone 500 ml');
      assert.equal(await shop.getOrder(anna.id, '10039'), undefined, "Ben's order is not Anna's");
    });

    test('a reorder quote prices what can be ordered again today, and leaves out what cannot', async () => {
      const anna = (await shop.customerByToken(subject.annaToken))!;
      const quote = await shop.quoteReorder(anna.id, '10042');
      assert.equal(quote.basedOn, '10042');
      assert.deepEqual(quote.available.map((l) => [l.product.id, l.quantity, l.lineCents]), [
        ['P-1001', 2, 298], ['P-1008', 1, 249], ['P-3001', 1, 129], ['P-1012', 1, 429],
      ]);
      assert.deepEqual(quote.unavailable, [{ name: { de: 'Sojadrink 1 l', en: 'Soy Drink 1 l' }, quantity: 2 }]);
      assert.equal(quote.itemsCents, 1105);
      assert.equal(quote.shippingCents, 495);
      assert.equal(quote.totalCents, 1600);
      assert.equal(quote.vatCents, 255);
      await rejectsWithCode(shop.quoteReorder(anna.id, '99999'), 'ORDER_NOT_FOUND');
      const emma = (await shop.customerByToken(subject.emmaToken))!;
      await rejectsWithCode(shop.quoteReorder(emma.id, '10041'), 'REORDER_NOTHING_AVAILABLE');
    });

    const reorderTitle = capabilities.reorder === 'order'
      ? 'a reorder is placed once per idempotency key, however often and concurrently it is asked'
      : 'a reorder sends one checkout link per idempotency key by e-mail, however often and concurrently it is asked';
    test(reorderTitle, async () => {
      const anna = (await shop.customerByToken(subject.annaToken))!;
      const before = await shop.listOrders(anna.id);
      const key = 'contract-reorder-key-0001';
      const [a, b] = await Promise.all([shop.placeReorder(anna.id, '10042', key), shop.placeReorder(anna.id, '10042', key)]);
      assert.equal(a.order.number, b.order.number);
      assert.deepEqual([a.created, b.created].sort(), [false, true]);
      const again = await shop.placeReorder(anna.id, '10042', key);
      assert.equal(again.order.number, a.order.number);
      assert.equal(again.created, false);
      assert.equal(a.order.totalCents, 1600);
      assert.deepEqual(a.order.lines.map((l) => [l.productId, l.quantity, l.unitPriceCents]), [
        ['P-1001', 2, 149], ['P-1008', 1, 249], ['P-3001', 1, 129], ['P-1012', 1, 429],
      ]);
      const after = await shop.listOrders(anna.id);
      if (capabilities.reorder === 'order') {
        assert.equal(a.checkoutSentTo, undefined);
        assert.equal(a.order.status, 'received');
        assert.equal(after.length, before.length + 1);
        assert.equal(after[0]!.number, a.order.number);
        const other = await shop.placeReorder(anna.id, '10042', 'contract-reorder-key-0002');
        assert.notEqual(other.order.number, a.order.number);
        assert.equal(other.created, true);
      } else {
        // Nothing is charged: the customer pays through the link, and only then is there an order.
        assert.equal(a.checkoutSentTo, 'email');
        assert.equal(after.length, before.length);
        const other = await shop.placeReorder(anna.id, '10042', 'contract-reorder-key-0002');
        assert.notEqual(other.order.number, a.order.number);
        assert.equal(other.created, true);
        assert.equal(other.checkoutSentTo, 'email');
      }
    });

    test(capabilities.cart ? 'a cart: add, read, take out, and order once at exactly the read-back total' : 'no cart: the cart methods are absent', async () => {
      if (!capabilities.cart) {
        assert.equal(shop.cart, undefined);
        assert.equal(shop.placeCart, undefined);
        return;
      }
      const info = await shop.shopInfo();
      const anna = (await shop.customerByToken(subject.annaToken))!;
      await shop.addToCart!(anna.id, 'P-1016', 2);
      await shop.addToCart!(anna.id, 'P-1016', 1);
      let cart = await shop.addToCart!(anna.id, 'P-1008', 1);
      assert.deepEqual(cart.lines.map((l) => [l.productId, l.quantity, l.available, l.lineCents]), [['P-1016', 3, true, 687], ['P-1008', 1, true, 249]]);
      const shipping = (items: number) => (items >= info.freeShippingFromCents ? 0 : info.shippingCents);
      assert.equal(cart.itemsCents, 936);
      assert.equal(cart.totalCents, 936 + shipping(936));
      await rejectsWithCode(shop.addToCart!(anna.id, 'P-1007', 1), 'PRODUCT_UNAVAILABLE');
      cart = await shop.removeFromCart!(anna.id, 'P-1008');
      assert.deepEqual(cart.lines.map((l) => [l.productId, l.quantity]), [['P-1016', 3]]);
      assert.deepEqual((await shop.cart!(anna.id)).lines.map((l) => [l.productId, l.quantity]), [['P-1016', 3]]);
      const total = cart.totalCents;
      const key = 'contract-cart-key-0001';
      await rejectsWithCode(shop.placeCart!(anna.id, key, total + 1), 'CART_CHANGED');
      const [a, b] = await Promise.all([shop.placeCart!(anna.id, key, total), shop.placeCart!(anna.id, key, total)]);
      assert.equal(a.order.number, b.order.number);
      assert.deepEqual([a.created, b.created].sort(), [false, true]);
      assert.equal(a.order.totalCents, total);
      assert.deepEqual(a.order.lines.map((l) => [l.productId, l.quantity, l.unitPriceCents]), [['P-1016', 3, 229]]);
      assert.deepEqual((await shop.cart!(anna.id)).lines, [], 'what was ordered left the cart');
      assert.equal((await shop.cartOutcome!(anna.id, key))?.number, a.order.number);
      assert.equal(await shop.cartOutcome!(anna.id, 'contract-cart-key-0404'), undefined);
    });

    test('stores with weekly hours, and their holidays and dated exceptions', async () => {
      const stores = await shop.listStores();
      assert.deepEqual(stores.map((s) => s.id).sort(), ['S-BER', 'S-CGN', 'S-MUC']);
      const berlin = stores.find((s) => s.id === 'S-BER')!;
      assert.equal(berlin.timeZone, 'Europe/Berlin');
      assert.ok(berlin.weekly[1]?.length);
      const days = await shop.specialDays('S-BER', '2026-12-01', '2026-12-31');
      const on = (date: string) => days.find((d) => d.date === date);
      assert.equal(on('2026-12-04')?.kind, 'exception');
      assert.deepEqual(on('2026-12-04')?.intervals, []);
      assert.equal(on('2026-12-24')?.kind, 'exception');
      assert.equal(on('2026-12-25')?.kind, 'holiday');
      assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort());
      await rejectsWithCode(shop.specialDays('S-XXX', '2026-12-01', '2026-12-31'), 'STORE_NOT_FOUND');
    });

    test('FAQ topics with spoken names, and answers per language', async () => {
      const topics = await shop.faqTopics();
      const shipping = topics.find((t) => t.id === 'shipping_costs');
      assert.equal(shipping?.names.de[0], 'versandkosten');
      assert.equal(shipping?.names.en[0], 'shipping costs');
      assert.match((await shop.faqAnswer('shipping_costs', 'de'))!, /4,95 Euro/);
      assert.match((await shop.faqAnswer('shipping_costs', 'en'))!, /4\.95 euros/);
      assert.equal(await shop.faqAnswer('no_such_topic', 'de'), undefined);
    });

    test('a change in the shop moves the catalog version, and search and look-up see the new price', async () => {
      const before = await shop.catalogVersion();
      await subject.changePrice('P-3001', 139);
      assert.notEqual(await shop.catalogVersion(), before);
      assert.equal((await shop.getProduct('P-3001'))?.priceCents, 139);
      const found = await shop.findProducts('spülmittel zitrone', 'de');
      assert.equal(found.candidates[0]?.product.priceCents, 139);
    });
  });
}

/** The demo shop's name, stores, hours and FAQ as a merchant's shop file gives them to a hosted-shop adapter. */
export function demoShopFile(): ShopFile {
  return { info: seedShopInfo, stores: seedStores, exceptions: seedExceptions, faq: seedFaq };
}
