import type { DateTime } from 'luxon';
import type { Interval, Store, Weekday } from '../catalog/commerce.js';
import { formatTime } from '../i18n/format.js';
import { answer, settled, speak, type TurnContext } from './context.js';
import { ShopError } from '../catalog/shop-error.js';
import { calendarDayIn, dayFromSlot, hoursFrom, midnightIn, openStateAt, type DayHours } from './opening-hours.js';
import { namedDay, spokenDate } from './relative-date.js';
import { cleanSpokenText, foldSpoken, join, list, plain } from './speech.js';
import type { Speech, VoiceReply } from './turn.js';

/** "schließt in 20 Minuten" is said when closing is at most this near. */
const CLOSING_SOON_MINUTES = 30;

/**
 * StoreHoursIntent {day?, store?}: one store — the one named, else the one the conversation is
 * about ("und morgen?"), else the shop's default store. A day: that day's hours (a weekend:
 * Saturday and Sunday), with a holiday or exception said once ("Heute ist Heiligabend, da hat
 * … nur von 8 bis 14 Uhr geöffnet."). No day: open now or not, and the weekly hours. A store
 * named alone right after a day was asked about keeps that day ("und in Köln?").
 */
export async function storeHours(ctx: TurnContext): Promise<VoiceReply> {
  const session = ctx.turn.session.state;
  const store = await storeAsked(ctx);
  const zone = ctx.shop.timeZone;
  const dayValue = ctx.turn.slots.day?.value;
  let day = dayFromSlot(dayValue, ctx.turn.now, zone);
  const followUp = session.lastIntent === 'StoreHoursIntent';
  if (!dayValue && ctx.turn.slots.store?.value !== undefined && followUp && session.day) day = midnightIn(zone, session.day);
  const today = calendarDayIn(ctx.turn.now, zone);
  const isoDay = day?.toISODate() ?? undefined;
  const state = { ...settled(ctx), store: store.id, ...(isoDay ? { day: isoDay } : {}) };
  if (!isoDay) delete state.day;

  let speech: Speech;
  if (day && isoDay! < today) {
    // A day that is over is not answered in the present tense: said so, then how things are now.
    speech = join(speak(ctx, 'hours.pastDay'), await hoursNow(ctx, store));
  } else if (day && /-WE$/i.test(dayValue ?? '') && day.weekday === 6) {
    speech = join(...(await Promise.all([hoursOnDay(ctx, store, day), hoursOnDay(ctx, store, day.plus({ days: 1 }))])));
  } else if (day && isoDay !== today) {
    speech = await hoursOnDay(ctx, store, day);
  } else if (day) {
    speech = await hoursNow(ctx, store);
  } else {
    // Asked without a day: whether it is open now and the week's hours ("what are your opening
    // hours"), unless today is a holiday or exception, whose reopening is said instead.
    const [[todayHours], now] = await Promise.all([hoursFrom(ctx.deps.commerce, store, today, 1), hoursNow(ctx, store)]);
    speech = join(now, todayHours?.special ? undefined : weeklyHours(ctx, store));
  }
  return answer(ctx, speech, state);
}

/** The store's name as the shop sets it for the turn's language. */
function storeName(ctx: TurnContext, store: Store): string {
  return store.names?.[ctx.language] ?? store.name;
}

async function storeAsked(ctx: TurnContext): Promise<Store> {
  const stores = await ctx.deps.commerce.listStores();
  const slot = ctx.turn.slots.store ?? {};
  if (slot.id) {
    const byId = stores.find((s) => s.id === slot.id);
    if (byId) return byId;
  }
  const spoken = foldSpoken(cleanSpokenText(slot.value));
  if (spoken) {
    const match = stores.find((s) => [s.name, s.city, ...s.aliases, ...Object.values(s.names ?? {})].some((n) => foldSpoken(n).includes(spoken) || spoken.includes(foldSpoken(s.city))));
    if (!match) throw new ShopError('STORE_NOT_FOUND', { store: cleanSpokenText(slot.value) });
    return match;
  }
  const wanted = ctx.turn.session.state.store ?? ctx.shop.defaultStoreId;
  const chosen = stores.find((s) => s.id === wanted) ?? stores[0];
  if (!chosen) throw new ShopError('STORE_NOT_FOUND', { store: '' });
  return chosen;
}

/** "von 8 bis 20 Uhr" / "from 8 am to 8 pm": German says "Uhr" once, after the closing time. */
function intervalsSpeech(ctx: TurnContext, intervals: Interval[]): Speech {
  return list(
    intervals.map((i) => speak(ctx, 'hours.interval', { open: formatTime(i.open, ctx.locale, { bare: ctx.language === 'de' }), close: formatTime(i.close, ctx.locale) })),
    ctx.locale,
  );
}

