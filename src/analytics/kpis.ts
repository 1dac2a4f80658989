import { DateTime } from 'luxon';
import type { TurnEvent } from '../state/turn-event.js';

/** The intents that do something for the customer; task completion is reported for each. */
export const TASK_INTENTS = ['ProductLookupIntent', 'OrderStatusIntent', 'ReorderIntent', 'StoreHoursIntent', 'ShopFaqIntent'] as const;
export type TaskIntent = (typeof TASK_INTENTS)[number];

const FALLBACK = 'AMAZON.FallbackIntent';
const STOP = new Set(['AMAZON.StopIntent', 'AMAZON.CancelIntent']);

/** The figures of one group of conversations; definitions in docs/kpis.md and `kpi-definitions.ts`. */
export interface KpiFigures {
  conversations: number;
  turns: number;
  turnsPerConversation: number | null;
  containment: number | null;
  fallbackRate: number | null;
  handoffRate: number | null;
  abandonment: number | null;
  taskCompletion: Record<TaskIntent, { attempted: number; completed: number; rate: number | null }>;
  csat: number | null;
  feedbackCount: number;
  p50Ms: number | null;
  p95Ms: number | null;
  orders: number;
  revenueCents: number;
  readBacks: number;
  reorderConversion: number | null;
}

export interface KpiRow extends KpiFigures {
  day: string;
  platform: string;
  locale: string;
}

export interface KpiReport {
  /** First and last day reported (inclusive), in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  total: KpiFigures;
  /** All platforms and locales together, one entry per day that had conversations. */
  days: Array<KpiFigures & { day: string }>;
  /** Per day, platform and locale. */
  rows: KpiRow[];
  /** Products asked for that the shop did not have, most asked first (the merchant's to-do list). */
  notFoundProducts: Array<{ product: string; locale: string; count: number }>;
  /** Redacted sentences that fell back, most frequent first (the samples to add). */
  fallbackSentences: Array<{ sentence: string; locale: string; count: number }>;
}

/** Events of one conversation (one session), in order. */
type Conversation = TurnEvent[];

const isTurn = (e: TurnEvent) => e.kind !== 'session-ended';
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Nearest-rank percentile of sorted numbers. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/**
 * Ended right after a fallback: the last turn fell back and nothing but the session's end (the
 * customer's silence, "exit") followed it, or the customer said stop/cancel right after one.
 */
function abandoned(conversation: Conversation): boolean {
  const turns = conversation.filter(isTurn);
  const last = turns.at(-1);
  if (!last) return false;
  if (last.handledAs === FALLBACK) return true;
  return STOP.has(last.handledAs) && turns.at(-2)?.handledAs === FALLBACK;
}

function completed(intent: TaskIntent, conversation: Conversation): boolean {
  if (intent === 'ProductLookupIntent') return conversation.some((e) => e.product?.found === true);
  if (intent === 'ReorderIntent') return conversation.some((e) => e.orderCents !== undefined);
  return conversation.some((e) => e.handledAs === intent && e.outcome === 'ok');
}

/** The figures of a set of conversations. */
export function figuresOf(conversations: readonly Conversation[]): KpiFigures {
  const events = conversations.flat();
  const turns = events.filter(isTurn);
  const latencies = turns.map((e) => e.latencyMs).sort((a, b) => a - b);
  const scores = events.filter((e) => e.feedback !== undefined).map((e) => e.feedback!);
  const handedOff = conversations.filter((c) => c.some((e) => e.handoff)).length;
  const orders = events.filter((e) => e.orderCents !== undefined);
  const readBacks = events.filter((e) => e.readBackCents !== undefined).length;
  const taskCompletion = {} as KpiFigures['taskCompletion'];
  for (const intent of TASK_INTENTS) {
    const tried = conversations.filter((c) => c.some((e) => e.handledAs === intent));
    const done = tried.filter((c) => completed(intent, c)).length;
    taskCompletion[intent] = { attempted: tried.length, completed: done, rate: ratio(done, tried.length) };
  }
  const n = conversations.length;
  return {
    conversations: n,
    turns: turns.length,
    turnsPerConversation: ratio(turns.length, n),
    containment: ratio(n - handedOff, n),
    fallbackRate: ratio(turns.filter((e) => e.handledAs === FALLBACK).length, turns.length),
    handoffRate: ratio(handedOff, n),
    abandonment: ratio(conversations.filter(abandoned).length, n),
    taskCompletion,
    csat: ratio(scores.filter((s) => s >= 4).length, scores.length),
    feedbackCount: scores.length,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    orders: orders.length,
    revenueCents: orders.reduce((sum, e) => sum + e.orderCents!, 0),
    readBacks,
    reorderConversion: ratio(orders.length, readBacks),
  };
}

