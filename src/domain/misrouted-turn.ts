import { calendarDayIn, midnightIn } from './opening-hours.js';
import type { TurnContext } from './context.js';
import { cleanSpokenText, foldSpoken } from './speech.js';
import type { SlotValue, VoiceTurn } from './turn.js';

/**
 * Words that mark another intent's phrase caught in the product slot, folded. Platforms fill an
 * open slot with whatever follows a carrier phrase ("Was kostet der Versand?", "habt ihr heute
 * auf"); the matcher would then name the nearest product ("Skipping Rope" for "shipping").
 * Both languages are checked whatever the locale: a German session says "shipping" too.
 */
const ORDER_WORDS = /\b(mein|meine|meinem|meiner|meines|my)\s+(paket|packchen|sendung|bestellung|lieferung|parcel|package|order|delivery|shipment)\b|^(paket|sendung|parcel|package|shipment)$/;
const HANDOFF_WORDS = /\b(mensch|menschen|mitarbeiter|mitarbeiterin|kundenservice|kundendienst|hotline|berater|human|person|agent|someone|somebody|customer service|representative|operator)\b/;
/** A cart named in the product slot: the sentence was about the cart (issue 17). */
const CART_WORDS = /\b(warenkorb|einkaufswagen|basket|cart)\b/;
const REMOVE_WORDS = /\b(raus|heraus|entfern|entferne|losch|losche|remove|delete|out)\b/;
/** The words of a cart request around the product ("leg … in den warenkorb", "add … to my basket"). */
const CART_PHRASE = /\b(leg|lege|pack|packe|tu|tue|fug|fuge|hinzu|nimm|nehm|nehme|raus|heraus|wieder|entfern|entferne|losch|losche|in|den|meinen|meinem|dem|zum|aus|warenkorb|einkaufswagen|add|put|pop|take|remove|delete|out|of|to|into|my|the|basket|cart|please|bitte|mir)\b/g;
const HOURS_WORDS = /\b(offen|geoffnet|offnungszeiten|geschlossen|open|opening|hours|closed|closing)\b/;
/** "auf" and "zu" mean opening hours only beside a day word ("habt ihr heute auf"). */
const OPEN_SHUT = /\b(auf|zu)\b/;
const DAY_WORDS: Record<string, number> = { heute: 0, jetzt: 0, gerade: 0, today: 0, now: 0, morgen: 1, tomorrow: 1, ubermorgen: 2 };

/**
 * The turn as it was meant, when a ProductLookupIntent's product is really a phrase of another
 * intent: shipping and other FAQ topics, "mein Paket", "mit einem Menschen", opening hours.
 * Undefined when the slot may well name a product.
 *
 * @example misroutedTurn(ctx) // for product "der versand": { …turn, intent: 'ShopFaqIntent', slots: { topic: { id: 'shipping_costs' } } }
 */
export async function misroutedTurn(ctx: TurnContext): Promise<VoiceTurn | undefined> {
  const slot = ctx.turn.slots.product;
  // Dialogflow hands an unmatched value of an open entity back as its "id": only a real product counts.
  if (!slot || (slot.id && (await ctx.reads.product(slot.id)))) return undefined;
  const text = foldSpoken(cleanSpokenText(slot.value));
  if (!text) return undefined;
  const as = (intent: string, slots: Record<string, SlotValue>): VoiceTurn => ({ ...ctx.turn, intent, slots });

  if (ORDER_WORDS.test(text)) return as('OrderStatusIntent', {});
  // "add the organic one to my basket" read as the answer to "which one?" (issue 17).
  if (CART_WORDS.test(text)) {
    const product = text.replace(CART_PHRASE, ' ').replace(/\s+/g, ' ').trim();
    const intent = REMOVE_WORDS.test(text) ? 'RemoveFromCartIntent' : 'AddToCartIntent';
    return as(intent, product ? { product: { value: product } } : {});
  }
  const topics = await ctx.deps.commerce.faqTopics();
  const words = ` ${text} `;
  const topicNames = foldedNames(topics, (t) => [...t.names.de, ...t.names.en]);
  const topic = topics.find((_, i) => topicNames[i]!.some((n) => words.includes(n)));
  if (topic) return as('ShopFaqIntent', { topic: { id: topic.id, value: slot.value } });
  if (HANDOFF_WORDS.test(text)) return as('HumanHandoffIntent', {});
  const offset = text.split(' ').map((w) => DAY_WORDS[w]).find((d) => d !== undefined);
  if (HOURS_WORDS.test(text) || (offset !== undefined && OPEN_SHUT.test(text))) {
    const slots: Record<string, SlotValue> = {};
    if (offset !== undefined) {
      const today = calendarDayIn(ctx.turn.now, ctx.shop.timeZone);
      slots.day = { value: midnightIn(ctx.shop.timeZone, today).plus({ days: offset }).toISODate()! };
    }
    const stores = await ctx.deps.commerce.listStores();
    const storeNames = foldedNames(stores, (s) => [s.city, ...s.aliases]);
    const store = stores.find((_, i) => storeNames[i]!.some((n) => words.includes(n)));
    if (store) slots.store = { id: store.id, value: store.city };
    return as('StoreHoursIntent', slots);
  }
  return undefined;
}

/**
 * The names of each item, folded and padded with spaces (" versandkosten "), worked out once per
 * list: a catalog hands out its FAQ topics and stores as one unchanging list until they change,
 * and folding every name on every product turn was a tenth of an unresolved lookup
 * (bench/NOTES.md, "Speech"). A list built anew on every call is simply folded anew.
 */
const folded = new WeakMap<readonly object[], string[][]>();

function foldedNames<T extends object>(list: readonly T[], names: (item: T) => string[]): string[][] {
  let found = folded.get(list);
  if (!found) {
    found = list.map((item) => names(item).map((n) => ` ${foldSpoken(n)} `));
    folded.set(list, found);
  }
  return found;
}
