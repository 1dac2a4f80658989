import { DateTime } from 'luxon';
import { formatCalendarWeekday, formatDayMonth, relativeCalendarDay, relativeDay, type RelativeDay } from '../i18n/format.js';
import { speak, type TurnContext } from './context.js';
import { calendarDayIn } from './opening-hours.js';
import type { Speech } from './turn.js';

function relativeOf(ctx: TurnContext, isoDate: string): RelativeDay {
  const zone = ctx.shop.timeZone;
  // A plain calendar day is compared without luxon; anything else ISO allows goes through it.
  return relativeCalendarDay(isoDate, calendarDayIn(ctx.turn.now, zone), ctx.locale)
    ?? relativeDay(DateTime.fromISO(isoDate, { zone }), ctx.turn.now, ctx.locale);
}

/** An ISO date spoken relative to the turn's clock: "morgen", "am Donnerstag", "on Saturday, December 6th". */
export function spokenDate(ctx: TurnContext, isoDate: string): Speech {
  const relative = relativeOf(ctx, isoDate);
  switch (relative.kind) {
    case 'weekday':
      return speak(ctx, 'dates.onWeekday', { weekday: relative.weekday });
    case 'date':
      return speak(ctx, 'dates.onDate', { date: relative.date });
    default:
      return speak(ctx, `dates.${relative.kind}`);
  }
}

/**
 * A day the customer asked about, as the subject of a sentence and as an adverb: today and
 * tomorrow by those words, any other day by its weekday (a customer who said "Montag" hears
 * "Montag", not "übermorgen"), or by its date beyond a week.
 *
 * @example namedDay(ctx, '2026-11-24') // { subject: 'Am Dienstag', adverb: 'am Dienstag' }
 */
export function namedDay(ctx: TurnContext, isoDate: string): { subject: Speech; adverb: Speech } {
  let relative = relativeOf(ctx, isoDate);
  if (relative.kind === 'dayAfterTomorrow' || relative.kind === 'yesterday') {
    const weekday = formatCalendarWeekday(isoDate, ctx.locale) ?? DateTime.fromISO(isoDate, { zone: 'utc' }).setLocale(ctx.language).toFormat('cccc');
    relative = { kind: 'weekday', weekday };
  }
  switch (relative.kind) {
    case 'weekday':
      return { subject: speak(ctx, 'dates.subject.weekday', { weekday: relative.weekday }), adverb: speak(ctx, 'dates.onWeekday', { weekday: relative.weekday }) };
    case 'date':
      return { subject: speak(ctx, 'dates.subject.date', { date: relative.date }), adverb: speak(ctx, 'dates.onDate', { date: relative.date }) };
    default:
      return { subject: speak(ctx, `dates.subject.${relative.kind}`), adverb: speak(ctx, `dates.${relative.kind}`) };
  }
}

/** A day already past: "gestern", "am 24. November" / "on 24 November" / "on November 24th". */
export function pastDate(ctx: TurnContext, isoDate: string): Speech {
  if (relativeOf(ctx, isoDate).kind === 'yesterday') return speak(ctx, 'dates.yesterday');
  return speak(ctx, 'dates.onDate', { date: formatDayMonth(isoDate, ctx.locale) });
}
