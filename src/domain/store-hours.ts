import type { DateTime } from 'luxon';
import type { Store } from '../catalog/commerce.js';
import { formatTime } from '../i18n/format.js';
import { answer, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { calendarDayIn, dayFromSlot, hoursFrom, openStateAt, type DayHours } from './opening-hours.js';
import { spokenDate } from './relative-date.js';
import { cleanSpokenText, foldSpoken, join, list } from './speech.js';
import type { Speech, VoiceReply } from './turn.js';

/** "schließt in 20 Minuten" is said when closing is at most this near. */
const CLOSING_SOON_MINUTES = 30;

/**
 * StoreHoursIntent {day?, store?}: open now (and until when, or that it closes soon), the
 * hours of a given day, holidays and exceptions, and the next opening when closed. Without a
 * store, every store is answered in one short sentence each.
 */
export async function storeHours(ctx: TurnContext): Promise<VoiceReply> {
  const stores = await storesAsked(ctx);
  const dayValue = ctx.turn.slots.day?.value;
  const day = dayFromSlot(dayValue, ctx.turn.now, ctx.shop.timeZone);
  const today = calendarDayIn(ctx.turn.now, ctx.shop.timeZone);
  const askedForAnotherDay = day !== undefined && day.toISODate() !== today;
  const parts: Speech[] = [];
  if (askedForAnotherDay && day.toISODate()! < today) {
    // A day that is over is not answered in the present tense: said so, then how things are now.
    parts.push(speak(ctx, 'hours.pastDay'));
    for (const store of stores) parts.push(await hoursNow(ctx, store));
    return answer(ctx, join(...parts), settled(ctx));
  }
  for (const store of stores) {
    parts.push(askedForAnotherDay ? await hoursOnDay(ctx, store, day) : await hoursNow(ctx, store));
  }
  return answer(ctx, join(...parts), settled(ctx));
}

async function storesAsked(ctx: TurnContext): Promise<Store[]> {
  const stores = await ctx.deps.commerce.listStores();
  const slot = ctx.turn.slots.store ?? {};
  if (slot.id) {
    const byId = stores.find((s) => s.id === slot.id);
    if (byId) return [byId];
  }
  const spoken = foldSpoken(cleanSpokenText(slot.value));
  if (!spoken) return stores;
  const match = stores.find((s) => [s.name, s.city, ...s.aliases].some((n) => foldSpoken(n).includes(spoken) || spoken.includes(foldSpoken(s.city))));
  if (!match) throw new ShopError('STORE_NOT_FOUND', { store: cleanSpokenText(slot.value) });
  return [match];
}


function intervalsSpeech(ctx: TurnContext, day: DayHours): Speech {
  return list(
    day.intervals.map((i) => speak(ctx, 'hours.interval', { open: formatTime(i.open, ctx.locale), close: formatTime(i.close, ctx.locale) })),
    ctx.locale,
  );
}

function reasonOf(ctx: TurnContext, day: DayHours): Speech | undefined {
  return day.special ? speak(ctx, 'hours.reason', { reason: day.special.reason[ctx.language] }) : undefined;
}

async function hoursOnDay(ctx: TurnContext, store: Store, date: DateTime): Promise<Speech> {
  const [day] = await hoursFrom(ctx.deps.commerce, store, calendarDayIn(date, store.timeZone), 1);
  const when = spokenDate(ctx, date.toISODate()!);
  if (!day || day.intervals.length === 0) return join(speak(ctx, 'hours.closedOn', { store: store.name, when }), reasonOf(ctx, day!));
  return join(speak(ctx, 'hours.openOn', { store: store.name, when, hours: intervalsSpeech(ctx, day) }), reasonOf(ctx, day));
}

async function hoursNow(ctx: TurnContext, store: Store): Promise<Speech> {
  const state = await openStateAt(ctx.deps.commerce, store, ctx.turn.now);
  switch (state.kind) {
    case 'open':
      return state.minutesLeft <= CLOSING_SOON_MINUTES
        ? speak(ctx, 'hours.closingSoon', { store: store.name, count: state.minutesLeft, close: formatTime(state.close, ctx.locale) }, state.minutesLeft)
        : speak(ctx, 'hours.openNow', { store: store.name, close: formatTime(state.close, ctx.locale) });
    case 'before-opening':
      return speak(ctx, 'hours.opensToday', { store: store.name, open: formatTime(state.open, ctx.locale) });
    case 'closed': {
      const reason = state.today.special && state.today.intervals.length === 0 ? reasonOf(ctx, state.today) : undefined;
      if (!state.next) return join(speak(ctx, 'hours.closedNow', { store: store.name }), reason);
      const when = spokenDate(ctx, state.next.day.isoDate);
      return join(
        speak(ctx, 'hours.closedNowNext', { store: store.name, when, open: formatTime(state.next.open, ctx.locale) }),
        reason,
      );
    }
  }
}
