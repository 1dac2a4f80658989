import type { SamplePattern } from './nlu-model.js';
import type { Token } from './normalize-text.js';
import { MAX_SLOT_WORDS, type ResolvedSlot } from './resolve-slot.js';

/** A slot filled by a span of the utterance's tokens. */
export interface SlotFill {
  slot: string;
  from: number;
  to: number;
  resolved: ResolvedSlot;
}

/** One sample matched against an utterance: how its slots were filled. */
export interface SampleMatch {
  pattern: SamplePattern;
  fills: SlotFill[];
  /** Slots whose value is typed (a parsed built-in, a matched custom value). */
  typed: number;
}

export type SpanResolver = (slot: string, from: number, to: number) => ResolvedSlot | undefined;

/** Enough to try every split of a few adjacent slots; a pathological sample gives up, never hangs. */
const MAX_STEPS = 4000;

/** Cheap test before backtracking: every literal word of the sample occurs in the utterance. */
export function couldMatch(pattern: SamplePattern, tokens: readonly Token[], keys: ReadonlySet<string>): boolean {
  if (pattern.slotCount === 0) {
    if (tokens.length !== pattern.words.length) return false;
  } else if (tokens.length < pattern.parts.length || tokens.length > pattern.words.length + pattern.slotCount * MAX_SLOT_WORDS) {
    return false;
  }
  for (const w of pattern.words) if (!keys.has(w)) return false;
  return true;
}

/**
 * Matches one sample against the whole utterance. A `{slot}` takes one or more words, anywhere,
 * next to another slot too ("{count} {product}"): every split is tried (backtracking), a span
 * the slot's type refuses is skipped, and of all complete matches the one with the most typed
 * slots wins (the first found among equals, so the first slot takes the shortest span).
 *
 * @example matchSample(compileSample('I', '{count} {product}', 0), tokenize('zwei hafermilch'), resolve)
 */
export function matchSample(pattern: SamplePattern, tokens: readonly Token[], resolve: SpanResolver): SampleMatch | undefined {
  const parts = pattern.parts;
  // Fewest tokens the parts from i on need: one per word and one per slot.
  const minAfter = new Array<number>(parts.length + 1).fill(0);
  for (let i = parts.length - 1; i >= 0; i--) minAfter[i] = minAfter[i + 1]! + 1;
  let best: SampleMatch | undefined;
  let steps = 0;
  const fills: SlotFill[] = [];

  const walk = (pi: number, ti: number): void => {
    if (++steps > MAX_STEPS) return;
    if (pi === parts.length) {
      if (ti !== tokens.length) return;
      let typed = 0;
      for (const f of fills) if (f.resolved.typed) typed++;
      if (!best || typed > best.typed) best = { pattern, fills: [...fills], typed };
      return;
    }
    const part = parts[pi]!;
    if (part.kind === 'word') {
      if (tokens[ti]?.key === part.key) walk(pi + 1, ti + 1);
      return;
    }
    const next = parts[pi + 1];
    const last = Math.min(tokens.length - minAfter[pi + 1]!, ti + MAX_SLOT_WORDS);
    for (let end = next ? ti + 1 : tokens.length; end <= last; end++) {
      if (next?.kind === 'word' && tokens[end]?.key !== next.key) continue;
      const resolved = resolve(part.slot, ti, end);
      if (!resolved) continue;
      fills.push({ slot: part.slot, from: ti, to: end, resolved });
      walk(pi + 1, end);
      fills.pop();
    }
  };
  walk(0, 0);
  return best;
}
