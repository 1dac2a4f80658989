import type { ProductIndex } from './product-index.js';
import { spokenTokens } from './spoken-tokens.js';
import { numberClass } from './units.js';
import type { TermMatch } from './vocabulary.js';

/** One way of reading part of the query: the query words it covers and the terms it may mean. */
export interface QueryGroup {
  positions: number[];
  /** Best first. */
  matches: TermMatch[];
  /** Sum of the covered words' weights. */
  weight: number;
}

/** A spoken query analysed against one catalog vocabulary. */
export interface QueryPlan {
  words: string[];
  /** How much each word tells products apart (inverse document frequency of what it means). */
  weights: number[];
  /** Unit class of a number word ('#', 'l', 'g' …), undefined for other words. */
  classes: Array<string | undefined>;
  groups: QueryGroup[];
  /** For re-ranking: term → the groups it answers, with its similarity in each. */
  byTerm: Map<number, Array<{ group: number; similarity: number }>>;
  /** Scratch for re-ranking: best similarity per word (see scoreProduct). */
  best: Float64Array;
}

/** Weight of a word the catalog does not know at all (a misrecognition or a stray word). */
const UNKNOWN_WEIGHT = 2;
/** Numbers tell variants apart ("Air Max 90" vs "97"), however common they are. */
const MIN_NUMBER_WEIGHT = 3;
/** A product name is said in a few words; longer input is cut so a query's cost stays bounded. */
const MAX_WORDS = 24;
const MAX_SPLIT_LENGTH = 40;
/** Linking elements of German compounds: "Orange-n-saft", "Geschirr-s-…". */
const LINKS = ['', 's', 'n', 'en', 'es'];

/**
 * How a piece of a run-together word is known to the catalog: as a term (3), as the front of
 * compound terms like "kaffee" in "kaffeebohnen" (2), or within a small misrecognition (1).
 */
function knownPiece(piece: string, index: ProductIndex): { word: string; score: number } | undefined {
  const vocabulary = index.vocabulary;
  if (vocabulary.idOf(piece) !== undefined) return { word: piece, score: 3 };
  if (piece.length < 4) return undefined;
  if (vocabulary.isPrefix(piece)) return { word: piece, score: 2 };
  const fuzzy = vocabulary.expand(piece).find((m) => m.similarity >= 0.85 && m.similarity < 1);
  return fuzzy ? { word: vocabulary.terms[fuzzy.term]!, score: 1 } : undefined;
}

/**
 * "airmax" → ["air", "max"], "lurahafer" → ["lura", "hafer"]: a word the catalog lacks, split
 * where the left side is a catalog word and the right side is known (see knownPiece) or splits
 * once more. A left side ending in a, o or u may have swallowed an "e" of the right side through
 * the ae/oe/ue folding ("Mira"+"Extra" folds to "mirextra").
 */
function splitCompound(word: string, index: ProductIndex, depth = 0): string[] | undefined {
  const vocabulary = index.vocabulary;
  if (word.length < 4 || /\d/.test(word)) return undefined;
  let best: string[] | undefined;
  let bestScore = 0;
  for (let k = 1; k < word.length - 1; k++) {
    const left = word.slice(0, k);
    for (const link of LINKS) {
      if (link !== '' && !left.endsWith(link)) continue;
      const stem = left.slice(0, left.length - link.length);
      if (stem.length === 0 || vocabulary.idOf(stem) === undefined) continue;
      const rights = [word.slice(k)];
      if (link === '' && /[aou]$/.test(stem)) rights.push('e' + word.slice(k));
      for (const right of rights) {
        const piece = knownPiece(right, index);
        const parts = piece ? [piece.word] : depth === 0 ? splitCompound(right, index, 1) : undefined;
        if (!parts) continue;
        // Prefer splits into well-known, long pieces.
        const score = (piece?.score ?? 2) * 100 + Math.min(stem.length, ...parts.map((p) => p.length));
        if (score > bestScore) {
          bestScore = score;
          best = [stem, ...parts];
        }
      }
    }
  }
  return best;
}

function weightOf(matches: TermMatch[], word: string, index: ProductIndex): number {
  let bestSimilarity = 0;
  let weight = UNKNOWN_WEIGHT;
  for (const m of matches) {
    if (m.similarity > bestSimilarity) {
      bestSimilarity = m.similarity;
      weight = index.idf[m.term]!;
    }
  }
  return numberClass(word) !== undefined ? Math.max(weight, MIN_NUMBER_WEIGHT) : weight;
}

/**
 * Reads the spoken text against the catalog: words (compounds the catalog splits are split),
 * what each word may mean, and adjacent word pairs the catalog writes as one ("hafer milch").
 *
 * @example planQuery('hafer milch ein liter', index).groups.length // 4: hafer, milch, 1l, "hafermilch"
 */
export function planQuery(spoken: string, index: ProductIndex): QueryPlan {
  const vocabulary = index.vocabulary;
  const expanded = new Map<string, TermMatch[]>();
  const expand = (word: string): TermMatch[] => {
    let matches = expanded.get(word);
    if (matches === undefined) {
      matches = vocabulary.expand(word).sort((a, b) => b.similarity - a.similarity);
      expanded.set(word, matches);
    }
    return matches;
  };
  const words: string[] = [];
  for (const token of spokenTokens(spoken).slice(0, MAX_WORDS)) {
    // A word the catalog knows, even as a compound head or within an edit, stays whole:
    // "schokolade" must not become "schoko" + "lade".
    const known = vocabulary.idOf(token) !== undefined || (expand(token)[0]?.similarity ?? 0) >= 0.7;
    const parts = known || token.length > MAX_SPLIT_LENGTH ? undefined : splitCompound(token, index);
    words.push(...(parts ?? [token]));
  }
  const groups: QueryGroup[] = [];
  const weights: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const matches = expand(words[i]!);
    weights.push(weightOf(matches, words[i]!, index));
    groups.push({ positions: [i], matches, weight: weights[i]! });
  }
  // Neighbouring words the catalog writes as one: "hafer milch", "roggen misch brot".
  for (let span = 2; span <= 3; span++) {
    for (let i = 0; i + span <= words.length; i++) {
      const pieces = words.slice(i, i + span);
      // Near matches only when every piece is a real piece: "yellow"+"m" must not read as
      // "yellow" and so credit the size "m" to every yellow product.
      const nearAllowed = pieces.every((p) => p.length >= 3);
      const own = new Set(pieces.map((p) => vocabulary.idOf(p)));
      const matches = vocabulary.expand(pieces.join(''), true).sort((a, b) => b.similarity - a.similarity).filter(
        (m) => (m.similarity >= 0.92 || (nearAllowed && m.similarity >= 0.84)) && !own.has(m.term),
      );
      if (matches.length === 0) continue;
      const positions = pieces.map((_, k) => i + k);
      groups.push({ positions, matches, weight: positions.reduce((sum, p) => sum + weights[p]!, 0) });
    }
  }
  const byTerm = new Map<number, Array<{ group: number; similarity: number }>>();
  groups.forEach((g, group) => {
    for (const m of g.matches) {
      const list = byTerm.get(m.term);
      if (list) list.push({ group, similarity: m.similarity });
      else byTerm.set(m.term, [{ group, similarity: m.similarity }]);
    }
  });
  return { words, weights, classes: words.map(numberClass), groups, byTerm, best: new Float64Array(words.length) };
}
