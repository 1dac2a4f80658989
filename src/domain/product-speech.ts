import type { Product } from '../catalog/commerce.js';
import { formatPrice } from '../i18n/format.js';
import { speak, type TurnContext } from './context.js';
import { foreign, plain } from './speech.js';
import type { Speech } from './turn.js';

/** Stock below this is spoken as "only N left". */
const LOW_STOCK = 5;

/**
 * A product's name as spoken in this turn. A name the catalog keeps identical in both
 * languages is an English brand name; in German speech it gets `<lang xml:lang="en-US">` so it
 * is pronounced as such (platform-rules.md, "Alexa: responses").
 */
export function productName(ctx: TurnContext, product: Pick<Product, 'name'>): Speech {
  const name = product.name[ctx.language];
  if (ctx.language === 'de' && product.name.en === name && /[a-z]/i.test(name) && !/[äöüß]/i.test(name)) {
    return foreign(name, 'en-US');
  }
  return plain(name);
}

/** "kostet 1,99 € (1,99 € pro Liter)" */
export function priceOf(ctx: TurnContext, product: Product): Speech {
  const price = formatPrice(product.priceCents, ctx.locale);
  if (!product.unitPrice || product.unitPrice.unit === 'piece') return speak(ctx, 'product.price', { price });
  return speak(ctx, 'product.priceWithUnit', {
    price,
    unitPrice: formatPrice(product.unitPrice.cents, ctx.locale),
    unit: speak(ctx, `units.${product.unitPrice.unit}`).text,
  });
}

/** "ist auf Lager" / "nur noch 3 Stück" / "ist gerade ausverkauft". */
export function availabilityOf(ctx: TurnContext, product: Product): Speech {
  if (!product.available || product.stock <= 0) return speak(ctx, 'product.soldOut');
  if (product.stock < LOW_STOCK) return speak(ctx, 'product.lowStock', { count: product.stock }, product.stock);
  return speak(ctx, 'product.inStock');
}