/** A holiday or exception, said once: "Heute ist Heiligabend, da hat … nur von 8 bis 14 Uhr geöffnet." (also the launch's closure notice) */
export function specialSpeech(ctx: TurnContext, store: Store, day: DayHours): Speech {
  const { subject } = namedDay(ctx, day.isoDate);
  const params = { when: subject, reason: reasonInSentence(ctx, day.special!.reason[ctx.language]), store: storeName(ctx, store) };
  if (day.intervals.length === 0) return speak(ctx, 'hours.specialClosed', params);
  return speak(ctx, 'hours.specialOpen', { ...params, hours: intervalsSpeech(ctx, day.intervals) });
}

/**
 * A day's reason as it stands inside an English sentence: a common noun in lower case ("Tuesday
 * is stocktaking"), a name as it is ("Christmas Eve", "New Year's Day": another word capitalised).
 * German nouns keep their capital.
 */
function reasonInSentence(ctx: TurnContext, reason: string): string {
  if (ctx.language !== 'en' || /\s\p{Lu}/u.test(reason)) return reason;
  return reason.replace(/^\p{Lu}/u, (c) => c.toLowerCase());
}

async function hoursOnDay(ctx: TurnContext, store: Store, date: DateTime): Promise<Speech> {
  const [day] = await hoursFrom(ctx.deps.commerce, store, calendarDayIn(date, store.timeZone), 1);
  if (day?.special) return specialSpeech(ctx, store, day);
  const { subject, adverb } = namedDay(ctx, date.toISODate()!);
  const params = { store: storeName(ctx, store), whenSubject: subject, when: adverb };
  if (!day || day.intervals.length === 0) return speak(ctx, 'hours.closedOn', params);
  return speak(ctx, 'hours.openOn', { ...params, hours: intervalsSpeech(ctx, day.intervals) });
}

async function hoursNow(ctx: TurnContext, store: Store): Promise<Speech> {
  const state = await openStateAt(ctx.deps.commerce, store, ctx.turn.now);
  const name = storeName(ctx, store);
  switch (state.kind) {
    case 'open':
      return state.minutesLeft <= CLOSING_SOON_MINUTES
        ? speak(ctx, 'hours.closingSoon', { store: name, count: state.minutesLeft, close: formatTime(state.close, ctx.locale) }, state.minutesLeft)
        : speak(ctx, 'hours.openNow', { store: name, close: formatTime(state.close, ctx.locale) });
    case 'before-opening':
      return speak(ctx, 'hours.opensToday', { store: name, open: formatTime(state.open, ctx.locale) });
    case 'closed': {
      const reason = state.today.special ? specialSpeech(ctx, store, state.today) : undefined;
      if (!state.next) return reason ?? speak(ctx, 'hours.closedNow', { store: name });
      const next = { store: name, when: spokenDate(ctx, state.next.day.isoDate), open: formatTime(state.next.open, ctx.locale) };
      return reason ? join(reason, speak(ctx, 'hours.opensAgain', next)) : speak(ctx, 'hours.closedNowNext', next);
    }
  }
}

/** "Unsere Öffnungszeiten: montags bis freitags von 8 bis 20 Uhr und samstags von 8 bis 18 Uhr." */
function weeklyHours(ctx: TurnContext, store: Store): Speech | undefined {
  const key = (d: Weekday) => JSON.stringify(store.weekly[d] ?? []);
  const spans: Array<{ from: Weekday; to: Weekday }> = [];
  for (let d = 1 as Weekday; d <= 7; d = (d + 1) as Weekday) {
    if (!store.weekly[d]?.length) continue;
    const last = spans[spans.length - 1];
    if (last && last.to === d - 1 && key(last.to) === key(d)) last.to = d;
    else spans.push({ from: d, to: d });
  }
  if (spans.length === 0) return undefined;
  const days = spans.map(({ from, to }) => {
    const hours = intervalsSpeech(ctx, store.weekly[from]!);
    const first = speak(ctx, `weekdays.${from}`);
    return from === to
      ? speak(ctx, 'hours.daySingle', { day: first, hours })
      : speak(ctx, 'hours.daySpan', { from: first, to: speak(ctx, `weekdays.${to}`), hours });
  });
  return speak(ctx, 'hours.weekly', { days: list(days, ctx.locale), store: plain(storeName(ctx, store)) });
}
