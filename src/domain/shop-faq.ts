import { answer, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { cleanSpokenText, foldSpoken, list, plain } from './speech.js';
import type { VoiceReply } from './turn.js';

/** ShopFaqIntent {topic}: the shop's own answer on shipping costs, delivery time, returns, payment. */
export async function shopFaq(ctx: TurnContext): Promise<VoiceReply> {
  const topics = await ctx.deps.commerce.faqTopics();
  const slot = ctx.turn.slots.topic ?? {};
  const spoken = foldSpoken(cleanSpokenText(slot.value));
  const topic =
    topics.find((t) => t.id === slot.id) ??
    topics.find((t) => t.names[ctx.language].some((n) => foldSpoken(n) === spoken)) ??
    topics.find((t) => spoken !== '' && t.names[ctx.language].some((n) => spoken.includes(foldSpoken(n))));
  if (!topic) {
    // Topic names are stored as spoken (lower case); German nouns are written capitalised.
    const said = (t: (typeof topics)[number]) => t.names[ctx.language][0] ?? t.id;
    const named = (t: (typeof topics)[number]) => (ctx.language === 'de' ? said(t).replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : said(t));
    const names = list(topics.map((t) => plain(named(t))), ctx.locale, 'disjunction');
    throw new ShopError('FAQ_UNKNOWN', { topics: names.text });
  }
  const text = await ctx.deps.commerce.faqAnswer(topic.id, ctx.language);
  if (!text) throw new ShopError('FAQ_UNKNOWN', { topics: topic.names[ctx.language][0] ?? topic.id });
  return answer(ctx, plain(text), settled(ctx), {
    card: { type: 'simple', title: String(ctx.t('faq.cardTitle', { topic: topic.names[ctx.language][0] ?? topic.id })), text },
  });
}

