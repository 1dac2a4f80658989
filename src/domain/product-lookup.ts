import type { Product } from '../catalog/commerce.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { productFollowUp } from './product-follow-up.js';
import { isAvailable, priceOf, productFacts, productName } from './product-speech.js';
import { variantSpeech } from './product-variants.js';
import { cleanSpokenText, join, list } from './speech.js';
import type { SessionState, VoiceReply } from './turn.js';

/** At most this many products are named when asking which one was meant. */
const MAX_CHOICES = 3;

/** An alternative to a sold-out product must be at least this close a match to be offered. */
const ALTERNATIVE_FROM = 0.5;

/**
 * ProductLookupIntent {product}: a follow-up about the product talked about ("und was kostet
 * sie", "in Schwarz?", "die zweite"); one good match → name with its article, price as the
 * locale speaks it, availability and what else its family offers; a few close ones → name up to
 * three and ask which; one that is only close → "Meinst du …?"; nothing → say plainly that the
 * shop does not carry it. A match is answered only above the calibrated score (the matcher's
 * decision), so the skill is never confidently wrong.
 */
export async function productLookup(ctx: TurnContext): Promise<VoiceReply> {
  const slot = ctx.turn.slots.product ?? {};
  const state = settled(ctx);

  if (slot.id) {
    const resolved = await ctx.reads.product(slot.id);
    if (resolved) return describeProduct(ctx, resolved, state);
  }
  const spoken = cleanSpokenText(slot.value);
  if (!spoken) {
    const prompt = speak(ctx, 'product.whichProduct');
    return ask(ctx, prompt, prompt, state, { dialog: { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' } });
  }
  const meant = await productFollowUp(ctx, spoken);
  if (meant) return describeProduct(ctx, meant, state);

  const offered = ctx.turn.session.state.choices ?? [];
  const search = await ctx.deps.commerce.findProducts(spoken, ctx.language, { limit: MAX_CHOICES + 2 });
  const [best] = search.candidates;
  // The answer to "which one did you mean?" in words that fit one of the offered products.
  const chosen = offered.length > 1 ? search.candidates.find((c) => offered.includes(c.product.id)) : undefined;
  if (chosen && (search.decision !== 'answer' || chosen === best)) return describeProduct(ctx, chosen.product, state);
  if (search.decision === 'answer' && best) return describeProduct(ctx, best.product, state);

  if (search.decision === 'ask' && best) {
    const choices = distinctByName(ctx, search.candidates.map((c) => c.product)).slice(0, MAX_CHOICES);
    if (choices.length > 1) {
      const names = list(choices.map((p) => productName(ctx, p)), ctx.locale, 'disjunction');
      const ids = choices.map((p) => p.id);
      return ask(ctx, speak(ctx, 'product.whichOne', { names }), speak(ctx, 'product.whichOneReprompt', { names }), { ...state, choices: ids, products: ids }, {
        dialog: { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' },
      });
    }
    const question = speak(ctx, 'product.didYouMean', { name: productName(ctx, best.product) });
    return ask(ctx, join(speak(ctx, 'product.notFoundClose', { spoken }), question), question, {
      ...state,
      pending: { kind: 'product', productId: best.product.id },
    }, { outcome: 'fallback' });
  }
  return answer(ctx, speak(ctx, 'product.notFound', { spoken }), state, { outcome: 'fallback' });
}

function distinctByName(ctx: TurnContext, products: Product[]): Product[] {
  const seen = new Set<string>();
  return products.filter((p) => {
    const key = p.name[ctx.language].toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The answer about one product: "Der Fahrradhelm kostet 59,99 €. Er ist gerade leider
 * ausverkauft." and, when sold out, the closest available alternative as a question; else
 * what else its family offers. The session remembers it for follow-ups.
 */
export async function describeProduct(ctx: TurnContext, product: Product, base: SessionState): Promise<VoiceReply> {
  const products = base.products?.includes(product.id) ? base.products : [product.id];
  const state: SessionState = { ...base, product: product.id, products };
  const said = productFacts(ctx, product);
  const facts = join(said.sentence, said.availability);
  const family = product.variantGroup ? await ctx.deps.commerce.listVariants(product.variantGroup) : [];
  const card = (extra?: string) => ({
    type: 'simple' as const,
    title: product.name[ctx.language],
    text: `${said.price.text}\n${said.availability.text}${extra ? `\n${extra}` : ''}`,
  });
  if (!isAvailable(product)) {
    const alternative = await closestAlternative(ctx, product, family);
    if (alternative) {
      const question = speak(ctx, 'product.alternative', { name: productName(ctx, alternative), price: priceOf(ctx, alternative) });
      return ask(ctx, join(facts, question), speak(ctx, 'product.alternativeReprompt', { name: productName(ctx, alternative) }), {
        ...state,
        pending: { kind: 'product', productId: alternative.id },
      }, { card: card() });
    }
    return answer(ctx, facts, state, { card: card() });
  }
  const variants = family.length > 1 ? variantSpeech(ctx, product, family) : undefined;
  return answer(ctx, join(facts, variants), state, { card: card(variants?.text) });
}

/**
 * What to offer instead of a sold-out product: the family member closest to it (the other
 * colour in the same size), else the best available match for its name in the same category.
 */
async function closestAlternative(ctx: TurnContext, product: Product, family: Product[]): Promise<Product | undefined> {
  const same = (m: Product) => Object.entries(product.attributes ?? {}).filter(([a, v]) => m.attributes?.[a] === v).length;
  const member = family.filter((m) => m.id !== product.id && isAvailable(m)).sort((a, b) => same(b) - same(a))[0];
  if (member) return member;
  const search = await ctx.deps.commerce.findProducts(product.name[ctx.language], ctx.language, { limit: 6 });
  return search.candidates.find((c) => c.product.id !== product.id && isAvailable(c.product) && c.product.category === product.category && c.score >= ALTERNATIVE_FROM)?.product;
}

