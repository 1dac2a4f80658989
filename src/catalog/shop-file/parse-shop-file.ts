import { Ajv, type ErrorObject } from 'ajv';
import { DateTime, IANAZone } from 'luxon';
import { LineCounter, parseDocument } from 'yaml';
import type { Interval, Localized, Weekday } from '../commerce.js';
import { SHOP_FILE_SCHEMA } from './shop-file-schema.js';

/** A store as the shop file describes it, hours expanded to weekdays. */
export interface ShopFileStore {
  id: string;
  name: Localized;
  aliases: string[];
  address?: string;
  city: string;
  /** ISO 3166-2, e.g. "DE-BY": decides the public holidays. */
  region: string;
  weekly: Partial<Record<Weekday, Interval[]>>;
  exceptions: Array<{ date: string; intervals: Interval[]; reason: Localized }>;
}

/** Everything `shop.yaml` says, checked and normalised; money in cents. */
export interface ShopFile {
  name: Localized;
  phone: string;
  email: string;
  timeZone: string;
  vatPercent: number;
  shippingCents: number;
  freeShippingFromCents: number;
  addressForm: 'du' | 'sie';
  defaultStoreId: string;
  stores: ShopFileStore[];
  faq: Array<{ id: string; names: Record<'de' | 'en', string[]>; answer: Localized }>;
}

/** One problem, where it is. */
export interface ShopFileProblem {
  line: number;
  /** The setting, as a path: `stores[1].hours.mon`. */
  path: string;
  message: string;
}

export type ShopFileResult = { ok: true; shop: ShopFile } | { ok: false; problems: ShopFileProblem[] };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const CLOSED = new Set(['closed', 'geschlossen', 'zu', '-']);
const INTERVAL = /^([01]\d|2[0-3]):([0-5]\d)\s*-\s*([01]\d|2[0-4]):([0-5]\d)$/;

const validateShape = new Ajv({ allErrors: true, strict: true }).compile(SHOP_FILE_SCHEMA);

/**
 * Reads a shop file and reports every problem with its line, or returns the shop; never half of
 * it. Defaults: VAT 19 %, shipping free, "du", the first store as the default.
 *
 * @example
 *   const result = parseShopFile(await readFile('shop.yaml', 'utf8'));
 *   if (!result.ok) for (const p of result.problems) console.error(`shop.yaml:${p.line}: ${p.path}: ${p.message}`);
 */
export function parseShopFile(text: string): ShopFileResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: ShopFileProblem[] = [];
  const lineOf = (path: Array<string | number>): number => {
    for (let n = path.length; n >= 0; n -= 1) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  };
  const problem = (path: Array<string | number>, message: string) =>
    problems.push({ line: lineOf(path), path: formatPath(path), message });

  for (const error of doc.errors) problems.push({ line: lines.linePos(error.pos[0]).line, path: '', message: error.message.split('\n')[0]! });
  if (problems.length > 0) return { ok: false, problems };
  const raw = doc.toJS() as unknown;
  if (!validateShape(raw)) {
    for (const error of validateShape.errors ?? []) problem(...describeSchemaError(error));
    return { ok: false, problems: sortProblems(problems) };
  }
  const shop = normalise(raw as RawShopFile, problem);
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, shop };
}

interface RawShopFile {
  name: Localized;
  phone: string;
  email: string;
  timeZone: string;
  vatPercent?: number;
  shipping?: { cost: number; freeFrom?: number };
  addressForm?: 'du' | 'sie';
  defaultStore?: string;
  stores: Array<{
    id: string;
    name: Localized;
    aliases?: string[];
    address?: string;
    city: string;
    state: string;
    hours: Record<string, string>;
    exceptions?: Array<{ date: string; hours: string; reason: Localized }>;
  }>;
  faq?: Array<{ id: string; names: Record<'de' | 'en', string[]>; answer: Localized }>;
}

type Report = (path: Array<string | number>, message: string) => void;

