import type { Product } from '../catalog/commerce.js';
import { answer, ask, settled, speak, type TurnContext } from './context.js';
import { choiceIndex } from './choice-answer.js';
import { availabilityOf, priceOf, productName } from './product-speech.js';
import { cleanSpokenText, join, list, plain } from './speech.js';
import type { Speech, VoiceReply } from './turn.js';

/** At most this many products are named when asking which one was meant. */
const MAX_CHOICES = 3;

/**
 * ProductLookupIntent {product}: one good match → name, price as the locale speaks it and
 * availability; a few close ones → name up to three and ask which; nothing → say so and
 * offer the nearest.
 */
export async function productLookup(ctx: TurnContext): Promise<VoiceReply> {
  const slot = ctx.turn.slots.product ?? {};
  const state = settled(ctx);

  if (slot.id) {
    const resolved = await ctx.deps.commerce.getProduct(slot.id);
    if (resolved) return describe(ctx, resolved, state);
  }
  const spoken = cleanSpokenText(slot.value);
  if (!spoken) {
    const prompt = speak(ctx, 'product.whichProduct');
    return ask(ctx, prompt, prompt, state, { dialog: { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' } });
  }

  // The answer to "which one did you mean?": a position ("die zweite") or words that fit one of
  // the offered products better than any other product.
  const offered = ctx.turn.session.state.choices ?? [];
  if (offered.length > 1) {
    const index = choiceIndex(spoken, ctx.language, offered.length);
    const picked = index === undefined ? undefined : await ctx.deps.commerce.getProduct(offered[index]!);
    if (picked) return describe(ctx, picked, state);
  }

  const search = await ctx.deps.commerce.findProducts(spoken, ctx.language, { limit: MAX_CHOICES + 2 });
  const [best] = search.candidates;
  const chosen = offered.length > 1 ? search.candidates.find((c) => offered.includes(c.product.id)) : undefined;
  if (chosen && (search.decision !== 'answer' || chosen === best)) return describe(ctx, chosen.product, state);
  if (search.decision === 'answer' && best) return describe(ctx, best.product, state);

  if (search.decision === 'ask' && search.candidates.length > 1) {
    const choices = distinctByName(ctx, search.candidates.map((c) => c.product)).slice(0, MAX_CHOICES);
    if (choices.length > 1) {
      const names = list(choices.map((p) => productName(ctx, p)), ctx.locale, 'disjunction');
      const question = speak(ctx, 'product.whichOne', { names });
      return ask(ctx, question, speak(ctx, 'product.whichOneReprompt', { names }), { ...state, choices: choices.map((p) => p.id) }, {
        dialog: { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' },
      });
    }
    if (best) return describe(ctx, best.product, state);
  }

  const notFound = speak(ctx, 'product.notFound', { spoken });
  const nearest = search.candidates[0]?.product;
  const suggestion = nearest ? speak(ctx, 'product.nearest', { name: productName(ctx, nearest) }) : undefined;
  return answer(ctx, join(notFound, suggestion), state, { outcome: 'fallback' });
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

async function describe(ctx: TurnContext, product: Product, state: VoiceReply['state']): Promise<VoiceReply> {
  const name = productName(ctx, product);
  const price = priceOf(ctx, product);
  const availability = availabilityOf(ctx, product);
  const facts = join(speak(ctx, 'product.found', { name, price }), availability);
  const variants = await variantSpeech(ctx, product);
  return answer(ctx, join(facts, variants), state, {
    card: {
      type: 'simple',
      title: product.name[ctx.language],
      text: `${price.text}\n${availability.text}${variants ? `\n${variants.text}` : ''}`,
    },
  });
}

/** "Gibt es auch in Blau und Schwarz, Größe 40 bis 44." — what else the product family offers. */
async function variantSpeech(ctx: TurnContext, product: Product): Promise<Speech | undefined> {
  if (!product.variantGroup) return undefined;
  const family = await ctx.deps.commerce.listVariants(product.variantGroup);
  const byAttribute = new Map<string, Set<string>>();
  for (const member of family) {
    if (!member.available || member.stock <= 0) continue;
    for (const [attribute, value] of Object.entries(member.attributes ?? {})) {
      const values = byAttribute.get(attribute) ?? new Set<string>();
      values.add(value);
      byAttribute.set(attribute, values);
    }
  }
  const parts: Speech[] = [];
  for (const [attribute, values] of [...byAttribute].sort(([a], [b]) => a.localeCompare(b))) {
    if (values.size < 2) continue;
    const sorted = [...values].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    const label = String(ctx.t(`attributes.${attribute}`, { defaultValue: attribute }));
    parts.push(speak(ctx, 'product.variantValues', { attribute: label, values: list(sorted.map(plain), ctx.locale) }));
  }
  if (parts.length === 0) return undefined;
  return speak(ctx, 'product.variants', { options: list(parts, ctx.locale) });
}