function counted<T extends string>(keys: Iterable<[T, string]>): Array<{ text: T; locale: string; count: number }> {
  const counts = new Map<string, { text: T; locale: string; count: number }>();
  for (const [text, locale] of keys) {
    const key = `${locale}\n${text}`;
    const entry = counts.get(key) ?? { text, locale, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The KPI report of recorded turn events (as `StateStore.turnEvents` returns them). A
 * conversation is one session with at least one turn; it counts on the day (in `timeZone`), the
 * platform and the locale of its first event, with all its turns.
 *
 * @example computeKpis(await state.turnEvents(kpiRange('2026-11-01', '2026-11-30')), { from: '2026-11-01', to: '2026-11-30' })
 */
export function computeKpis(events: readonly TurnEvent[], range: { from: string; to: string; timeZone?: string }): KpiReport {
  const timeZone = range.timeZone ?? 'Europe/Berlin';
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const conversations = [...groupBy(sorted, (e) => e.session).values()].filter((c) => c.some(isTurn));
  const dayOf = (c: Conversation) => DateTime.fromMillis(c[0]!.at, { zone: timeZone }).toISODate()!;
  const rows: KpiRow[] = [...groupBy(conversations, (c) => `${dayOf(c)}\n${c[0]!.platform}\n${c[0]!.locale}`)].map(([key, group]) => {
    const [day, platform, locale] = key.split('\n') as [string, string, string];
    return { day, platform, locale, ...figuresOf(group) };
  });
  rows.sort((a, b) => a.day.localeCompare(b.day) || a.platform.localeCompare(b.platform) || a.locale.localeCompare(b.locale));
  const days = [...groupBy(conversations, dayOf)].map(([day, group]) => ({ day, ...figuresOf(group) })).sort((a, b) => a.day.localeCompare(b.day));
  return {
    from: range.from,
    to: range.to,
    timeZone,
    total: figuresOf(conversations),
    days,
    rows,
    notFoundProducts: counted(sorted.flatMap((e) => (e.product?.found === false ? [[e.product.spoken, e.locale] as [string, string]] : []))).map(
      ({ text, locale, count }) => ({ product: text, locale, count }),
    ),
    fallbackSentences: counted(sorted.flatMap((e) => (e.utterance ? [[e.utterance, e.locale] as [string, string]] : []))).map(
      ({ text, locale, count }) => ({ sentence: text, locale, count }),
    ),
  };
}

/**
 * The instants of whole days `from`..`to` (inclusive, ISO dates) in the shop's time zone, as
 * `StateStore.turnEvents` takes them.
 *
 * @example await state.turnEvents(kpiRange('2026-11-23', '2026-11-29'))
 */
export function kpiRange(from: string, to: string, timeZone = 'Europe/Berlin'): { from: Date; to: Date } {
  const start = DateTime.fromISO(from, { zone: timeZone }).startOf('day');
  const end = DateTime.fromISO(to, { zone: timeZone }).startOf('day').plus({ days: 1 });
  if (!start.isValid || !end.isValid) throw new Error(`not a date: ${start.isValid ? to : from} (use YYYY-MM-DD)`);
  if (end <= start) throw new Error(`--from ${from} is after --to ${to}`);
  return { from: start.toJSDate(), to: end.toJSDate() };
}
