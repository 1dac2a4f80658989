import { DateTime } from 'luxon';
import { relativeCalendarDay, relativeDay } from '../i18n/format.js';
import { speak, type TurnContext } from './context.js';
import { calendarDayIn } from './opening-hours.js';
import type { Speech } from './turn.js';

/** An ISO date spoken relative to the turn's clock: "morgen", "am Donnerstag", "on Saturday, December 6th". */
export function spokenDate(ctx: TurnContext, isoDate: string): Speech {
  const zone = ctx.shop.timeZone;
  // A plain calendar day is compared without luxon; anything else ISO allows goes through it.
  const relative = relativeCalendarDay(isoDate, calendarDayIn(ctx.turn.now, zone), ctx.locale)
    ?? relativeDay(DateTime.fromISO(isoDate, { zone }), ctx.turn.now, ctx.locale);
  switch (relative.kind) {
    case 'weekday':
      return speak(ctx, 'dates.onWeekday', { weekday: relative.weekday });
    case 'date':
      return speak(ctx, 'dates.onDate', { date: relative.date });
    default:
      return speak(ctx, `dates.${relative.kind}`);
  }
}
