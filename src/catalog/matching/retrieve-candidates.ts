import type { ProductIndex } from './product-index.js';
import type { QueryPlan } from './query-plan.js';

/** Postings one query may walk; past it, only rarer terms add candidates (see retrieve). */
const POSTING_BUDGET = 400_000;

/** Scratch arrays reused across queries: `search` is synchronous, so one set per index is safe. */
export interface RetrievalScratch {
  scores: Float32Array;
  /** Last group serial that credited a product, so a group credits each product once. */
  stamps: Int32Array;
  touched: Int32Array;
  serial: number;
}

export function createScratch(size: number): RetrievalScratch {
  return { scores: new Float32Array(size), stamps: new Int32Array(size), touched: new Int32Array(size), serial: 0 };
}

/**
 * The `k` products with the most query weight behind them (term-at-a-time accumulation over the
 * inverted lists). Groups are walked rarest first; a very common term whose list would overrun
 * the posting budget is left to re-ranking, which still credits it on the candidates found.
 */
export function retrieveCandidates(plan: QueryPlan, index: ProductIndex, scratch: RetrievalScratch, k: number): number[] {
  const { postingStart, postings, prior } = index;
  const { scores, stamps, touched } = scratch;
  if (scratch.serial > 1 << 30) {
    // After a billion groups, start the serials over rather than let them wrap.
    stamps.fill(0);
    scratch.serial = 0;
  }
  let touchedCount = 0;
  let walked = 0;
  const dfOf = (term: number): number => postingStart[term + 1]! - postingStart[term]!;
  const rarest = (g: QueryPlan['groups'][number]): number => {
    let min = Infinity;
    for (const m of g.matches) min = Math.min(min, dfOf(m.term));
    return min;
  };
  const order = plan.groups.map((g) => ({ g, rarest: rarest(g) })).sort((a, b) => a.rarest - b.rarest);
  for (const { g } of order) {
    const serial = ++scratch.serial;
    for (const m of g.matches) {
      const df = dfOf(m.term);
      if (walked + df > POSTING_BUDGET && touchedCount >= k) continue;
      walked += df;
      const credit = g.weight * m.similarity;
      for (let p = postingStart[m.term]!, end = postingStart[m.term + 1]!; p < end; p++) {
        const doc = postings[p]!;
        if (stamps[doc] === serial) continue;
        stamps[doc] = serial;
        if (scores[doc] === 0) touched[touchedCount++] = doc;
        scores[doc]! += credit;
      }
    }
  }
  // Top k by score (ties to the static prior), with a small min-heap in typed arrays.
  const heapDocs = new Int32Array(k);
  const heapScores = new Float64Array(k);
  let size = 0;
  const swap = (i: number, j: number): void => {
    const d = heapDocs[i]!;
    heapDocs[i] = heapDocs[j]!;
    heapDocs[j] = d;
    const s = heapScores[i]!;
    heapScores[i] = heapScores[j]!;
    heapScores[j] = s;
  };
  for (let t = 0; t < touchedCount; t++) {
    const doc = touched[t]!;
    const score = scores[doc]! + 0.001 * prior[doc]!;
    scores[doc] = 0;
    if (size < k) {
      heapDocs[size] = doc;
      heapScores[size] = score;
      for (let i = size++; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (heapScores[parent]! <= heapScores[i]!) break;
        swap(i, parent);
        i = parent;
      }
    } else if (score > heapScores[0]!) {
      heapDocs[0] = doc;
      heapScores[0] = score;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < size && heapScores[l]! < heapScores[m]!) m = l;
        if (r < size && heapScores[r]! < heapScores[m]!) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return Array.from(heapDocs.subarray(0, size));
}
