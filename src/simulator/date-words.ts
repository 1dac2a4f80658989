import type { DateTime } from 'luxon';
import type { Language } from '../catalog/commerce.js';
import { parseNumber } from '../text/number-words.js';
import { foldKeys, foldWords } from './normalize-text.js';
import { dayOrdinal } from './ordinal-words.js';

/**
 * AMAZON.DATE as Alexa fills it, against a reference instant in the device's time zone
 * (Alexa's slot type reference): a day → "2026-11-28"; "this weekend" → "2026-W48-WE"; a week →
 * "2026-W48"; "right now" → "PRESENT_REF". A date named without a year is the next one on or after
 * today; a weekday is the next one on or after today ("next saturday" skips today); a day of
 * the month alone ("on the twenty ninth") is the next such day; "in zwei Tagen" counts from today.
 * Words arrive folded (normalize-text.ts: "übermorgen" → "ubermorgen"); the word lists here are
 * written as spelt and folded the same way when loaded.
 */

const WEEKDAYS: Record<Language, Record<string, number>> = {
  de: foldKeys({ montag: 1, dienstag: 2, mittwoch: 3, donnerstag: 4, freitag: 5, samstag: 6, sonnabend: 6, sonntag: 7 }),
  en: foldKeys({ monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 }),
};
const MONTHS: Record<Language, Record<string, number>> = {
  de: foldKeys({
    januar: 1, jänner: 1, februar: 2, märz: 3, april: 4, mai: 5, juni: 6, juli: 7, august: 8,
    september: 9, oktober: 10, november: 11, dezember: 12,
  }),
  en: foldKeys({
    january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9,
    october: 10, november: 11, december: 12,
  }),
};
/** Days from today. */
const RELATIVE_DAYS: Record<Language, Record<string, number>> = {
  de: foldKeys({
    heute: 0, 'heute abend': 0, 'heute nachmittag': 0, 'heute mittag': 0, morgen: 1, 'morgen früh': 1, 'morgen vormittag': 1,
    'morgen nachmittag': 1, 'morgen abend': 1, übermorgen: 2, gestern: -1, vorgestern: -2,
  }),
  en: foldKeys({
    today: 0, tonight: 0, 'this evening': 0, 'this afternoon': 0, tomorrow: 1, 'tomorrow morning': 1, 'tomorrow evening': 1,
    'tomorrow night': 1, yesterday: -1, 'the day after tomorrow': 2, 'day after tomorrow': 2,
  }),
};
const NOW: Record<Language, string[]> = {
  de: foldWords(['jetzt', 'gerade', 'gerade jetzt', 'jetzt gerade', 'im moment', 'momentan', 'aktuell', 'sofort']),
  en: foldWords(['now', 'right now', 'at the moment', 'currently', 'right this minute']),
};
/** "in zwei Tagen", "in two days": a day counted from today. */
const IN_DAYS: Record<Language, { lead: string; units: Set<string> }> = {
  de: { lead: 'in', units: new Set(['tag', 'tagen']) },
  en: { lead: 'in', units: new Set(['day', 'days']) },
};
/** Fixed days of the year (month, day); Alexa resolves these like any date without a year. */
const HOLIDAYS: Record<Language, Record<string, [number, number]>> = {
  de: foldKeys({
    heiligabend: [12, 24], 'heiligen abend': [12, 24], weihnachten: [12, 25], 'erster weihnachtstag': [12, 25],
    'zweiter weihnachtstag': [12, 26], silvester: [12, 31], neujahr: [1, 1],
  }),
  en: foldKeys({
    'christmas eve': [12, 24], christmas: [12, 25], 'christmas day': [12, 25], 'boxing day': [12, 26],
    "new year's eve": [12, 31], "new year's day": [1, 1],
  }),
};
/** Words before a date that do not change it. */
const LEAD_WORDS: Record<Language, Set<string>> = {
  de: new Set(foldWords(['am', 'an', 'für', 'den', 'dem', 'der', 'zu', 'ab', 'über'])),
  en: new Set(foldWords(['on', 'for', 'the', 'by', 'over'])),
};
const THIS: Record<Language, Set<string>> = {
  de: new Set(foldWords(['diese', 'diesen', 'dieses', 'diesem', 'kommende', 'kommenden', 'kommendes'])),
  en: new Set(foldWords(['this', 'coming', 'this coming'])),
};
const NEXT: Record<Language, Set<string>> = {
  de: new Set(foldWords(['nächste', 'nächsten', 'nächstes', 'nächster', 'übernächste'])),
  en: new Set(foldWords(['next'])),
};
const WEEKEND: Record<Language, string> = { de: 'wochenende', en: 'weekend' };
const WEEK: Record<Language, string> = { de: 'woche', en: 'week' };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const isoDate = (d: DateTime): string => d.toISODate()!;
const isoWeek = (d: DateTime): string => `${d.weekYear}-W${pad(d.weekNumber)}`;

