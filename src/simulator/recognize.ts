import type { DateTime } from 'luxon';
import { couldMatch, matchSample, type SampleMatch } from './match-sample.js';
import type { NluIntent, NluModel } from './nlu-model.js';
import type { Token } from './normalize-text.js';
import { resolveSlot, type ResolvedSlot } from './resolve-slot.js';

/** An intent that also matched, but ranked below the winner. */
export interface RunnerUp {
  intent: string;
  /** The sample it matched; empty for a statistical runner-up. */
  sample: string;
  words: number;
  typed: number;
  /** The statistical recogniser's score (0…1); 1 for a literal match. */
  score: number;
}

/**
 * How the intent was found: a sample matched word for word (`literal`), the statistical
 * recogniser was sure enough (`statistical`), or neither (`none`: the fallback).
 */
export type MatchKind = 'literal' | 'statistical' | 'none';

/** What the model makes of one utterance. */
export interface Recognition {
  intent: string;
  /** Every slot the intent declares; `undefined` when it was not spoken (simulator.md 9). */
  slots: Record<string, ResolvedSlot | undefined>;
  /** The sample that matched; absent for the fallback. */
  sample?: string;
  /** Literal words the sample matched, and typed slots. */
  words: number;
  typed: number;
  runnerUps: RunnerUp[];
  fallback: boolean;
  match: MatchKind;
  /** 1 for a literal match; the statistical recogniser's score otherwise (0 when it was not asked). */
  score: number;
}

export interface RecognizeOptions {
  /** Reference instant for dates and times, in the device's (or agent's) time zone. */
  clock: DateTime;
  /** Dialogflow: the contexts active now (an intent with input contexts needs all of them). */
  activeContexts?: ReadonlySet<string>;
  /** Consider only these intents (a dialog that expects a certain answer). */
  onlyIntents?: ReadonlySet<string>;
}

const RUNNER_UPS = 3;

/** The model's intents by name, built once per model rather than once per sentence. */
const intentIndexes = new WeakMap<NluModel, Map<string, NluIntent>>();

/**
 * Patterns by one of their literal words — the one fewest patterns share — so a sentence is
 * matched only against samples whose every word it could contain (couldMatch needs them all).
 * Samples without a literal word are always candidates. Positions keep the model's order.
 */
interface PatternIndex {
  byWord: Map<string, number[]>;
  wordless: number[];
}
const patternIndexes = new WeakMap<NluModel, PatternIndex>();

function patternIndex(model: NluModel): PatternIndex {
  let index = patternIndexes.get(model);
  if (index) return index;
  const frequency = new Map<string, number>();
  for (const p of model.patterns) for (const w of new Set(p.words)) frequency.set(w, (frequency.get(w) ?? 0) + 1);
  index = { byWord: new Map(), wordless: [] };
  model.patterns.forEach((p, position) => {
    if (p.words.length === 0) {
      index!.wordless.push(position);
      return;
    }
    let rarest = p.words[0]!;
    for (const w of p.words) if (frequency.get(w)! < frequency.get(rarest)!) rarest = w;
    const list = index!.byWord.get(rarest) ?? [];
    list.push(position);
    index!.byWord.set(rarest, list);
  });
  patternIndexes.set(model, index);
  return index;
}

/** The positions of the patterns that could match these words, in model order. */
function candidates(model: NluModel, keys: ReadonlySet<string>): number[] {
  const index = patternIndex(model);
  const out = [...index.wordless];
  for (const key of keys) {
    const list = index.byWord.get(key);
    if (list) for (const position of list) out.push(position);
  }
  return out.sort((a, b) => a - b);
}

function intentsByName(model: NluModel): Map<string, NluIntent> {
  let index = intentIndexes.get(model);
  if (!index) {
    index = new Map(model.intents.map((i) => [i.name, i]));
    intentIndexes.set(model, index);
  }
  return index;
}

/** Higher is better: literal words, then typed slots, then the model's own samples over built-in phrases, then model order. */
function compare(a: SampleMatch, b: SampleMatch): number {
  return (
    b.pattern.words.length - a.pattern.words.length ||
    b.typed - a.typed ||
    Number(a.pattern.builtIn) - Number(b.pattern.builtIn) ||
    a.pattern.order - b.pattern.order
  );
}

/** The recognition of a declared intent with the given fills (all declared slots present). */
export function recognitionOf(intent: NluIntent, fills: Record<string, ResolvedSlot | undefined>, extra: Partial<Recognition> = {}): Recognition {
  const slots: Record<string, ResolvedSlot | undefined> = {};
  for (const name of Object.keys(intent.slots)) slots[name] = fills[name];
  return { intent: intent.name, slots, words: 0, typed: 0, runnerUps: [], fallback: false, match: 'literal', score: 1, ...extra };
}

/**
 * Picks the intent for the tokens: every sample is matched, the best match wins (most literal
 * words, then most typed slots — simulator.md 7), the next distinct intents are the runner-ups.
 * Nothing matches → the model's fallback intent, never an exception (simulator.md 8).
 *
 * @example recognize(model, tokenize('wo ist meine bestellung'), { clock }).intent // 'OrderStatusIntent'
 */
export function recognize(model: NluModel, tokens: readonly Token[], options: RecognizeOptions): Recognition {
  const byName = intentsByName(model);
  const keys = new Set(tokens.map((t) => t.key));
  const cache = new Map<string, ResolvedSlot | undefined>();
  const matches: SampleMatch[] = [];
  for (const position of candidates(model, keys)) {
    const pattern = model.patterns[position]!;
    if (options.onlyIntents && !options.onlyIntents.has(pattern.intent)) continue;
    if (!couldMatch(pattern, tokens, keys)) continue;
    const intent = byName.get(pattern.intent);
    if (intent && intent.inputContexts.length > 0 && !intent.inputContexts.every((c) => options.activeContexts?.has(c))) continue;
    const slotTypes = intent?.slots ?? {};
    const match = matchSample(pattern, tokens, (slot, from, to) => {
      const type = slotTypes[slot] ?? 'AMAZON.SearchQuery';
      const key = `${type}\u0000${from}\u0000${to}`;
      if (!cache.has(key)) cache.set(key, resolveSlot(model, type, tokens, from, to, options.clock));
      return cache.get(key);
    });
    // A sample that is only a slot ("{store}") says nothing but the value: it counts only when
    // the value is one the type lists, or every open type would take any sentence.
    if (match && (pattern.words.length > 0 || match.typed === pattern.slotCount)) matches.push(match);
  }
  matches.sort(compare);
  const [best] = matches;
  const runnerUps: RunnerUp[] = [];
  const seen = new Set<string>(best ? [best.pattern.intent] : []);
  for (const m of matches) {
    if (runnerUps.length >= RUNNER_UPS) break;
    if (seen.has(m.pattern.intent)) continue;
    seen.add(m.pattern.intent);
    runnerUps.push({ intent: m.pattern.intent, sample: m.pattern.text, words: m.pattern.words.length, typed: m.typed, score: 1 });
  }
  const winner = best ? byName.get(best.pattern.intent) : undefined;
  if (!best || !winner) {
    const fallback = byName.get(model.fallbackIntent) ?? { name: model.fallbackIntent, slots: {}, inputContexts: [] };
    return recognitionOf(fallback, {}, { runnerUps, fallback: true, match: 'none', score: 0 });
  }
  const fills: Record<string, ResolvedSlot> = {};
  for (const f of best.fills) fills[f.slot] = f.resolved;
  return recognitionOf(winner, fills, { sample: best.pattern.text, words: best.pattern.words.length, typed: best.typed, runnerUps });
}
