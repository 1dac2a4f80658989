import type { Language } from '../commerce.js';
import type { Product } from '../commerce.js';
import type { MatchResult, ProductMatcher } from './matcher.js';
import { buildProductIndex, ProductIndexBuilder, type ProductIndex } from './product-index.js';
import { planQuery } from './query-plan.js';
import { ASK_WITHIN, decide, scoreProduct, type RankedDoc } from './rank-candidates.js';
import { createScratch, retrieveCandidates } from './retrieve-candidates.js';

/** Products retrieved from the inverted index and then re-ranked one by one. */
const RERANK_DEPTH = 48;

function matcherOver(index: ProductIndex): ProductMatcher {
  const scratch = createScratch(index.ids.length);
  return {
    size: index.ids.length,
    search(spoken: string, language: Language, limit = 5): MatchResult {
      const plan = planQuery(spoken, index);
      if (plan.words.length === 0) return { decision: 'none', candidates: [] };
      const docs = retrieveCandidates(plan, index, scratch, RERANK_DEPTH);
      const ranked: RankedDoc[] = docs.map((doc) => ({ doc, score: scoreProduct(plan, index, doc, language) }));
      ranked.sort((a, b) => b.score - a.score || index.prior[b.doc]! - index.prior[a.doc]! || a.doc - b.doc);
      const decision = decide(ranked);
      // On "ask" only the close ones are candidates: those are what the question names.
      const floor = decision === 'ask' ? ranked[0]!.score - ASK_WITHIN : 0;
      return {
        decision,
        candidates: ranked
          .slice(0, Math.max(1, limit))
          .filter((r) => r.score > 0 && r.score >= floor)
          .map((r) => ({ id: index.ids[r.doc]!, score: Math.round(r.score * 1000) / 1000 })),
      };
    },
  };
}

/**
 * Builds a matcher over a catalog snapshot: an inverted index over normalised name, brand and
 * variant terms for retrieval, then re-ranking on coverage, phonetic and edit similarity,
 * numbers and availability, and a decision (answer / ask / none). On "ask" the candidates are
 * only the two or more close ones, the products the question should name. Synchronous; for
 * rebuilding while requests are served use `buildMatcherInSlices` or `createMatcherHost`.
 *
 * @example
 * const matcher = buildMatcher(await shop.listProducts());
 * matcher.search('hafer milch ein liter', 'de'); // { decision: 'answer', candidates: [{ id, score }, …] }
 */
export function buildMatcher(products: Product[]): ProductMatcher {
  return matcherOver(buildProductIndex(products));
}

/**
 * Like `buildMatcher`, but gives the event loop back every `sliceSize` products, so requests
 * keep being answered by the previous matcher while a large catalog is indexed.
 */
export async function buildMatcherInSlices(products: Product[], sliceSize = 2000): Promise<ProductMatcher> {
  const builder = new ProductIndexBuilder(products.length);
  for (let start = 0; start < products.length; start += sliceSize) {
    const end = Math.min(products.length, start + sliceSize);
    for (let i = start; i < end; i++) builder.add(products[i]!);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return matcherOver(builder.finish());
}
