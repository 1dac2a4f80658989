import type { Language } from '../commerce.js';
import type { MatchDecision, Product } from '../commerce.js';

/** One ranked candidate: the product id and a 0..1 score. */
export interface MatchCandidate {
  id: string;
  score: number;
}

export interface MatchResult {
  decision: MatchDecision;
  candidates: MatchCandidate[];
}

/**
 * Spoken product-name matching over one catalog snapshot. Built once from the products;
 * `search` is synchronous and fast so a request never waits on an index.
 */
export interface ProductMatcher {
  search(spoken: string, language: Language, limit?: number): MatchResult;
  readonly size: number;
}

export type MatcherFactory = (products: Product[]) => ProductMatcher;
