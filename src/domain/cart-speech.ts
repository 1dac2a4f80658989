import type { Cart, CartLine, Commerce } from '../catalog/commerce.js';
import { ShopError } from '../catalog/shop-error.js';
import { speak, type TurnContext } from './context.js';
import { productName } from './product-speech.js';
import { list, plain } from './speech.js';
import type { Speech } from './turn.js';

/** Items named before the rest is only counted: a longer list is not heard. */
export const NAMED_ITEMS = 3;

/** "2 mal Bio-Hafermilch 1 l, 1 mal Sojadrink 1 l und 2 weitere Artikel". */
export function cartItems(ctx: TurnContext, lines: CartLine[]): Speech {
  const named = lines.slice(0, NAMED_ITEMS)
    .map((line) => speak(ctx, 'reorder.item', { count: line.quantity, name: lineName(ctx, line) }, line.quantity));
  const rest = lines.length - named.length;
  return list(rest > 0 ? [...named, speak(ctx, 'reorder.more', { count: rest }, rest)] : named, ctx.locale);
}

/** "Nicht lieferbar ist …" for the cart's unavailable lines (text key per use), or nothing. */
export function unavailableLines(ctx: TurnContext, cart: Cart, key: string): Speech | undefined {
  const missing = cart.lines.filter((l) => !l.available);
  if (missing.length === 0) return undefined;
  return speak(ctx, key, { names: list(missing.map((l) => lineName(ctx, l)), ctx.locale) }, missing.length);
}

export function lineName(ctx: TurnContext, line: CartLine): Speech {
  return line.product ? productName(ctx, line.product) : plain(line.name[ctx.language]);
}

type CartMethods = Required<Pick<Commerce, 'cart' | 'addToCart' | 'removeFromCart' | 'placeCart'>>;

/** The shop's cart, or CART_UNSUPPORTED ("this shop takes no orders by voice") when it has none. */
export function shopCart(ctx: TurnContext): CartMethods {
  const c = ctx.deps.commerce;
  if (!c.cart || !c.addToCart || !c.removeFromCart || !c.placeCart) throw new ShopError('CART_UNSUPPORTED');
  return {
    cart: (id) => c.cart!(id),
    addToCart: (id, product, quantity) => c.addToCart!(id, product, quantity),
    removeFromCart: (id, product) => c.removeFromCart!(id, product),
    placeCart: (id, key, total) => c.placeCart!(id, key, total),
  };
}
