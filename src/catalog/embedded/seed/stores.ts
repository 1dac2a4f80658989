import type { Interval, Localized, Store } from '../../commerce.js';

/**
 * Three stores in three states, so public holidays differ: Bavaria has Heilige Drei Könige
 * (6 Jan) and Fronleichnam, Berlin has Frauentag (8 Mar), North Rhine-Westphalia Fronleichnam
 * but not 6 Jan. Each has its own Saturday hours; all are closed on Sunday.
 */
export const seedStores: Store[] = [
  {
    id: 'S-MUC',
    name: 'Lindenhof Markt München',
    names: { en: 'Lindenhof Markt Munich' },
    city: 'München',
    region: 'DE-BY',
    timeZone: 'Europe/Berlin',
    weekly: weekdays({ open: '08:00', close: '20:00' }, { open: '08:00', close: '18:00' }),
    aliases: ['filiale münchen', 'münchen', 'laden in münchen', 'munich store', 'munich', 'store in munich'],
  },
  {
    id: 'S-BER',
    name: 'Lindenhof Markt Berlin',
    city: 'Berlin',
    region: 'DE-BE',
    timeZone: 'Europe/Berlin',
    weekly: weekdays({ open: '09:00', close: '20:00' }, { open: '09:00', close: '16:00' }),
    aliases: ['filiale berlin', 'berlin', 'laden in berlin', 'berlin store', 'store in berlin'],
  },
  {
    id: 'S-CGN',
    name: 'Lindenhof Markt Köln',
    names: { en: 'Lindenhof Markt Cologne' },
    city: 'Köln',
    region: 'DE-NW',
    timeZone: 'Europe/Berlin',
    weekly: weekdays({ open: '09:00', close: '19:00' }, { open: '10:00', close: '15:00' }),
    aliases: ['filiale köln', 'köln', 'laden in köln', 'cologne store', 'cologne', 'store in cologne'],
  },
];

function weekdays(monToFri: Interval, saturday: Interval): Store['weekly'] {
  return { 1: [monToFri], 2: [monToFri], 3: [monToFri], 4: [monToFri], 5: [monToFri], 6: [saturday] };
}

/**
 * A dated exception to a store's weekly hours. `yearly` ("12-24") repeats every year but only
 * on days the store normally opens (Christmas Eve on a Sunday stays closed); `date` is one day.
 * Exceptions win over a public holiday on the same date.
 */
export interface SeedException {
  storeId: string;
  date?: string;
  yearly?: string;
  /** Empty: closed all day. */
  intervals: Interval[];
  reason: Localized;
}

const CHRISTMAS_EVE: Localized = { de: 'Heiligabend', en: 'Christmas Eve' };
const NEW_YEARS_EVE: Localized = { de: 'Silvester', en: 'New Year\'s Eve' };

export const seedExceptions: SeedException[] = [
  ...seedStores.flatMap((store): SeedException[] => {
    const open = store.weekly[1]![0]!.open;
    const short = [{ open, close: '14:00' }];
    return [
      { storeId: store.id, yearly: '12-24', intervals: short, reason: CHRISTMAS_EVE },
      { storeId: store.id, yearly: '12-31', intervals: short, reason: NEW_YEARS_EVE },
    ];
  }),
  { storeId: 'S-CGN', date: '2026-12-29', intervals: [], reason: { de: 'Inventur', en: 'Stocktaking' } },
  { storeId: 'S-BER', date: '2026-12-04', intervals: [], reason: { de: 'Betriebsausflug', en: 'Staff outing' } },
  {
    storeId: 'S-MUC',
    date: '2026-11-27',
    intervals: [{ open: '12:00', close: '20:00' }],
    reason: { de: 'Personalversammlung am Vormittag', en: 'Staff meeting in the morning' },
  },
];
