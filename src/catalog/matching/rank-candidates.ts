import type { Language } from '../commerce.js';
import type { MatchDecision } from '../commerce.js';
import { FIELD_ATTR, FIELD_BRAND, FIELD_DE, FIELD_EN, type ProductIndex } from './product-index.js';
import type { QueryPlan } from './query-plan.js';

/** A re-ranked candidate, by index position. */
export interface RankedDoc {
  doc: number;
  score: number;
}

/** How the final score is made up; the weights sum to about 1 before the conflict penalty. */
const W_QUERY = 0.6;
const W_PRODUCT = 0.3;
/** Said words in the name's order: "milk chocolate" is not "chocolate oat milk". */
const W_ORDER = 0.05;
const W_LANGUAGE = 0.04;
/** Only a tie-breaker: the product said is the answer even when it is sold out (the reply says so). */
const W_AVAILABLE = 0.01;
/** A number or size said that the product contradicts ("air max neunzig" vs "Air Max 97"). */
const NUMBER_CONFLICT = 0.25;
/** A brand or a variant attribute the speaker left out costs less than a missing name word. */
const BRAND_SHARE = 0.4;
const ATTR_SHARE = 0.25;

/** Per product term: the query words it answers, as a bit mask (first 31 words). Reused. */
const matchedBy = new Map<number, number>();
/** Number classes ('#', 'l', 'g', 'size' …) as bits, so a product's classes fit one integer. */
const classBits = new Map<string, number>();
function classBit(cls: string): number {
  let bit = classBits.get(cls);
  if (bit === undefined) {
    bit = classBits.size < 31 ? 1 << classBits.size : 0;
    classBits.set(cls, bit);
  }
  return bit;
}

/**
 * Scores one product against the plan: how much of what was said the product explains (query
 * coverage, per word the best reading: alone, joined with its neighbour, or as a compound part),
 * how much of the product's name was said (product coverage, in its better language), whether
 * the words come in the name's order, whether the language matches, availability, and a penalty
 * for contradicting numbers and sizes.
 */
export function scoreProduct(plan: QueryPlan, index: ProductIndex, doc: number, language: Language): number {
  const { forwardStart, forwardTerms, forwardFields, idf, termClasses } = index;
  const best = plan.best.fill(0);
  matchedBy.clear();
  let docClasses = 0;
  const nameField = language === 'de' ? FIELD_DE : FIELD_EN;
  let coverDe = 0;
  let totalDe = 0;
  let coverEn = 0;
  let totalEn = 0;
  for (let i = forwardStart[doc]!; i < forwardStart[doc + 1]!; i++) {
    const term = forwardTerms[i]!;
    const fields = forwardFields[i]!;
    let termBest = 0;
    let mask = 0;
    for (const hit of plan.byTerm.get(term) ?? []) {
      if (hit.similarity > termBest) termBest = hit.similarity;
      for (const pos of plan.groups[hit.group]!.positions) {
        if (hit.similarity > best[pos]!) best[pos] = hit.similarity;
        if (pos < 31) mask |= 1 << pos;
      }
    }
    if (mask !== 0) matchedBy.set(term, mask);
    const cls = termClasses[term];
    if (cls !== undefined) docClasses |= classBit(cls);
    const w = idf[term]!;
    const other = fields & FIELD_BRAND ? BRAND_SHARE : fields & FIELD_ATTR ? ATTR_SHARE : 0;
    const shareDe = w * (fields & FIELD_DE ? 1 : other);
    const shareEn = w * (fields & FIELD_EN ? 1 : other);
    totalDe += shareDe;
    coverDe += shareDe * termBest;
    totalEn += shareEn;
    coverEn += shareEn * termBest;
  }
  let said = 0;
  let explained = 0;
  let conflict = false;
  for (let pos = 0; pos < plan.words.length; pos++) {
    said += plan.weights[pos]!;
    explained += plan.weights[pos]! * best[pos]!;
    const cls = plan.classes[pos];
    if (cls !== undefined && best[pos]! < 1 && (docClasses & classBit(cls)) !== 0) conflict = true;
  }
  const queryCoverage = said > 0 ? explained / said : 0;
  const de = totalDe > 0 ? coverDe / totalDe : 0;
  const en = totalEn > 0 ? coverEn / totalEn : 0;
  const productCoverage = Math.max(de, en);
  const order = plan.words.length > 1 ? inOrder(index, doc, matchedBy) / (plan.words.length - 1) : 1;
  const inLanguage = (nameField === FIELD_DE ? de : en) >= productCoverage ? 1 : 0.5;
  const score =
    W_QUERY * queryCoverage +
    W_PRODUCT * productCoverage +
    W_ORDER * order +
    W_LANGUAGE * inLanguage +
    W_AVAILABLE * index.available[doc]! -
    (conflict ? NUMBER_CONFLICT : 0);
  return Math.max(0, Math.min(1, score));
}

/** How many neighbouring query words stand next to each other, in order, in one of the names. */
function inOrder(index: ProductIndex, doc: number, matchedBy: Map<number, number>): number {
  const { sequences, sequenceStart } = index;
  let pairs = 0;
  let previous = 0;
  for (let i = sequenceStart[doc]!; i < sequenceStart[doc + 1]!; i++) {
    const term = sequences[i]!;
    const mask = term < 0 ? 0 : matchedBy.get(term) ?? 0;
    // Bit k+1 marks the pair (k, k+1): word k answered just before word k+1, or one term
    // answering both (a joined pair, "hafer milch" → "hafermilch").
    pairs |= (previous << 1) & mask;
    pairs |= (mask & (mask >> 1)) << 1;
    previous = mask;
  }
  let count = 0;
  for (let bits = pairs; bits !== 0; bits &= bits - 1) count++;
  return count;
}

/** Below this the best candidate is not what was asked for. */
export const NONE_BELOW = 0.5;
/** Candidates this close to the best are worth asking about. */
export const ASK_WITHIN = 0.06;
/**
 * Below this the best candidate is only asked about ("Meinst du Blütenhonig?"), never answered.
 * Calibrated on `test/fixtures/matching/labelled-queries.ts` (382 spoken product queries and 66
 * phrases that mean no product; `test/matching/calibration.test.ts` prints precision and recall
 * per threshold): from 0.75 no phrase without a product is answered ("fahrrad" → Fahrradhelm 0.68,
 * "steak" → USB-Stick 0.64) and every answer is right, at 97.9 % recall.
 */
export const ANSWER_FROM = 0.75;

/**
 * Answer when one product stands clear of the rest, ask which one when two or three are about as
 * good ("hafermilch" with a plain and a Barista one, "air max" with a 90 and a 97), none when even
 * the best explains too little of what was said.
 */
export function decide(ranked: RankedDoc[]): MatchDecision {
  const [first, second] = ranked;
  if (!first || first.score < NONE_BELOW) return 'none';
  if (second && second.score >= first.score - ASK_WITHIN) return 'ask';
  return first.score >= ANSWER_FROM ? 'answer' : 'ask';
}
