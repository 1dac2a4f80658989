import type { FaqTopic, Interval, Localized, ShopInfo, SpecialDay, Store, Weekday } from '../commerce.js';
import { ShopError } from '../shop-error.js';
import type { Language } from '../commerce.js';
import { publicHolidays } from '../embedded/store-calendar.js';

/**
 * What a hosted shop (Shopware, Shopify) does not know in our words: the shop's spoken name and
 * money rules, its stores with weekly hours, and the FAQ answers. The merchant's shop file gives
 * them, in the port's own types, so every adapter speaks them alike.
 */
export interface ShopFile {
  info: ShopInfo;
  stores: Store[];
  /** A dated (`date`) or yearly (`yearly`: "12-24", only on days the store opens) exception to the weekly hours. */
  exceptions?: Array<{ storeId: string; date?: string; yearly?: string; intervals: Interval[]; reason: Localized }>;
  faq: Array<FaqTopic & { answer: Localized }>;
}

/** The port's store, shop-info and FAQ methods over a shop file. */
export interface ShopFileAnswers {
  shopInfo(): Promise<ShopInfo>;
  listStores(): Promise<Store[]>;
  specialDays(storeId: string, fromIso: string, toIso: string): Promise<SpecialDay[]>;
  faqTopics(): Promise<FaqTopic[]>;
  faqAnswer(topicId: string, language: Language): Promise<string | undefined>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoWeekday(date: string): Weekday {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/**
 * Answers from a shop file, with public holidays of each store's region as the embedded shop
 * computes them (an exception wins over a holiday on the same date).
 *
 * @example const answers = shopFileAnswers({ info, stores, faq }); await answers.listStores();
 */
export function shopFileAnswers(file: ShopFile): ShopFileAnswers {
  const topics: FaqTopic[] = file.faq.map(({ id, names }) => ({ id, names }));
  return {
    shopInfo: async () => file.info,
    listStores: async () => file.stores,
    async specialDays(storeId, fromIso, toIso) {
      if (!ISO_DATE.test(fromIso) || !ISO_DATE.test(toIso)) {
        throw new RangeError(`specialDays needs ISO dates, got "${fromIso}" and "${toIso}"`);
      }
      const store = file.stores.find((s) => s.id === storeId);
      if (!store) throw new ShopError('STORE_NOT_FOUND', { storeId });
      if (fromIso > toIso) return [];
      const years: number[] = [];
      for (let y = Number(fromIso.slice(0, 4)); y <= Number(toIso.slice(0, 4)); y++) years.push(y);
      const inRange = (date: string) => date >= fromIso && date <= toIso;
      const days = new Map<string, SpecialDay>();
      for (const year of years) {
        for (const h of await publicHolidays(store.region, year)) {
          if (inRange(h.date)) days.set(h.date, { date: h.date, kind: 'holiday', intervals: [], reason: h.reason });
        }
      }
      for (const e of file.exceptions ?? []) {
        if (e.storeId !== storeId) continue;
        const dates = e.date !== undefined
          ? [e.date]
          : years.map((y) => `${y}-${e.yearly}`).filter((d) => store.weekly[isoWeekday(d)] !== undefined);
        for (const date of dates.filter(inRange)) {
          days.set(date, { date, kind: 'exception', intervals: e.intervals, reason: e.reason });
        }
      }
      return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
    },
    faqTopics: async () => topics,
    faqAnswer: async (topicId, language) => file.faq.find((f) => f.id === topicId)?.answer[language],
  };
}
