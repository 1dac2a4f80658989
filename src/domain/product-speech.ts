import type { TFunction } from 'i18next';
import type { Product } from '../catalog/commerce.js';
import { formatPrice } from '../i18n/format.js';
import { speak, type TurnContext } from './context.js';
import { afterDefiniteArticle, germanGender, type GermanGender } from './german-gender.js';
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

/** The grammatical form a product takes in speech: its German gender, or `none` (a brand name). */
export function grammarOf(product: Pick<Product, 'name'>): GermanGender | 'none' {
  return germanGender(product.name.de) ?? 'none';
}

/** "Der Fahrradhelm" / "The Bike Helmet" / "Nike Air Max 90": the product as a sentence's subject. */
export function productSubject(ctx: TurnContext, product: Pick<Product, 'name'>): Speech {
  const grammar = grammarOf(product);
  const name = ctx.language === 'de' && grammar !== 'none'
    ? productName(ctx, { name: { ...product.name, de: afterDefiniteArticle(product.name.de, grammar) } })
    : productName(ctx, product);
  return speak(ctx, `grammar.subject.${grammar}`, { name });
}

/** "1,99 €" or "1,99 €, das sind 1,99 € pro Liter". */
export function priceOf(ctx: TurnContext, product: Product): Speech {
  const price = formatPrice(product.priceCents, ctx.locale);
  if (!product.unitPrice || product.unitPrice.unit === 'piece') return plain(price);
  return speak(ctx, 'product.priceWithUnit', {
    price,
    unitPrice: formatPrice(product.unitPrice.cents, ctx.locale),
    unit: speak(ctx, `units.${product.unitPrice.unit}`).text,
  });
}

/** "Der Fahrradhelm kostet 59,99 €." — plural names take the plural verb. */
export function priceSentence(ctx: TurnContext, product: Product): Speech {
  return speak(ctx, 'product.found', { subject: productSubject(ctx, product), price: priceOf(ctx, product) }, grammarOf(product) === 'pl' ? 2 : 1);
}

export function isAvailable(product: Product): boolean {
  return product.available && product.stock > 0;
}

/** "Er ist vorrätig." / "Davon sind nur noch 3 Stück da." / "Er ist gerade leider ausverkauft." */
export function availabilityOf(ctx: TurnContext, product: Product): Speech {
  const grammar = grammarOf(product);
  if (!isAvailable(product)) return speak(ctx, `product.soldOut.${grammar}`);
  if (product.stock < LOW_STOCK) return speak(ctx, 'product.lowStock', { count: product.stock }, product.stock);
  return speak(ctx, `product.inStock.${grammar}`);
}

/** How an attribute value is said in the turn's language ("Schwarz" / "black"). */
export function attributeLabel(ctx: TurnContext, product: Product, attribute: string): string | undefined {
  const value = product.attributes?.[attribute];
  if (value === undefined) return undefined;
  return product.attributeLabels?.[attribute]?.[ctx.language] ?? value;
}

/** What a product answer says about one product: its price sentence, its price and its stock. */
export interface ProductFacts {
  /** "Der Fahrradhelm kostet 59,99 €." */
  sentence: Speech;
  /** "59,99 €" (for the card). */
  price: Speech;
  /** "Er ist vorrätig." */
  availability: Speech;
}

/**
 * Facts said so far, per product object and translator. The catalog hands out each product as one
 * frozen object until it changes (the embedded shop's snapshot), so a product asked for again is
 * said from here: the articles, genders and prices of a product answer were a fifth of an /alexa
 * request (bench/NOTES.md, "Speech"). A WeakMap: a product the catalog no longer holds takes its
 * facts with it; a catalog that builds new objects on every call simply never hits.
 */
const factsKept = new WeakMap<Product, Map<TFunction, ProductFacts>>();

/** The facts of a product answer, worked out once per product object and translator. */
export function productFacts(ctx: TurnContext, product: Product): ProductFacts {
  let byTranslator = factsKept.get(product);
  if (!byTranslator) factsKept.set(product, (byTranslator = new Map()));
  let facts = byTranslator.get(ctx.t);
  if (!facts) {
    facts = Object.freeze({
      sentence: Object.freeze(priceSentence(ctx, product)),
      price: Object.freeze(priceOf(ctx, product)),
      availability: Object.freeze(availabilityOf(ctx, product)),
    });
    byTranslator.set(ctx.t, facts);
  }
  return facts;
}
