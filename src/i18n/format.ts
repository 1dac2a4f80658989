import { DateTime } from 'luxon';
import type { Locale } from '../domain/turn.js';
import { remember } from '../remember.js';

const moneyFormats = new Map<Locale, Intl.NumberFormat>();

/** Prices already formatted, per locale and amount: Intl's currency formatting takes about 5 µs. */
const spokenPrices = new Map<string, string>();

/** Formatted prices kept at most (a catalog has a few thousand distinct prices). */
const SPOKEN_PRICES_MAX = 10_000;

/** "3,49 €" (de-DE), "€3.49" (en-US, en-GB): the form Alexa and Google read aloud correctly. */
export function formatPrice(cents: number, locale: Locale): string {
  const key = `${locale}${cents}`;
  const known = spokenPrices.get(key);
  if (known !== undefined) return known;
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
    moneyFormats.set(locale, format);
  }
  return remember(spokenPrices, key, format.format(cents / 100).replace(/\u00a0/g, ' '), SPOKEN_PRICES_MAX);
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
}

/**
 * Dates already spoken, per locale and calendar day: luxon's Intl-based `toFormat` takes about
 * 15 µs, and the days a shop speaks of are mostly the next two weeks.
 */
const longDates = new Map<string, string>();

/** Spoken dates kept at most (a few years of days in each locale). */
const LONG_DATES_MAX = 4_000;

/** Past days already spoken without their weekday ("24. November"), per locale and day: as {@link longDates}. */
const dayMonths = new Map<string, string>();

const weekdayNames = new Map<string, string>();

const DAY_MS = 86_400_000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A plain `YYYY-MM-DD` calendar day as days since 1970-01-01, or undefined (not such a day). */
function dayNumber(isoDate: string): number | undefined {
  if (!ISO_DAY.test(isoDate)) return undefined;
  const ms = Date.parse(isoDate);
  // Date.parse rolls "02-30" over into March; luxon refuses it.
  if (!Number.isFinite(ms) || new Date(ms).getUTCDate() !== Number(isoDate.slice(8, 10))) return undefined;
  return ms / DAY_MS;
}

/** "Samstag, dem 6. Dezember" / "Saturday 6 December" (en-GB) / "Saturday, December 6th" (en-US). */
function spokenLongDate(date: DateTime, locale: Locale): string {
  if (locale === 'de-DE') return date.setLocale('de').toFormat("cccc, 'dem' d. LLLL");
  if (locale === 'en-GB') return date.setLocale('en').toFormat('cccc d LLLL');
  return date.setLocale('en').toFormat('cccc, LLLL d') + ordinalSuffix(date.day);
}

/**
 * A calendar day (`YYYY-MM-DD`) without its weekday, for a day that has passed: "24. November" /
 * "24 November" (en-GB) / "November 24th" (en-US).
 */
export function formatDayMonth(isoDate: string, locale: Locale): string {
  const key = `${locale}${isoDate}`;
  return dayMonths.get(key) ?? remember(dayMonths, key, spokenDayMonth(isoDate, locale), LONG_DATES_MAX);
}

function spokenDayMonth(isoDate: string, locale: Locale): string {
  const date = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (locale === 'de-DE') return date.setLocale('de').toFormat('d. LLLL');
  if (locale === 'en-GB') return date.setLocale('en').toFormat('d LLLL');
  return date.setLocale('en').toFormat('LLLL d') + ordinalSuffix(date.day);
}

/** The long date of a calendar day (`YYYY-MM-DD`, or `date` itself), from the cache or formatted once. */
function longDateOf(isoDate: string, locale: Locale, date?: DateTime): string {
  const key = `${locale}${isoDate}`;
  const known = longDates.get(key);
  if (known !== undefined) return known;
  return remember(longDates, key, spokenLongDate(date ?? DateTime.fromISO(isoDate, { zone: 'utc' }), locale), LONG_DATES_MAX);
}

