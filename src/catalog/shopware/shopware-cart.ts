import { createHash } from 'node:crypto';
import type { Schemas } from '@shopware/api-client/store-api-types';
import type { Cart, CartLine, Commerce, Order, PlacedOrder, Product } from '../commerce.js';
import { ShopError } from '../shop-error.js';

/** What the cart needs of the adapter around it (shopware-commerce.ts). */
export interface ShopwareCartDeps {
  /** The Store API calls, each in the customer's own context (their `sw-context-token`). */
  api: {
    readCart(customerId: string): Promise<Schemas['Cart']>;
    addLineItem(customerId: string, uuid: string, quantity: number): Promise<Schemas['Cart']>;
    updateLineItem(customerId: string, lineId: string, quantity: number): Promise<Schemas['Cart']>;
    removeLineItem(customerId: string, lineId: string): Promise<Schemas['Cart']>;
    paymentMethod(customerId: string): Promise<string | undefined>;
    createOrder(customerId: string, affiliateCode: string): Promise<Schemas['Order']>;
  };
  /** Our product (by product number) and its Shopware id, from the current catalog. */
  product(productNumber: string): Promise<{ product: Product; uuid: string } | undefined>;
  /** Our product for a Shopware product id. */
  productByUuid(uuid: string): Promise<Product | undefined>;
  /** The customer's orders as Shopware has them, newest first. */
  rawOrders(customerId: string): Promise<Schemas['Order'][]>;
  toOrder(raw: Schemas['Order'], customerId: string): Promise<Order>;
  browserless: ReadonlySet<string>;
}

type CartMethods = Required<Pick<Commerce, 'cart' | 'addToCart' | 'removeFromCart' | 'placeCart' | 'cartOutcome'>>;

const cents = (euros: number | undefined) => Math.round((euros ?? 0) * 100);

/**
 * The voice cart over the customer's Store API cart (`/checkout/cart`, `/checkout/cart/line-item`):
 * what the customer puts in by voice is in their shop cart, and the other way round. Shopware
 * prices and totals it; an order is placed with `createOrder` only when the cart's total is the
 * one read back, at most once per key (the key's marker is the order's affiliate code).
 */
export function shopwareCart(deps: ShopwareCartDeps): CartMethods {
  const placing = new Map<string, Promise<PlacedOrder>>();
  const markerOf = (key: string) => `shopvoice-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;

  async function toCart(raw: Schemas['Cart']): Promise<Cart> {
    const lines: CartLine[] = [];
    for (const item of raw.lineItems ?? []) {
      if (item.type !== 'product' || !item.referencedId) continue;
      const product = await deps.productByUuid(item.referencedId);
      const label = item.label ?? product?.name.de ?? item.referencedId;
      // Shopware takes out of the cart what cannot be delivered; what is left can be ordered.
      lines.push({ product, productId: product?.id ?? item.referencedId, name: product?.name ?? { de: label, en: label }, quantity: item.quantity ?? 1, available: true, lineCents: cents(item.price?.totalPrice) });
    }
    const shippingCents = cents((raw.deliveries ?? []).reduce((sum, d) => sum + (d.shippingCosts?.totalPrice ?? 0), 0));
    const totalCents = lines.length === 0 ? 0 : cents(raw.price?.totalPrice);
    const vatCents = lines.length === 0 ? 0 : cents((raw.price?.calculatedTaxes ?? []).reduce((sum, t) => sum + t.tax, 0));
    return { lines, itemsCents: totalCents - shippingCents, shippingCents, totalCents, vatCents };
  }

  const { api } = deps;

  async function placeOnce(customerId: string, key: string, expectedTotalCents: number): Promise<PlacedOrder> {
    const marker = markerOf(key);
    const existing = (await deps.rawOrders(customerId)).find((o) => o.affiliateCode === marker);
    if (existing) return { order: await deps.toOrder(existing, customerId), created: false };
    const payment = await api.paymentMethod(customerId);
    if (!payment || !deps.browserless.has(payment)) throw new ShopError('INTERNAL', { reason: 'PAYMENT_NEEDS_BROWSER', paymentMethod: payment ?? 'none' });
    const cart = await toCart(await api.readCart(customerId));
    if (cart.lines.length === 0) throw new ShopError('CART_EMPTY');
    if (cart.totalCents !== expectedTotalCents) throw new ShopError('CART_CHANGED', { totalCents: cart.totalCents });
    const placed = await api.createOrder(customerId, marker);
    const order = (await deps.rawOrders(customerId)).find((o) => o.id === placed.id) ?? placed;
    return { order: await deps.toOrder(order, customerId), created: true };
  }

  return {
    async cart(customerId) {
      return toCart(await api.readCart(customerId));
    },
    async addToCart(customerId, productId, quantity) {
      const known = await deps.product(productId);
      if (!known) throw new ShopError('PRODUCT_UNAVAILABLE', { productId });
      const raw = await api.readCart(customerId);
      const line = (raw.lineItems ?? []).find((l: Schemas['LineItem']) => l.referencedId === known.uuid);
      const had = line?.quantity ?? 0;
      if (!known.product.available || known.product.stock < had + quantity) {
        throw new ShopError('PRODUCT_UNAVAILABLE', { productId, stock: known.product.available ? known.product.stock : 0 });
      }
      return toCart(line ? await api.updateLineItem(customerId, line.id, had + quantity) : await api.addLineItem(customerId, known.uuid, quantity));
    },
    async removeFromCart(customerId, productId) {
      const known = await deps.product(productId);
      const raw = await api.readCart(customerId);
      const line = (raw.lineItems ?? []).find((l: Schemas['LineItem']) => l.referencedId === (known?.uuid ?? productId));
      return toCart(line ? await api.removeLineItem(customerId, line.id) : raw);
    },
    placeCart(customerId, key, expectedTotalCents) {
      const running = placing.get(key);
      if (running) return running.then((placed) => ({ ...placed, created: false }));
      const promise = placeOnce(customerId, key, expectedTotalCents).finally(() => placing.delete(key));
      placing.set(key, promise);
      return promise;
    },
    async cartOutcome(customerId, key) {
      const marker = markerOf(key);
      const raw = (await deps.rawOrders(customerId)).find((o) => o.affiliateCode === marker);
      return raw ? deps.toOrder(raw, customerId) : undefined;
    },
  };
}
