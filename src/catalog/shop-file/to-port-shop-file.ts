import type { ShopInfo } from '../commerce.js';
import type { ShopFile as PortShopFile } from '../shopware/shop-file.js';
import type { ShopFile } from './parse-shop-file.js';

/**
 * The shop info a shop file describes, names per language included; the embedded shop stores it,
 * the hosted adapters answer with it.
 *
 * @example shopInfoOf(parseShopFile(text).shop).names?.en // 'Sonnenberg Farm Shop'
 */
export function shopInfoOf(shop: ShopFile): ShopInfo {
  return {
    name: shop.name.de,
    names: { en: shop.name.en },
    phone: shop.phone,
    email: shop.email,
    timeZone: shop.timeZone,
    currency: 'EUR',
    shippingCents: shop.shippingCents,
    freeShippingFromCents: shop.freeShippingFromCents,
    vatPercent: shop.vatPercent,
    defaultStoreId: shop.defaultStoreId,
    addressForm: shop.addressForm,
  };
}

/**
 * The merchant's `shop.yaml`, as the hosted adapters (Shopware, Shopify) answer from it: the port's
 * own types, names per language included.
 *
 * @example const answers = shopFileAnswers(toPortShopFile(parsed.shop));
 */
export function toPortShopFile(shop: ShopFile): PortShopFile {
  return {
    info: shopInfoOf(shop),
    stores: shop.stores.map((s) => ({
      id: s.id,
      name: s.name.de,
      names: { en: s.name.en },
      city: s.city,
      region: s.region,
      timeZone: shop.timeZone,
      weekly: s.weekly,
      aliases: s.aliases,
    })),
    exceptions: shop.stores.flatMap((s) => s.exceptions.map((e) => ({ storeId: s.id, date: e.date, intervals: e.intervals, reason: e.reason }))),
    faq: shop.faq.map((f) => ({ id: f.id, names: f.names, answer: f.answer })),
  };
}
