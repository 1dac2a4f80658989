import type { Language } from '../catalog/commerce.js';
import { parseNumber } from '../text/number-words.js';
import { foldWords } from './normalize-text.js';

/**
 * AMAZON.TIME as Alexa fills it: "HH:MM" in 24-hour form ("halb neun" → "08:30", "9 pm" →
 * "21:00", "viertel vor neun" → "08:45"), or a time of day ("abends" → "EV", "morning" → "MO").
 * An hour without a part of the day stays as said (1–12 → morning hours), as Alexa does.
 * Words arrive folded (normalize-text.ts).
 */

const PARTS_OF_DAY: Record<Language, Record<string, string>> = {
  de: { morgens: 'MO', vormittags: 'MO', nachmittags: 'AF', abends: 'EV', nachts: 'NI', 'in der nacht': 'NI', 'am abend': 'EV', 'am morgen': 'MO', 'am nachmittag': 'AF' },
  en: { morning: 'MO', 'in the morning': 'MO', afternoon: 'AF', 'in the afternoon': 'AF', evening: 'EV', 'in the evening': 'EV', night: 'NI', 'at night': 'NI', tonight: 'NI' },
};
const FIXED: Record<Language, Record<string, string>> = {
  de: { mittag: '12:00', mittags: '12:00', mitternacht: '00:00' },
  en: { noon: '12:00', midday: '12:00', midnight: '00:00' },
};
const LEAD: Record<Language, Set<string>> = { de: new Set(['um', 'gegen', 'ab', 'bis']), en: new Set(['at', 'around', 'by', 'from', 'until']) };
/** Suffixes that put an hour into the afternoon or evening. */
const LATE: Record<Language, Set<string>> = {
  de: new Set(['abends', 'nachmittags', 'nachts', 'am abend', 'am nachmittag', 'in der nacht']),
  en: new Set(['pm', 'p m', 'in the evening', 'in the afternoon', 'at night', 'tonight']),
};
const EARLY: Record<Language, Set<string>> = {
  de: new Set(foldWords(['morgens', 'vormittags', 'früh', 'am morgen'])),
  en: new Set(['am', 'a m', 'in the morning']),
};

const hhmm = (h: number, m: number): string => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

function hourOf(words: string[], language: Language): number | undefined {
  const n = parseNumber(words, language);
  return n === undefined || Number(n) > 24 ? undefined : Number(n);
}

function minutesOf(words: string[], language: Language): number | undefined {
  const n = parseNumber(words, language);
  return n === undefined || Number(n) > 59 ? undefined : Number(n);
}

/** The clock time of the words without a part of the day, as [hour, minute]. */
function clockTime(words: string[], language: Language): [number, number] | undefined {
  if (words.length === 0) return undefined;
  const joined = words.join(' ');
  const digital = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(joined);
  if (digital) return [Number(digital[1]), Number(digital[2] ?? 0)];
  const [first, ...rest] = words;
  if (language === 'de') {
    // halb neun = 8:30; viertel nach acht; viertel vor neun; dreiviertel neun; zehn nach acht
    if (first === 'halb') return shiftHour(hourOf(rest, language), -30);
    if (first === 'dreiviertel') return shiftHour(hourOf(rest, language), -15);
    const uhr = words.indexOf('uhr');
    if (uhr > 0) {
      const h = hourOf(words.slice(0, uhr), language);
      const tail = words.slice(uhr + 1);
      const m = tail.length === 0 ? 0 : minutesOf(tail, language);
      return h === undefined || m === undefined ? undefined : [h, m];
    }
    const at = words.findIndex((w) => w === 'nach' || w === 'vor');
    if (at > 0) {
      const m = first === 'viertel' && at === 1 ? 15 : minutesOf(words.slice(0, at), language);
      const h = hourOf(words.slice(at + 1), language);
      if (m === undefined || h === undefined) return undefined;
      return words[at] === 'nach' ? [h, m] : shiftHour(h, -m);
    }
    const h = hourOf(words, language);
    return h === undefined ? undefined : [h, 0];
  }
  if ((first === 'half' || first === 'quarter') && (rest[0] === 'past' || rest[0] === 'to')) {
    const h = hourOf(rest.slice(1), language);
    const m = first === 'half' ? 30 : 15;
    return rest[0] === 'past' ? (h === undefined ? undefined : [h, m]) : shiftHour(h, -m);
  }
  const at = words.findIndex((w) => w === 'past' || w === 'to' || w === 'after');
  if (at > 0) {
    const m = minutesOf(words.slice(0, at).filter((w) => w !== 'minutes'), language);
    const h = hourOf(words.slice(at + 1), language);
    if (m === undefined || h === undefined) return undefined;
    return words[at] === 'to' ? shiftHour(h, -m) : [h, m];
  }
  const clock = words.indexOf("o'clock");
  if (clock > 0 && clock === words.length - 1) {
    const h = hourOf(words.slice(0, clock), language);
    return h === undefined ? undefined : [h, 0];
  }
  // "nine thirty", "nine oh five"
  for (let split = 1; split < words.length; split++) {
    const h = hourOf(words.slice(0, split), language);
    const tail = words.slice(split);
    const m = tail[0] === 'oh' ? minutesOf(tail.slice(1), language) : minutesOf(tail, language);
    if (h !== undefined && m !== undefined && (tail[0] === 'oh' || m >= 10)) return [h, m];
  }
  const h = hourOf(words, language);
  return h === undefined ? undefined : [h, 0];
}

function shiftHour(hour: number | undefined, minutes: number): [number, number] | undefined {
  if (hour === undefined) return undefined;
  const total = (hour * 60 + minutes + 24 * 60) % (24 * 60);
  return [Math.floor(total / 60), total % 60];
}

/**
 * The AMAZON.TIME value for these words, or `undefined` when they are not a time.
 *
 * @example parseTime(['halb', 'neun'], 'de') // '08:30'
 * @example parseTime(['9', 'pm'], 'en') // '21:00'
 */
export function parseTime(words: readonly string[], language: Language): string | undefined {
  let rest = [...words];
  while (rest.length > 1 && LEAD[language].has(rest[0]!)) rest = rest.slice(1);
  const phrase = rest.join(' ');
  const part = PARTS_OF_DAY[language][phrase];
  if (part) return part;
  const fixed = FIXED[language][phrase];
  if (fixed) return fixed;

  // "9pm" arrives as one word
  const glued = /^(\d{1,2})(am|pm)$/.exec(phrase);
  if (glued) rest = [glued[1]!, glued[2]!];
  let late = false;
  let early = false;
  for (const size of [3, 2, 1]) {
    const tail = rest.slice(-size).join(' ');
    if (rest.length > size && (LATE[language].has(tail) || EARLY[language].has(tail))) {
      late = LATE[language].has(tail);
      early = !late;
      rest = rest.slice(0, -size);
      break;
    }
  }
  const time = clockTime(rest, language);
  if (!time) return undefined;
  let [h, m] = time;
  if (h > 23 || m > 59) return undefined;
  if (late && h < 12) h += 12;
  if (early && h === 12) h = 0;
  return hhmm(h, m);
}