/** The weekday's name (1 = Monday) in the locale: luxon names it from the weekday alone. */
function weekdayName(weekday: number, locale: Locale): string {
  const key = `${locale}${weekday}`;
  let name = weekdayNames.get(key);
  if (name === undefined) {
    // 2024-01-01 was a Monday.
    name = DateTime.utc(2024, 1, weekday).setLocale(locale.slice(0, 2)).toFormat('cccc');
    weekdayNames.set(key, name);
  }
  return name;
}

/** "Samstag, 6. Dezember" / "Saturday, December 6th". */
export function formatLongDate(date: DateTime, locale: Locale): string {
  return date.isValid ? longDateOf(date.toISODate()!, locale, date) : spokenLongDate(date, locale);
}

/** The weekday's name in the locale. */
export function formatWeekday(date: DateTime, locale: Locale): string {
  return date.isValid ? weekdayName(date.weekday, locale) : date.setLocale(locale.slice(0, 2)).toFormat('cccc');
}

export type RelativeDay =
  | { kind: 'today' | 'tomorrow' | 'dayAfterTomorrow' | 'yesterday' }
  | { kind: 'weekday'; weekday: string }
  | { kind: 'date'; date: string };

function relativeByDistance(days: number, weekday: () => string, date: () => string): RelativeDay {
  if (days === 0) return { kind: 'today' };
  if (days === 1) return { kind: 'tomorrow' };
  if (days === 2) return { kind: 'dayAfterTomorrow' };
  if (days === -1) return { kind: 'yesterday' };
  if (days > 2 && days < 7) return { kind: 'weekday', weekday: weekday() };
  return { kind: 'date', date: date() };
}

/**
 * How a date is spoken relative to today: today, tomorrow, the day after, a weekday within the
 * next six days, or the full date. Both dates are compared as calendar days in `date`'s zone.
 */
export function relativeDay(date: DateTime, now: DateTime, locale: Locale): RelativeDay {
  const days = Math.round(date.startOf('day').diff(now.setZone(date.zone).startOf('day'), 'days').days);
  return relativeByDistance(days, () => formatWeekday(date, locale), () => formatLongDate(date, locale));
}

/** The weekday's name of a plain calendar day (`YYYY-MM-DD`), or undefined when `isoDate` is not one. */
export function formatCalendarWeekday(isoDate: string, locale: Locale): string | undefined {
  const day = dayNumber(isoDate);
  return day === undefined ? undefined : weekdayName(weekdayOfDayNumber(day), locale);
}

/** The ISO weekday (1 = Monday) of a day counted from 1970-01-01, a Thursday. */
function weekdayOfDayNumber(day: number): number {
  return ((day + 3) % 7 + 7) % 7 + 1;
}

/**
 * `relativeDay` for two calendar days (`YYYY-MM-DD`), `today` being the turn's day in the shop's
 * zone: plain day arithmetic, no zone. Undefined when `isoDate` is not a plain calendar day.
 *
 * @example relativeCalendarDay('2026-11-26', '2026-11-22', 'de-DE') // { kind: 'weekday', weekday: 'Donnerstag' }
 */
export function relativeCalendarDay(isoDate: string, today: string, locale: Locale): RelativeDay | undefined {
  const day = dayNumber(isoDate);
  const from = dayNumber(today);
  if (day === undefined || from === undefined) return undefined;
  return relativeByDistance(day - from, () => weekdayName(weekdayOfDayNumber(day), locale), () => longDateOf(isoDate, locale));
}

/**
 * "20 Uhr", "20:30 Uhr" / "8 pm", "8:30 am" (wall-clock "HH:mm"). `bare` leaves out the German
 * "Uhr", for the first time of a range ("von 8 bis 20 Uhr").
 */
export function formatTime(hhmm: string, locale: Locale, options: { bare?: boolean } = {}): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (locale === 'de-DE') {
    const time = m === 0 ? `${h}` : `${h}:${String(m).padStart(2, '0')}`;
    return options.bare ? time : `${time} Uhr`;
  }
  const suffix = h < 12 || h === 24 ? 'am' : 'pm';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  if (h === 12 && m === 0) return 'noon';
  if ((h === 0 || h === 24) && m === 0) return 'midnight';
  return m === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(m).padStart(2, '0')} ${suffix}`;
}
