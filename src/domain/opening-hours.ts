import { DateTime } from 'luxon';
import type { Commerce, Interval, SpecialDay, Store, Weekday } from '../catalog/commerce.js';
import { remember } from '../remember.js';

/** A store's hours on one calendar day, with the holiday or exception that set them. */
export interface DayHours {
  /** The calendar day, `YYYY-MM-DD` in the store's zone. */
  isoDate: string;
  intervals: Interval[];
  special?: SpecialDay;
}

export type OpenState =
  | { kind: 'open'; close: string; minutesLeft: number }
  | { kind: 'before-opening'; open: string }
  | { kind: 'closed'; today: DayHours; next?: { day: DayHours; open: string } };

/** How far ahead "next opening" looks: two weeks covers Christmas to New Year. */
const LOOKAHEAD_DAYS = 14;

const DAY_MS = 86_400_000;

/** Zones whose Intl formatter is kept (`null`: a zone only luxon knows, such as "UTC+2"). */
const dayFormats = new Map<string, Intl.DateTimeFormat | null>();

interface DaySpan {
  start: number;
  end: number;
  isoDate: string;
}

/**
 * Per zone, the last few calendar days found that had 24 hours (newest first): their first and
 * their next day's first instants. Several, because one turn may ask about today and another day.
 */
const daySpans = new Map<string, DaySpan[]>();

/** Calendar days kept per zone in {@link daySpans}. */
const SPANS_PER_ZONE = 4;

/** Calendar windows, wall-clock instants, midnights and zones kept at most. */
const CALENDAR_CACHE_MAX = 1_000;


const windows = new Map<string, ReadonlyArray<{ isoDate: string; weekday: Weekday }>>();

/** `days` consecutive calendar days from `fromIso`, with their ISO weekdays. */
function calendarFrom(fromIso: string, days: number): ReadonlyArray<{ isoDate: string; weekday: Weekday }> {
  const key = `${fromIso}/${days}`;
  const known = windows.get(key);
  if (known) return known;
  const first = Date.parse(fromIso);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromIso) || !Number.isFinite(first)) throw new RangeError(`Not a calendar day: "${fromIso}"`);
  const out = Array.from({ length: days }, (_, i) => {
    const date = new Date(first + i * DAY_MS);
    return { isoDate: date.toISOString().slice(0, 10), weekday: (date.getUTCDay() || 7) as Weekday };
  });
  return remember(windows, key, out, CALENDAR_CACHE_MAX);
}

const midnights = new Map<string, DateTime>();

/**
 * The start of a calendar day in a zone, resolved once per zone and day (from the day's UTC
 * midnight, so the answer does not depend on when it was first asked).
 */
export function midnightIn(zone: string, isoDate: string): DateTime {
  const key = `${zone} ${isoDate}`;
  const known = midnights.get(key);
  if (known) return known;
  const midnight = DateTime.fromISO(isoDate, { zone: 'utc' }).setZone(zone, { keepLocalTime: true }).startOf('day');
  return remember(midnights, key, midnight, CALENDAR_CACHE_MAX);
}

const instants = new Map<string, number>();

/**
 * Epoch milliseconds of a wall-clock "HH:mm" on a calendar day in a zone. The zone's rules fix
 * it, so luxon resolves it (asking Intl for offsets several times) once per zone, day and time.
 */
function instantOf(zone: string, isoDate: string, hhmm: string): number {
  const key = `${zone} ${isoDate} ${hhmm}`;
  return instants.get(key) ?? remember(instants, key, at(midnightIn(zone, isoDate), hhmm).toMillis(), CALENDAR_CACHE_MAX);
}

/** The calendar day of an instant in a zone, asked of Intl (or of luxon for a zone Intl does not know). */
function dayAsked(instant: DateTime, zone: string): string {
  let format = dayFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      format = null;
    }
    if (dayFormats.size >= CALENDAR_CACHE_MAX) dayFormats.clear();
    dayFormats.set(zone, format);
  }
  const m = format && /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(format.format(instant.toMillis()));
  if (m) return `${m[3]}-${m[1]}-${m[2]}`;
  const local = instant.setZone(zone);
  if (!local.isValid) throw new RangeError(`Unknown time zone "${zone}"`);
  return local.toISODate()!;
}

/**
 * The calendar day (`YYYY-MM-DD`) an instant falls on in a zone. Most instants fall on a day
 * asked about lately (the turn's today, the day a customer asked about), and an instant between
 * such a day's first instant and the next day's is on it: no Intl call, and no luxon `setZone`.
 * Only a day of exactly 24 hours is kept, so on the days the clocks change every instant is
 * asked of Intl.
 */
export function calendarDayIn(instant: DateTime, zone: string): string {
  const ms = instant.toMillis();
  const spans = daySpans.get(zone);
  if (spans !== undefined) for (const span of spans) if (ms >= span.start && ms < span.end) return span.isoDate;
  const isoDate = dayAsked(instant, zone);
  const start = midnightIn(zone, isoDate).toMillis();
  const end = midnightIn(zone, calendarFrom(isoDate, 2)[1]!.isoDate).toMillis();
  if (end - start === DAY_MS && ms >= start && ms < end) {
    if (spans !== undefined) {
      spans.unshift({ start, end, isoDate });
      if (spans.length > SPANS_PER_ZONE) spans.pop();
    } else {
      if (daySpans.size >= CALENDAR_CACHE_MAX) daySpans.clear();
      daySpans.set(zone, [{ start, end, isoDate }]);
    }
  }
  return isoDate;
}

