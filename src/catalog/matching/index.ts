/**
 * Spoken product-name matching (issue 7). `buildMatcher` is what the catalog adapters call;
 * `createMatcherHost` keeps a matcher current while the catalog changes.
 */
export type { MatchCandidate, MatchResult, ProductMatcher, MatcherFactory } from './matcher.js';
export { buildMatcher, buildMatcherInSlices } from './build-matcher.js';
export { createMatcherHost, type MatcherHost, type MatcherHostOptions } from './matcher-host.js';
export { spokenTokens } from './spoken-tokens.js';
