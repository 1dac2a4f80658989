import type { ShopInfo } from '../../commerce.js';

/** The demo shop's name, contact and money rules. */
export const seedShopInfo: ShopInfo = {
  name: 'Lindenhof Markt',
  phone: '+49 89 21 54 37 0',
  email: 'service@lindenhof-markt.de',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  shippingCents: 495,
  freeShippingFromCents: 5000,
  vatPercent: 19,
  defaultStoreId: 'S-MUC',
  addressForm: 'du',
};
