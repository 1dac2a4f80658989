import type { Cart, Customer, Product } from '../catalog/commerce.js';
import { ShopError } from '../catalog/shop-error.js';
import { formatPrice } from '../i18n/format.js';
import { isReply, linkedCustomer } from './account.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { cartItems, lineName, shopCart, unavailableLines } from './cart-speech.js';
import { productFollowUp } from './product-follow-up.js';
import { isAvailable, productName } from './product-speech.js';
import { spokenQuantity } from './spoken-quantity.js';
import { cleanSpokenText, foldSpoken, join, list } from './speech.js';
import type { SessionState, Speech, VoiceReply } from './turn.js';

/** The most of one product a spoken request may add (a misheard "zweihundert" is not an order). */
export const MAX_QUANTITY = 99;

/** Words of "nimm die Milch wieder raus" that name no product, folded. */
const REMOVE_FILLER = new Set([
  'die', 'der', 'das', 'den', 'dem', 'mein', 'meine', 'meinen', 'meinem', 'aus', 'raus', 'heraus', 'wieder', 'bitte', 'dem', 'warenkorb',
  'the', 'my', 'from', 'out', 'of', 'basket', 'cart', 'please', 'again',
]);

/**
 * AddToCartIntent {product, quantity}: "Leg zwei davon in den Warenkorb", "add the organic one to
 * my basket", "pack drei Bio-Hafermilch ein". The product may be the one talked about ("davon",
 * "die", "the organic one"); the quantity is the number said (AMAZON.NUMBER, @sys.number, or a
 * number word before the product), else one. A product that cannot be delivered is said as such.
 */
export async function addToCart(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  const spoken = cleanSpokenText(ctx.turn.slots.product?.value);
  const said = spokenQuantity(ctx.turn.slots.quantity?.value, spoken, ctx.language);
  if (said.quantity !== undefined && (said.quantity < 1 || said.quantity > MAX_QUANTITY)) {
    const prompt = speak(ctx, 'cart.howMany');
    return ask(ctx, prompt, prompt, settled(ctx), { dialog: { type: 'elicit-slot', intent: 'AddToCartIntent', slot: 'quantity' } });
  }
  const found = await productMeant(ctx, said.rest);
  if (!(found && 'id' in found)) return found ?? whichProduct(ctx);
  const product = found;
  const quantity = said.quantity ?? 1;
  const state: SessionState = { ...settled(ctx), product: product.id, products: [product.id] };
  if (!isAvailable(product)) return answer(ctx, speak(ctx, 'cart.soldOut', { name: productName(ctx, product) }), state, { outcome: 'error' });
  let cart: Cart;
  try {
    cart = await shopCart(ctx).addToCart(customer.id, product.id, quantity);
  } catch (error) {
    if (!(error instanceof ShopError && error.code === 'PRODUCT_UNAVAILABLE')) throw error;
    const stock = Number(error.params.stock ?? 0);
    const key = stock > 0 ? 'cart.notThatMany' : 'cart.soldOut';
    return answer(ctx, speak(ctx, key, { name: productName(ctx, product), count: stock }, stock), state, { outcome: 'error' });
  }
  const added = speak(ctx, 'cart.added', { count: quantity, name: productName(ctx, product) }, quantity);
  return answer(ctx, join(added, summary(ctx, cart)), state);
}

/** CartContentsIntent: "was ist in meinem Warenkorb". Names three items, counts the rest, says the total. */
export async function cartContents(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  const cart = await shopCart(ctx).cart(customer.id);
  if (cart.lines.length === 0) return answer(ctx, speak(ctx, 'cart.empty'), settled(ctx));
  const ids = cart.lines.map((l) => l.productId).slice(0, 5);
  const available = cart.lines.filter((l) => l.available);
  const contents = available.length > 0
    ? join(speak(ctx, 'cart.contents', { items: cartItems(ctx, available) }), speak(ctx, 'cart.itemsTotal', { total: formatPrice(cart.itemsCents, ctx.locale) }))
    : undefined;
  return answer(ctx, join(contents, unavailableLines(ctx, cart, 'cart.unavailable')), { ...settled(ctx), products: ids, ...(ids.length === 1 ? { product: ids[0] } : {}) });
}

/**
 * RemoveFromCartIntent {product}: "nimm die Milch wieder raus", "take the oat milk out". The
 * words are matched against what is in the cart first; "sie"/"it" is the product talked about.
 */
