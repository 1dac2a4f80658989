import { DateTime } from 'luxon';
import type { Weekday } from '../catalog/commerce.js';
import type { TurnContext } from './context.js';
import { calendarDayIn, hoursFrom } from './opening-hours.js';
import { specialSpeech } from './store-hours.js';
import type { Speech } from './turn.js';

/** How far ahead a launch looks for a holiday, short hours or a closure (today included). */
export const CLOSURE_NOTICE_DAYS = 7;

/**
 * The closure notice of a launch (issue 17, "After the sale"): when the shop's default store has
 * a special day in the next seven days whose hours differ from a normal week (a holiday on an
 * opening day, Christmas Eve's short hours, a company closure), one sentence about the nearest one
 * not yet told to this customer — each exception once per customer, remembered in the state store
 * (`rememberTold`, deleted with the user). A shop or store failure only drops the notice.
 *
 * @example const notice = await closureNotice(ctx); // "Am Donnerstag, dem 24. Dezember ist Heiligabend, da hat … nur von 9 bis 14 Uhr geöffnet."
 */
export async function closureNotice(ctx: TurnContext): Promise<Speech | undefined> {
  try {
    const stores = await ctx.deps.commerce.listStores();
    const store = stores.find((s) => s.id === ctx.shop.defaultStoreId) ?? stores[0];
    if (!store) return undefined;
    const today = calendarDayIn(ctx.turn.now, store.timeZone);
    const days = await hoursFrom(ctx.deps.commerce, store, today, CLOSURE_NOTICE_DAYS);
    for (const day of days) {
      if (!day.special) continue;
      const usual = store.weekly[DateTime.fromISO(day.isoDate, { zone: 'utc' }).weekday as Weekday] ?? [];
      if (JSON.stringify(usual) === JSON.stringify(day.intervals)) continue;
      if (await ctx.deps.state.rememberTold(ctx.turn.user.id, `closure:${store.id}:${day.isoDate}`, ctx.turn.now.toJSDate())) {
        return specialSpeech(ctx, store, day);
      }
    }
  } catch (err) {
    ctx.deps.log.warn({ err, requestId: ctx.turn.requestId }, 'closure notice skipped');
  }
  return undefined;
}
