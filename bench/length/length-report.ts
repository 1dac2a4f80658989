import type { ScenarioAnswer } from './answer-scenarios.js';

/** About forty words is what a listener takes in at once (issue 14). */
export const WORD_LIMIT = 40;

/**
 * Answers that are a list or a read-back the customer asked for may be longer: the reorder
 * read-back (at most three items named), help, which lists what the skill can do, and "wie
 * bitte", which repeats whatever was said last.
 */
export const LIST_LIMIT = 70;
const LIST_ANSWERS = new Set(['ReorderIntent', 'AMAZON.HelpIntent', 'AMAZON.RepeatIntent']);

export interface LengthRow {
  intent: string;
  locale: string;
  address: string;
  answers: number;
  p50: number;
  max: number;
  limit: number;
  longest: string;
}

export function words(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

/**
 * Words per spoken answer grouped by the intent the domain answered as, locale and address
 * form: how many answers, the median, the longest and its text.
 */
export function lengthReport(answers: ScenarioAnswer[]): LengthRow[] {
  const groups = new Map<string, ScenarioAnswer[]>();
  for (const a of answers) {
    if (!a.reply.speech) continue;
    const key = `${a.reply.handledAs}\u0000${a.locale}\u0000${a.address}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  return [...groups].map(([key, group]) => {
    const [intent, locale, address] = key.split('\u0000') as [string, string, string];
    const counted = group.map((a) => ({ n: words(a.reply.speech!.text), text: a.reply.speech!.text })).sort((a, b) => a.n - b.n);
    const longest = counted[counted.length - 1]!;
    return {
      intent, locale, address, answers: group.length,
      p50: percentile(counted.map((c) => c.n), 0.5), max: longest.n,
      limit: LIST_ANSWERS.has(intent) ? LIST_LIMIT : WORD_LIMIT,
      longest: longest.text,
    };
  }).sort((a, b) => a.intent.localeCompare(b.intent) || a.locale.localeCompare(b.locale) || a.address.localeCompare(b.address));
}