export async function removeFromCart(ctx: TurnContext): Promise<VoiceReply> {
  const customer = await linkedCustomer(ctx);
  if (isReply(customer)) return customer;
  const cart = await shopCart(ctx).cart(customer.id);
  if (cart.lines.length === 0) return answer(ctx, speak(ctx, 'cart.empty'), settled(ctx));
  const slot = ctx.turn.slots.product ?? {};
  const spoken = cleanSpokenText(slot.value);
  const line = await cartLineMeant(ctx, cart, slot.id, spoken);
  if (!line) {
    return answer(ctx, spoken ? speak(ctx, 'cart.notInCart', { spoken }) : speak(ctx, 'cart.whichToRemove'), settled(ctx), { outcome: 'fallback' });
  }
  if (Array.isArray(line)) {
    const names = list(line.map((l) => lineName(ctx, l)), ctx.locale, 'disjunction');
    const ids = line.map((l) => l.productId);
    const question = speak(ctx, 'cart.whichOneToRemove', { names });
    return ask(ctx, question, question, { ...settled(ctx), choices: ids, products: ids }, {
      dialog: { type: 'elicit-slot', intent: 'RemoveFromCartIntent', slot: 'product' },
    });
  }
  const after = await shopCart(ctx).removeFromCart(customer.id, line.productId);
  const removed = speak(ctx, 'cart.removed', { name: lineName(ctx, line) });
  return answer(ctx, join(removed, after.lines.length > 0 ? summary(ctx, after) : speak(ctx, 'cart.nowEmpty')), settled(ctx));
}

/** "Im Warenkorb sind jetzt 3 Artikel für zusammen 4,47 €." */
function summary(ctx: TurnContext, cart: Cart): Speech {
  const count = cart.lines.filter((l) => l.available).reduce((sum, l) => sum + l.quantity, 0);
  return speak(ctx, 'cart.summary', { count, total: formatPrice(cart.itemsCents, ctx.locale) }, count);
}

function whichProduct(ctx: TurnContext): VoiceReply {
  const prompt = speak(ctx, 'cart.whichProduct');
  return ask(ctx, prompt, prompt, settled(ctx), { dialog: { type: 'elicit-slot', intent: 'AddToCartIntent', slot: 'product' } });
}

/**
 * The product an add means: the resolved id, a follow-up of the conversation ("davon", "die
 * zweite", "the organic one"), the product talked about when none is named, else a search. A
 * reply when it cannot be told (several close ones: which one?; none: not carried).
 */
async function productMeant(ctx: TurnContext, spoken: string): Promise<Product | VoiceReply | undefined> {
  const slot = ctx.turn.slots.product ?? {};
  const commerce = ctx.deps.commerce;
  if (slot.id) {
    const resolved = await commerce.getProduct(slot.id);
    if (resolved) return resolved;
  }
  const current = ctx.turn.session.state.product;
  if (!spoken) return current ? commerce.getProduct(current) : undefined;
  const meant = await productFollowUp(ctx, spoken);
  if (meant) return meant;
  const search = await commerce.findProducts(spoken, ctx.language, { limit: 5 });
  const offered = ctx.turn.session.state.choices ?? [];
  const chosen = offered.length > 1 ? search.candidates.find((c) => offered.includes(c.product.id)) : undefined;
  if (chosen) return chosen.product;
  const [best] = search.candidates;
  if (search.decision === 'answer' && best) return best.product;
  if (search.decision === 'ask' && search.candidates.length > 1) {
    const choices = search.candidates.slice(0, 3).map((c) => c.product);
    const names = list(choices.map((p) => productName(ctx, p)), ctx.locale, 'disjunction');
    const ids = choices.map((p) => p.id);
    const question = speak(ctx, 'cart.whichOne', { names });
    return ask(ctx, question, question, { ...settled(ctx), choices: ids, products: ids }, {
      dialog: { type: 'elicit-slot', intent: 'AddToCartIntent', slot: 'product' },
    });
  }
  return answer(ctx, speak(ctx, 'product.notFound', { spoken }), settled(ctx), { outcome: 'fallback' });
}

type Line = Cart['lines'][number];

/** The cart line the words name; several when they fit more than one; undefined when none. */
async function cartLineMeant(ctx: TurnContext, cart: Cart, id: string | undefined, spoken: string): Promise<Line | Line[] | undefined> {
  const byId = (productId: string | undefined) => cart.lines.find((l) => l.productId === productId);
  if (id && byId(id)) return byId(id);
  const words = foldSpoken(spoken).split(' ').filter((w) => w.length > 2 && !REMOVE_FILLER.has(w));
  if (words.length > 0) {
    const fits = cart.lines.filter((l) => {
      const name = foldSpoken(`${l.name.de} ${l.name.en}`);
      return words.every((w) => name.includes(w));
    });
    if (fits.length === 1) return fits[0];
    if (fits.length > 1) {
      // "die zweite" after the question which one.
      const offered = ctx.turn.session.state.choices;
      const among = offered ? fits.filter((l) => offered.includes(l.productId)) : [];
      return among.length === 1 ? among[0] : fits;
    }
  }
  const meant = spoken ? await productFollowUp(ctx, spoken) : ctx.turn.session.state.product ? await ctx.deps.commerce.getProduct(ctx.turn.session.state.product) : undefined;
  return meant ? byId(meant.id) : undefined;
}
