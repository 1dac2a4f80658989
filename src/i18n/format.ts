import { DateTime } from 'luxon';
import type { Locale } from '../domain/turn.js';

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
  const spoken = format.format(cents / 100).replace(/\u00a0/g, ' ');
  if (spokenPrices.size >= SPOKEN_PRICES_MAX) spokenPrices.delete(spokenPrices.keys().next().value!);
  spokenPrices.set(key, spoken);
  return spoken;
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[day % 10] ?? 'th';
}

/** "Samstag, 6. Dezember" / "Saturday, December 6th". */
export function formatLongDate(date: DateTime, locale: Locale): string {
  if (locale === 'de-DE') return date.setLocale('de').toFormat("cccc, 'dem' d. LLLL");
  return date.setLocale('en').toFormat('cccc, LLLL d') + ordinalSuffix(date.day);
}

/** The weekday's name in the locale. */
export function formatWeekday(date: DateTime, locale: Locale): string {
  return date.setLocale(locale.slice(0, 2)).toFormat('cccc');
}

export type RelativeDay =
  | { kind: 'today' | 'tomorrow' | 'dayAfterTomorrow' | 'yesterday' }
  | { kind: 'weekday'; weekday: string }
  | { kind: 'date'; date: string };

/**
 * How a date is spoken relative to today: today, tomorrow, the day after, a weekday within the
 * next six days, or the full date. Both dates are compared as calendar days in `date`'s zone.
 */
export function relativeDay(date: DateTime, now: DateTime, locale: Locale): RelativeDay {
  const days = Math.round(date.startOf('day').diff(now.setZone(date.zone).startOf('day'), 'days').days);
  if (days === 0) return { kind: 'today' };
  if (days === 1) return { kind: 'tomorrow' };
  if (days === 2) return { kind: 'dayAfterTomorrow' };
  if (days === -1) return { kind: 'yesterday' };
  if (days > 2 && days < 7) return { kind: 'weekday', weekday: formatWeekday(date, locale) };
  return { kind: 'date', date: formatLongDate(date, locale) };
}

/** "20 Uhr", "20:30 Uhr" / "8 pm", "8:30 am" (wall-clock "HH:mm"). */
export function formatTime(hhmm: string, locale: Locale): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (locale === 'de-DE') return m === 0 ? `${h} Uhr` : `${h}:${String(m).padStart(2, '0')} Uhr`;
  const suffix = h < 12 || h === 24 ? 'am' : 'pm';
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  if (h === 12 && m === 0) return 'noon';
  if ((h === 0 || h === 24) && m === 0) return 'midnight';
  return m === 0 ? `${hour12} ${suffix}` : `${hour12}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** "A, B und C" / "A, B and C". */
export function formatList(items: string[], locale: Locale, type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(locale, { style: 'long', type }).format(items);
}
