import type { DateTime } from 'luxon';
import type { NluIntent, NluModel } from './nlu-model.js';
import type { Token } from './normalize-text.js';
import { MAX_SLOT_WORDS, resolveSlot, type ResolvedSlot } from './resolve-slot.js';

/** The literal words of an intent's samples, per model: what is not one of them may be a value. */
const vocabularies = new WeakMap<NluModel, Map<string, Set<string>>>();

function vocabulary(model: NluModel, intent: string): Set<string> {
  let byIntent = vocabularies.get(model);
  if (!byIntent) {
    byIntent = new Map();
    for (const p of model.patterns) {
      const words = byIntent.get(p.intent) ?? new Set<string>();
      for (const w of p.words) words.add(w);
      byIntent.set(p.intent, words);
    }
    vocabularies.set(model, byIntent);
  }
  return byIntent.get(intent) ?? new Set();
}

/**
 * Slots for a sentence no sample matched word for word (the statistical recogniser chose the
 * intent), found with the literal matcher's own slot resolution (resolve-slot.ts):
 *
 * 1. the longest span that is a typed value of the slot's type — a parsed number or date, a
 *    listed store or topic — wins, leftmost among equals, never overlapping another slot;
 * 2. an open type (products) with no listed value takes the longest run of words that none of
 *    the intent's samples use ("what do the walking boots cost" → "walking boots").
 *
 * @example extractSlots(model, storeHours, tokenize('hat köln sonntags auf'), clock).store?.value // 'köln'
 */
export function extractSlots(model: NluModel, intent: NluIntent, tokens: readonly Token[], clock: DateTime): Record<string, ResolvedSlot | undefined> {
  const taken = new Array<boolean>(tokens.length).fill(false);
  const free = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) if (taken[i]) return false;
    return true;
  };
  const take = (from: number, to: number): void => {
    for (let i = from; i < to; i++) taken[i] = true;
  };
  const slots: Record<string, ResolvedSlot | undefined> = {};
  const open: Array<[string, string]> = [];
  for (const [name, type] of Object.entries(intent.slots)) {
    slots[name] = undefined;
    found: for (let length = Math.min(MAX_SLOT_WORDS, tokens.length); length >= 1; length--) {
      for (let from = 0; from + length <= tokens.length; from++) {
        if (!free(from, from + length)) continue;
        const resolved = resolveSlot(model, type, tokens, from, from + length, clock);
        if (resolved?.typed) {
          slots[name] = resolved;
          take(from, from + length);
          break found;
        }
      }
    }
    if (!slots[name]) open.push([name, type]);
  }
  const known = vocabulary(model, intent.name);
  for (const [name, type] of open) {
    let best: [number, number] | undefined;
    for (let from = 0; from < tokens.length; ) {
      if (taken[from] || known.has(tokens[from]!.key)) {
        from++;
        continue;
      }
      let to = from;
      while (to < tokens.length && !taken[to] && !known.has(tokens[to]!.key)) to++;
      if (!best || to - from > best[1] - best[0]) best = [from, to];
      from = to;
    }
    if (!best) continue;
    const resolved = resolveSlot(model, type, tokens, best[0], Math.min(best[1], best[0] + MAX_SLOT_WORDS), clock);
    if (resolved && !resolved.kind) {
      slots[name] = resolved;
      take(best[0], best[1]);
    }
  }
  return slots;
}
