import type HolidaysType from 'date-holidays';
import type { Interval, Localized, SpecialDay, Weekday } from '../commerce.js';
import { ShopError } from '../shop-error.js';
import { remember } from '../../remember.js';
import type { Sql } from './statement-cache.js';

const holidayCache = new Map<string, Array<{ date: string; reason: Localized }>>();

let holidaysLibrary: Promise<typeof HolidaysType> | undefined;

/**
 * date-holidays carries every country's rules and takes about 300 ms to load, most of the
 * server's cold start; it is loaded when a store's calendar is first asked for.
 */
function loadHolidays(): Promise<typeof HolidaysType> {
  holidaysLibrary ??= import('date-holidays').then((m) => m.default);
  return holidaysLibrary;
}

/**
 * Public holidays of an ISO 3166-2 region ("DE-BY") in one year, named in German and English.
 * Only type "public": date-holidays also lists observances (Heiligabend, Silvester) and
 * regional ones like Augsburg's Friedensfest, on which shops may open.
 */
export async function publicHolidays(region: string, year: number): Promise<Array<{ date: string; reason: Localized }>> {
  const key = `${region}:${year}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const Holidays = await loadHolidays();
  const [country, state] = region.split('-');
  const calendar = new Holidays(country!, state ?? '', { types: ['public'] });
  const names = (language: string): Map<string, string> => {
    const found = (calendar.getHolidays(year, language) || []).filter((h) => h.type === 'public');
    return new Map(found.map((h) => [h.date.slice(0, 10), h.name]));
  };
  const de = names('de');
  const en = names('en');
  const days = [...de].map(([date, name]) => ({ date, reason: { de: name, en: en.get(date) ?? name } }));
  holidayCache.set(key, days);
  return days;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoWeekday(date: string): Weekday {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

interface ExceptionRow {
  date: string | null;
  yearly: string | null;
  intervals: string;
  reason_de: string;
  reason_en: string;
}

/** Answers kept at most (a store and a date range each; a turn asks for two weeks from today). */
const ANSWERS_MAX = 1_000;

function frozen(day: SpecialDay): SpecialDay {
  for (const interval of day.intervals) Object.freeze(interval);
  Object.freeze(day.intervals);
  Object.freeze(day.reason);
  return Object.freeze(day);
}

/**
 * Holidays and dated exceptions of a store between two ISO dates (inclusive), sorted by date.
 * An exception replaces a holiday on the same date (a store may open on a holiday by permit).
 * Yearly exceptions such as Christmas Eve only apply on days the store normally opens.
 *
 * Answers are kept in `kept` (the shop's snapshot, shop-snapshot.ts) per store and range: every
 * StoreHoursIntent asks for the same two weeks, three queries and a holiday lookup.
 */
export async function specialDays(sql: Sql, kept: Map<string, SpecialDay[]>, storeId: string, fromIso: string, toIso: string): Promise<SpecialDay[]> {
  if (!ISO_DATE.test(fromIso) || !ISO_DATE.test(toIso)) {
    throw new RangeError(`specialDays needs ISO dates, got "${fromIso}" and "${toIso}"`);
  }
  const key = `${storeId} ${fromIso} ${toIso}`;
  const known = kept.get(key);
  if (known) return known;
  const days = Object.freeze((await readSpecialDays(sql, storeId, fromIso, toIso)).map(frozen)) as SpecialDay[];
  return remember(kept, key, days, ANSWERS_MAX);
}

async function readSpecialDays(sql: Sql, storeId: string, fromIso: string, toIso: string): Promise<SpecialDay[]> {
  const store = sql('SELECT region FROM stores WHERE id = ?').get(storeId) as { region: string } | undefined;
  if (!store) throw new ShopError('STORE_NOT_FOUND', { storeId });
  if (fromIso > toIso) return [];
  const openWeekdays = new Set(
    (sql('SELECT DISTINCT weekday FROM store_hours WHERE store_id = ?').all(storeId) as Array<{ weekday: number }>)
      .map((r) => r.weekday),
  );
  const years: number[] = [];
  for (let y = Number(fromIso.slice(0, 4)); y <= Number(toIso.slice(0, 4)); y++) years.push(y);
  const inRange = (date: string) => date >= fromIso && date <= toIso;

  const days = new Map<string, SpecialDay>();
  for (const year of years) {
    for (const h of await publicHolidays(store.region, year)) {
      if (inRange(h.date)) days.set(h.date, { date: h.date, kind: 'holiday', intervals: [], reason: h.reason });
    }
  }
  const rows = sql('SELECT date, yearly, intervals, reason_de, reason_en FROM store_exceptions WHERE store_id = ?')
    .all(storeId) as ExceptionRow[];
  for (const row of rows) {
    const dates = row.date !== null
      ? [row.date]
      : years.map((y) => `${y}-${row.yearly}`).filter((d) => openWeekdays.has(isoWeekday(d)));
    for (const date of dates.filter(inRange)) {
      days.set(date, {
        date,
        kind: 'exception',
        intervals: JSON.parse(row.intervals) as Interval[],
        reason: { de: row.reason_de, en: row.reason_en },
      });
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}