function normalise(raw: RawShopFile, problem: Report): ShopFile {
  if (!IANAZone.isValidZone(raw.timeZone)) problem(['timeZone'], `"${raw.timeZone}" is not a time zone (e.g. Europe/Berlin)`);
  const ids = new Set<string>();
  const stores = raw.stores.map((store, i): ShopFileStore => {
    if (ids.has(store.id)) problem(['stores', i, 'id'], `store id "${store.id}" is used twice`);
    ids.add(store.id);
    const weekly: Partial<Record<Weekday, Interval[]>> = {};
    for (const [days, text] of Object.entries(store.hours)) {
      const intervals = parseHours(text, (m) => problem(['stores', i, 'hours', days], m));
      for (const day of expandDays(days, (m) => problem(['stores', i, 'hours', days], m))) {
        if (weekly[day] !== undefined) problem(['stores', i, 'hours', days], `${WEEKDAYS[day - 1]} is given twice`);
        if (intervals.length > 0) weekly[day] = intervals;
      }
    }
    const dates = new Set<string>();
    const exceptions = (store.exceptions ?? []).map((e, j) => {
      if (!DateTime.fromISO(e.date).isValid) problem(['stores', i, 'exceptions', j, 'date'], `"${e.date}" is not a date`);
      if (dates.has(e.date)) problem(['stores', i, 'exceptions', j, 'date'], `${e.date} is given twice`);
      dates.add(e.date);
      return { date: e.date, intervals: parseHours(e.hours, (m) => problem(['stores', i, 'exceptions', j, 'hours'], m)), reason: e.reason };
    });
    return { id: store.id, name: store.name, aliases: store.aliases ?? [], ...(store.address ? { address: store.address } : {}), city: store.city, region: store.state, weekly, exceptions };
  });
  const defaultStoreId = raw.defaultStore ?? stores[0]!.id;
  if (!ids.has(defaultStoreId)) problem(['defaultStore'], `no store has the id "${defaultStoreId}" (stores: ${[...ids].join(', ')})`);
  const faqIds = new Set<string>();
  (raw.faq ?? []).forEach((f, i) => {
    if (faqIds.has(f.id)) problem(['faq', i, 'id'], `FAQ id "${f.id}" is used twice`);
    faqIds.add(f.id);
  });
  const shipping = raw.shipping ?? { cost: 0 };
  return {
    name: raw.name,
    phone: raw.phone,
    email: raw.email,
    timeZone: raw.timeZone,
    vatPercent: raw.vatPercent ?? 19,
    shippingCents: Math.round(shipping.cost * 100),
    freeShippingFromCents: Math.round((shipping.freeFrom ?? 0) * 100),
    addressForm: raw.addressForm ?? 'du',
    defaultStoreId,
    stores,
    faq: raw.faq ?? [],
  };
}

/** "08:00-12:30, 14:00-18:00" → intervals in order; "closed" → none. */
function parseHours(text: string, report: (message: string) => void): Interval[] {
  const trimmed = text.trim().toLowerCase();
  if (CLOSED.has(trimmed)) return [];
  const intervals: Interval[] = [];
  for (const part of trimmed.split(/\s*[,;]\s*/)) {
    const m = INTERVAL.exec(part);
    if (!m) {
      report(`"${part}" is not opening hours like 08:00-20:00 (or "closed")`);
      return [];
    }
    const open = `${m[1]}:${m[2]}`;
    const close = `${m[3]}:${m[4]}`;
    if (close <= open) report(`${part}: closes before it opens`);
    const previous = intervals[intervals.length - 1];
    if (previous && open < previous.close) report(`${part} overlaps ${previous.open}-${previous.close}`);
    intervals.push({ open, close });
  }
  return intervals;
}

/** "mon" → [1]; "tue-fri" → [2, 3, 4, 5]. */
function expandDays(key: string, report: (message: string) => void): Weekday[] {
  const [from, to = from] = key.split('-') as [(typeof WEEKDAYS)[number], (typeof WEEKDAYS)[number]?];
  const start = WEEKDAYS.indexOf(from) + 1;
  const end = WEEKDAYS.indexOf(to!) + 1;
  if (end < start) {
    report(`"${key}": the range must run Monday to Sunday order`);
    return [];
  }
  return Array.from({ length: end - start + 1 }, (_, i) => (start + i) as Weekday);
}

function describeSchemaError(error: ErrorObject): [Array<string | number>, string] {
  const path = error.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return [path, `missing "${String(params.missingProperty)}"`];
    case 'additionalProperties':
      return [[...path, String(params.additionalProperty)], `unknown setting "${String(params.additionalProperty)}"`];
    case 'propertyNames':
      return [[...path, String(params.propertyName)], `"${String(params.propertyName)}" is not a weekday or range (mon … sun, e.g. tue-fri)`];
    case 'enum':
      return [path, `must be one of ${(params.allowedValues as unknown[]).join(', ')}`];
    case 'pattern':
      return [path, path.includes('state') ? 'must be a German state code like DE-BY' : `has the wrong form (${error.message ?? ''})`];
    default:
      return [path, error.message ?? 'is not valid'];
  }
}

function formatPath(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function sortProblems(problems: ShopFileProblem[]): ShopFileProblem[] {
  // The propertyNames keyword reports once per bad name and once for the object: keep one of each.
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}\u0000${p.path}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}

