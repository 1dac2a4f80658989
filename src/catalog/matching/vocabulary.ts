import { COLLOQUIAL_WORDS } from './colloquial-words.js';
import { allowedEdits, editDistance } from './edit-distance.js';
import { phoneticKeys } from './phonetic-keys.js';

/** A catalog term that a spoken word may mean, with how alike the two are (0..1). */
export interface TermMatch {
  term: number;
  similarity: number;
}

const MAX_PREFIX_TERMS = 32;
const MAX_NEAR_LENGTH = 48;
/** Reused by `expand` (synchronous, so one at a time). */
const seen = new Set<number>();
/** German adjective and plural endings, English plural endings. */
const INFLECTIONS = ['es', 'en', 'er', 'em', 'e', 's', 'n'];

function isWordTerm(term: string): boolean {
  return term.length >= 3 && !/\d/.test(term);
}

function addTo<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/**
 * Every distinct catalog term and the ways a spoken word reaches one: exactly, within one or two
 * edits (a symmetric one-deletion index, as in SymSpell: exact for one edit and for adjacent
 * swaps, no scan of the vocabulary), by Kölner Phonetik or Double Metaphone key, as a prefix
 * ("hafer" → "haferflocken"), as the head of a compound ("honig" → "blütenhonig"), by a
 * diminutive ("spüli" → "spülmittel") and through the short colloquial list.
 *
 * These side tables cover word terms only (no digits); numbers and quantities match exactly.
 */
export class Vocabulary {
  private readonly deletions = new Map<string, number[]>();
  private readonly phonetic = new Map<string, number[]>();
  /** Word term ids in code-unit order, for prefix ranges. */
  private readonly sorted: Int32Array;
  /** Word terms reversed and sorted, for suffix ranges (compound heads). */
  private readonly reversed: string[];
  private readonly reversedIds: Int32Array;

  constructor(
    readonly terms: string[],
    readonly ids: Map<string, number>,
  ) {
    const words: number[] = [];
    for (let id = 0; id < terms.length; id++) {
      const term = terms[id]!;
      if (!isWordTerm(term)) continue;
      words.push(id);
      if (term.length >= 4) for (let i = 0; i < term.length; i++) addTo(this.deletions, term.slice(0, i) + term.slice(i + 1), id);
      for (const key of phoneticKeys(term)) addTo(this.phonetic, key, id);
    }
    words.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
    this.sorted = Int32Array.from(words);
    const byEnd = words.map((id) => ({ id, key: [...terms[id]!].reverse().join('') }));
    byEnd.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.reversed = byEnd.map((e) => e.key);
    this.reversedIds = Int32Array.from(byEnd.map((e) => e.id));
  }

  get size(): number {
    return this.terms.length;
  }

  /** The id of an exact term, if the catalog has it. */
  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Whether some word term starts with `prefix` and is longer: "kaffee" is the front of "kaffeebohnen". */
  isPrefix(prefix: string): boolean {
    const sorted = this.sorted;
    const at = this.lowerBound(prefix);
    if (at >= sorted.length) return false;
    const term = this.terms[sorted[at]!]!;
    if (term.length > prefix.length && term.startsWith(prefix)) return true;
    const next = sorted[at + 1];
    return term === prefix && next !== undefined && this.terms[next]!.startsWith(prefix);
  }