/**
 * Loads a store's hours for `days` consecutive calendar days from `fromIso` (a day in the
 * store's zone). The days are counted on a UTC calendar: a calendar day needs no offset.
 */
export async function hoursFrom(commerce: Commerce, store: Store, fromIso: string, days: number): Promise<DayHours[]> {
  const calendar = calendarFrom(fromIso, days);
  const specials = await commerce.specialDays(store.id, calendar[0]!.isoDate, calendar[days - 1]!.isoDate);
  const byDate = new Map<string, SpecialDay>();
  // Exceptions (Christmas Eve hours, a company holiday) override a public holiday on the same date.
  for (const s of specials) if (!byDate.has(s.date) || s.kind === 'exception') byDate.set(s.date, s);
  return calendar.map(({ isoDate, weekday }) => {
    const special = byDate.get(isoDate);
    return { isoDate, intervals: special ? special.intervals : store.weekly[weekday] ?? [], special };
  });
}

/** The instant a wall-clock "HH:mm" falls on that day in the store's zone (DST-safe). */
export function at(day: DateTime, hhmm: string): DateTime {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  if (hour === 24) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Open now, opening later today, or closed (with the next opening within two weeks). */
export async function openStateAt(commerce: Commerce, store: Store, now: DateTime): Promise<OpenState> {
  const zone = store.timeZone;
  const days = await hoursFrom(commerce, store, calendarDayIn(now, zone), LOOKAHEAD_DAYS + 1);
  const today = days[0]!;
  const nowMs = now.toMillis();
  for (const interval of today.intervals) {
    const opensAt = instantOf(zone, today.isoDate, interval.open);
    const closesAt = instantOf(zone, today.isoDate, interval.close);
    if (nowMs >= opensAt && nowMs < closesAt) {
      return { kind: 'open', close: interval.close, minutesLeft: Math.ceil((closesAt - nowMs) / 60_000) };
    }
    if (nowMs < opensAt) return { kind: 'before-opening', open: interval.open };
  }
  const nextDay = days.slice(1).find((d) => d.intervals.length > 0);
  return { kind: 'closed', today, next: nextDay ? { day: nextDay, open: nextDay.intervals[0]!.open } : undefined };
}

/**
 * The calendar day an Alexa AMAZON.DATE value names, in the shop's zone: "2026-12-24",
 * "XXXX-12-24" (the next such date), "PRESENT_REF" (today). A span — a week "2026-W52", a weekend
 * "2026-W52-WE", a month "2026-12", a year "2027" or "2027-XX-XX" — gives today when it holds
 * today, its first day when it is still ahead, and its last day when it is over (a past day:
 * the caller says so rather than answer it in the present tense).
 */
export function dayFromSlot(value: string | undefined, now: DateTime, zone: string): DateTime | undefined {
  if (!value) return undefined;
  const today = midnightIn(zone, calendarDayIn(now, zone));
  const v = value.trim().toUpperCase();
  if (v === 'PRESENT_REF') return today;
  const span = spanOf(v, zone);
  if (span) {
    const [first, last] = span;
    if (!first.isValid || !last.isValid) return undefined;
    return today < first ? first : today > last ? last : today;
  }
  const m = /^XXXX-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const thisYear = DateTime.fromObject({ year: today.year, month: +m[1]!, day: +m[2]! }, { zone });
    return thisYear.isValid && thisYear < today ? thisYear.plus({ years: 1 }) : thisYear.isValid ? thisYear : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  // The day's midnight is kept per zone and day; an impossible date ("2026-02-30") is invalid there too.
  const date = midnightIn(zone, v);
  return date.isValid ? date : undefined;
}

/** First and last day of an AMAZON.DATE span (week, weekend, month, year), or undefined for a single day or an unknown form. */
function spanOf(v: string, zone: string): [DateTime, DateTime] | undefined {
  let m = /^(\d{4})-W(\d{2})(-WE)?$/.exec(v);
  if (m) {
    const monday = DateTime.fromObject({ weekYear: +m[1]!, weekNumber: +m[2]!, weekday: 1 }, { zone });
    return m[3] ? [monday.plus({ days: 5 }), monday.plus({ days: 6 })] : [monday, monday.plus({ days: 6 })];
  }
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) {
    const first = DateTime.fromObject({ year: +m[1]!, month: +m[2]!, day: 1 }, { zone });
    return [first, first.endOf('month').startOf('day')];
  }
  m = /^(\d{4})(?:-XX(?:-XX)?)?$/.exec(v);
  if (m) {
    const first = DateTime.fromObject({ year: +m[1]!, month: 1, day: 1 }, { zone });
    return [first, first.endOf('year').startOf('day')];
  }
  return undefined;
}
