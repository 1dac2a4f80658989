import { DateTime } from 'luxon';
import type { Commerce, Interval, SpecialDay, Store, Weekday } from '../catalog/commerce.js';

/** A store's hours on one calendar day, with the holiday or exception that set them. */
export interface DayHours {
  /** The calendar day, `YYYY-MM-DD` in the store's zone. */
  isoDate: string;
  intervals: Interval[];
  special?: SpecialDay;
}

export type OpenState =
  | { kind: 'open'; closesAt: DateTime; close: string; minutesLeft: number }
  | { kind: 'before-opening'; opensAt: DateTime; open: string }
  | { kind: 'closed'; today: DayHours; next?: { day: DayHours; open: string } };

/** How far ahead "next opening" looks: two weeks covers Christmas to New Year. */
const LOOKAHEAD_DAYS = 14;

/**
 * Loads a store's hours for `days` consecutive days from `from` (a day in the store's zone). The
 * days are counted on a UTC calendar: a calendar day needs no offset, and every step in the
 * store's zone would ask Intl for one (most of a StoreHoursIntent's time, two weeks ahead).
 */
export async function hoursFrom(commerce: Commerce, store: Store, from: DateTime, days: number): Promise<DayHours[]> {
  const local = from.setZone(store.timeZone);
  const first = DateTime.utc(local.year, local.month, local.day);
  const last = first.plus({ days: days - 1 });
  const specials = await commerce.specialDays(store.id, first.toISODate()!, last.toISODate()!);
  const byDate = new Map<string, SpecialDay>();
  // Exceptions (Christmas Eve hours, a company holiday) override a public holiday on the same date.
  for (const s of specials) if (!byDate.has(s.date) || s.kind === 'exception') byDate.set(s.date, s);
  const out: DayHours[] = [];
  for (let i = 0; i < days; i++) {
    const date = first.plus({ days: i });
    const isoDate = date.toISODate()!;
    const special = byDate.get(isoDate);
    const intervals = special ? special.intervals : store.weekly[date.weekday as Weekday] ?? [];
    out.push({ isoDate, intervals, special });
  }
  return out;
}

/** The instant a wall-clock "HH:mm" falls on that day in the store's zone (DST-safe). */
export function at(day: DateTime, hhmm: string): DateTime {
  const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
  if (hour === 24) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** Open now, opening later today, or closed (with the next opening within two weeks). */
export async function openStateAt(commerce: Commerce, store: Store, now: DateTime): Promise<OpenState> {
  const local = now.setZone(store.timeZone);
  const days = await hoursFrom(commerce, store, local, LOOKAHEAD_DAYS + 1);
  const today = days[0]!;
  const midnight = local.startOf('day');
  for (const interval of today.intervals) {
    const opensAt = at(midnight, interval.open);
    const closesAt = at(midnight, interval.close);
    if (local >= opensAt && local < closesAt) {
      const minutesLeft = Math.ceil(closesAt.diff(local, 'minutes').minutes);
      return { kind: 'open', closesAt, close: interval.close, minutesLeft };
    }
    if (local < opensAt) return { kind: 'before-opening', opensAt, open: interval.open };
  }
  const nextDay = days.slice(1).find((d) => d.intervals.length > 0);
  return { kind: 'closed', today, next: nextDay ? { day: nextDay, open: nextDay.intervals[0]!.open } : undefined };
}

/**
 * The calendar day an Alexa AMAZON.DATE value names, in the shop's zone: "2026-12-24",
 * "2026-W52-WE" (that weekend's Saturday), "2026-W52" (that week's Monday, or today if it is
 * the current week), "XXXX-12-24" (the next such date), "PRESENT_REF" (today).
 */
export function dayFromSlot(value: string | undefined, now: DateTime, zone: string): DateTime | undefined {
  if (!value) return undefined;
  const today = now.setZone(zone).startOf('day');
  const v = value.trim().toUpperCase();
  if (v === 'PRESENT_REF') return today;
  let m = /^(\d{4})-W(\d{2})-WE$/.exec(v);
  if (m) return DateTime.fromObject({ weekYear: +m[1]!, weekNumber: +m[2]!, weekday: 6 }, { zone });
  m = /^(\d{4})-W(\d{2})$/.exec(v);
  if (m) {
    const monday = DateTime.fromObject({ weekYear: +m[1]!, weekNumber: +m[2]!, weekday: 1 }, { zone });
    return monday < today && monday.plus({ days: 7 }) > today ? today : monday;
  }
  m = /^XXXX-(\d{2})-(\d{2})$/.exec(v);
  if (m) {
    const thisYear = DateTime.fromObject({ year: today.year, month: +m[1]!, day: +m[2]! }, { zone });
    return thisYear.isValid && thisYear < today ? thisYear.plus({ years: 1 }) : thisYear.isValid ? thisYear : undefined;
  }
  if (!/^\d{4}-\d{2}(-\d{2})?$/.test(v)) return undefined;
  const date = DateTime.fromISO(v, { zone });
  return date.isValid ? date.startOf('day') : undefined;
}