/** The next (month, day) on or after today; `year` given → that year. */
function dayOfYear(today: DateTime, month: number, day: number, year?: number): string | undefined {
  let date = today.set({ year: year ?? today.year, month, day });
  if (date.month !== month || date.day !== day) return undefined;
  if (year === undefined && date < today) date = date.plus({ years: 1 });
  return isoDate(date);
}

function dateWithMonth(words: string[], today: DateTime, language: Language): string | undefined {
  const months = MONTHS[language];
  // "vierundzwanzigster dezember [2026]", "december twenty fourth", "the 24th of december"
  let at = 0;
  let day: number | undefined;
  let month: number | undefined;
  const ordinal = dayOrdinal(words, at, language);
  if (ordinal) {
    day = ordinal.day;
    at += ordinal.used;
    if (language === 'en' && words[at] === 'of') at++;
    month = months[words[at] ?? ''];
    if (month === undefined) return undefined;
    at++;
  } else {
    month = months[words[at] ?? ''];
    if (month === undefined) return undefined;
    at++;
    if (language === 'en' && words[at] === 'the') at++;
    const after = dayOrdinal(words, at, language);
    if (!after) return undefined;
    day = after.day;
    at += after.used;
  }
  const rest = words.slice(at);
  const year = rest.length > 0 ? parseNumber(rest, language) : undefined;
  if (rest.length > 0 && (year === undefined || Number(year) < 1900 || Number(year) > 2200)) return undefined;
  return dayOfYear(today, month, day, year === undefined ? undefined : Number(year));
}

/** luxon's startOf('day') costs microseconds; slot search asks it for many spans of one sentence. */
const days = new WeakMap<DateTime, DateTime>();
function startOfDay(reference: DateTime): DateTime {
  let day = days.get(reference);
  if (!day) {
    day = reference.startOf('day');
    days.set(reference, day);
  }
  return day;
}

/**
 * The AMAZON.DATE value for these words, or `undefined` when they are not a date.
 *
 * @example parseDate(['am', 'samstag'], 'de', DateTime.fromISO('2026-11-22T10:00', { zone: 'Europe/Berlin' })) // '2026-11-28'
 */
export function parseDate(words: readonly string[], language: Language, reference: DateTime): string | undefined {
  let rest = [...words];
  while (rest.length > 1 && LEAD_WORDS[language].has(rest[0]!)) rest = rest.slice(1);
  if (rest.length === 0) return undefined;
  const phrase = rest.join(' ');
  const today = startOfDay(reference);

  if (NOW[language].includes(phrase)) return 'PRESENT_REF';
  const relative = RELATIVE_DAYS[language][phrase];
  if (relative !== undefined) return isoDate(today.plus({ days: relative }));
  const holiday = HOLIDAYS[language][phrase];
  if (holiday) return dayOfYear(today, holiday[0], holiday[1]);
  const inDays = IN_DAYS[language];
  if (rest.length >= 3 && rest[0] === inDays.lead && inDays.units.has(rest[rest.length - 1]!)) {
    const count = parseNumber(rest.slice(1, -1), language);
    if (count !== undefined && Number(count) >= 1 && Number(count) <= 31) return isoDate(today.plus({ days: Number(count) }));
  }
  // "am neunundzwanzigsten", "on the twenty ninth": the next such day of a month, this one first.
  const ordinal = dayOrdinal(rest, 0, language);
  if (ordinal && ordinal.used === rest.length && !/^\d+$/.test(rest[rest.length - 1]!)) {
    for (let months = 0; months < 3; months++) {
      const month = today.plus({ months }).startOf('month');
      if (ordinal.day <= month.daysInMonth! && (months > 0 || ordinal.day >= today.day)) return isoDate(month.set({ day: ordinal.day }));
    }
  }

  let shift: 'this' | 'next' | undefined;
  if (rest.length > 1 && THIS[language].has(rest[0]!)) {
    shift = 'this';
    rest = rest.slice(1);
  } else if (rest.length > 1 && NEXT[language].has(rest[0]!)) {
    shift = 'next';
    rest = rest.slice(1);
  }
  if (rest.length === 1) {
    const word = rest[0]!;
    const weekday = WEEKDAYS[language][word];
    if (weekday !== undefined) {
      let ahead = (weekday - today.weekday + 7) % 7;
      if (ahead === 0 && shift === 'next') ahead = 7;
      return isoDate(today.plus({ days: ahead }));
    }
    if (word === WEEKEND[language]) return `${isoWeek(shift === 'next' ? today.plus({ weeks: 1 }) : today)}-WE`;
    if (word === WEEK[language] && shift) return isoWeek(shift === 'next' ? today.plus({ weeks: 1 }) : today);
  }
  if (shift) return undefined;
  return dateWithMonth(rest, today, language);
}