  private lowerBound(prefix: string): number {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Word terms ending in `head` with at least two letters before it: the compounds it is the
   * head of ("honig" → "blütenhonig", "windeln" → "babywindeln"), shortest first.
   */
  private withHead(head: string): number[] {
    const key = [...head].reverse().join('');
    let lo = 0;
    let hi = this.reversed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.reversed[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.reversed.length && out.length < 8 * MAX_PREFIX_TERMS; i++) {
      const candidate = this.reversed[i]!;
      if (!candidate.startsWith(key)) break;
      if (candidate.length >= key.length + 2) out.push(this.reversedIds[i]!);
    }
    out.sort((a, b) => this.terms[a]!.length - this.terms[b]!.length);
    return out.slice(0, MAX_PREFIX_TERMS);
  }

  /** Word terms starting with `prefix` (longer than it), shortest first. */
  private withPrefix(prefix: string): number[] {
    const sorted = this.sorted;
    const out: number[] = [];
    for (let i = this.lowerBound(prefix); i < sorted.length && out.length < 8 * MAX_PREFIX_TERMS; i++) {
      const term = this.terms[sorted[i]!]!;
      if (!term.startsWith(prefix)) break;
      if (term.length > prefix.length) out.push(sorted[i]!);
    }
    out.sort((a, b) => this.terms[a]!.length - this.terms[b]!.length);
    return out.slice(0, MAX_PREFIX_TERMS);
  }

  /**
   * The catalog terms a spoken word may mean, each once with its best similarity. `closeOnly`
   * skips the loose readings (sound, prefix, compound head), which can never reach the similarity
   * a run-together span needs; it saves most of the work for those spans.
   *
   * @example vocabulary.expand('hafermilsch') // [{ term: <hafermilch>, similarity: 0.92 }, ...]
   */
  expand(word: string, closeOnly = false): TermMatch[] {
    const best = new Map<number, number>();
    const offer = (term: number, similarity: number): void => {
      if ((best.get(term) ?? 0) < similarity) best.set(term, similarity);
    };
    const exact = this.ids.get(word);
    if (exact !== undefined) offer(exact, 1);
    for (const alias of COLLOQUIAL_WORDS[word] ?? []) {
      const id = this.ids.get(alias);
      if (id !== undefined) offer(id, 0.92);
    }
    // No catalog word is this long; near readings of a runaway token would only cost time.
    if (!isWordTerm(word) || word.length > MAX_NEAR_LENGTH) return [...best].map(([term, similarity]) => ({ term, similarity }));

    // Inflected forms of a catalog word: "gemahlener" → "gemahlen", "stilles" → "still", "apples" → "apple".
    for (const ending of INFLECTIONS) {
      if (word.length - ending.length < 4 || !word.endsWith(ending)) continue;
      const stem = this.ids.get(word.slice(0, -ending.length));
      if (stem !== undefined) offer(stem, 0.92);
    }
    const maxEdits = allowedEdits(word.length);
    if (maxEdits > 0) {
      seen.clear();
      const consider = (id: number): void => {
        if (seen.has(id)) return;
        seen.add(id);
        const term = this.terms[id]!;
        const d = editDistance(word, term, maxEdits);
        if (d > 0 && d <= maxEdits) offer(id, 1 - (0.8 * d) / Math.max(word.length, term.length) - 0.04);
      };
      // The word or one of its deletions may be a catalog word or share a deletion with one.
      for (const id of this.deletions.get(word) ?? []) consider(id);
      for (let i = 0; i < word.length; i++) {
        const probe = word.slice(0, i) + word.slice(i + 1);
        const direct = this.ids.get(probe);
        if (direct !== undefined) consider(direct);
        for (const id of this.deletions.get(probe) ?? []) consider(id);
      }
    }
    if (closeOnly) return [...best].map(([term, similarity]) => ({ term, similarity }));
    for (const key of phoneticKeys(word)) {
      for (const id of this.phonetic.get(key) ?? []) {
        const term = this.terms[id]!;
        const longer = Math.max(term.length, word.length);
        // Same sound but hardly the same letters is a collision ("honig" and "jung" are both 064).
        const d = editDistance(word, term, Math.floor(0.4 * longer));
        if (d > 0.4 * longer) continue;
        offer(id, 0.62 + 0.3 * (1 - d / longer));
      }
    }
    if (word.length >= 4) {
      for (const id of this.withPrefix(word)) offer(id, 0.5 + 0.3 * (word.length / this.terms[id]!.length));
    }
    // Diminutives and clippings: "spüli" → "spül…", "schoki" → "schok…".
    if (word.length >= 5 && word.endsWith('i')) {
      for (const id of this.withPrefix(word.slice(0, -1))) offer(id, 0.72);
    }
    if (word.length >= 4) for (const id of this.withHead(word)) offer(id, 0.8);
    return [...best].map(([term, similarity]) => ({ term, similarity }));
  }
}
