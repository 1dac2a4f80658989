import type { Product } from '../commerce.js';
import { COLOUR_TRANSLATIONS } from './colloquial-words.js';
import { spokenTokens } from './spoken-tokens.js';
import { numberClass } from './units.js';
import { IntBuffer } from './term-buffer.js';
import { Vocabulary } from './vocabulary.js';

/** Where in a product a term stands; one term can stand in several places. */
export const FIELD_DE = 1;
export const FIELD_EN = 2;
export const FIELD_BRAND = 4;
/** Size and variant attributes (size, colour), with colours in both languages. */
export const FIELD_ATTR = 8;

/**
 * The catalog as typed arrays: a forward list of (term, fields) per product for re-ranking and an
 * inverted list of products per term for retrieval, both in CSR form (one flat array plus start
 * offsets), because a million products as JS objects and Sets would not fit the memory budget.
 */
export interface ProductIndex {
  vocabulary: Vocabulary;
  /** Product ids in index order. */
  ids: string[];
  available: Uint8Array;
  /** Inverse document frequency per term. */
  idf: Float32Array;
  forwardStart: Int32Array;
  forwardTerms: Int32Array;
  forwardFields: Uint8Array;
  postingStart: Int32Array;
  postings: Int32Array;
  /** A small static preference per product: available, and fewer words (the plain product). */
  prior: Float32Array;
  /** Per product: the German name's terms in spoken order, -1, the English name's (word order). */
  sequenceStart: Int32Array;
  sequences: Int32Array;
  /** Per term: its number class ('#', 'l', 'g' …) or undefined for a word (see units.ts). */
  termClasses: Array<string | undefined>;
}

function attributeTokens(product: Product, cached: (text: string) => string[]): string[] {
  const out: string[] = [];
  if (product.size) out.push(...cached(product.size));
  for (const value of Object.values(product.attributes ?? {})) {
    for (const token of cached(value)) {
      out.push(token);
      const translated = COLOUR_TRANSLATIONS[token];
      if (translated) out.push(translated);
    }
  }
  return out;
}

/**
 * Builds the index product by product, so a background rebuild can yield to requests between
 * slices (see matcher-host.ts); `finish` then lays out the inverted lists by counting sort.
 */
export class ProductIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  // Brands and attribute values repeat across thousands of products: tokenize each once.
  private readonly cache = new Map<string, string[]>();
  private readonly forwardStart: Int32Array;
  private readonly forwardTerms: IntBuffer;
  private readonly fieldBuffer: IntBuffer;
  private readonly available: Uint8Array;
  private readonly prior: Float32Array;
  private readonly ids: string[];
  private readonly sequenceStart: Int32Array;
  private readonly sequences: IntBuffer;
  private readonly docTerms: number[] = [];
  private readonly docFields: number[] = [];
  private doc = 0;

  constructor(private readonly expected: number) {
    this.forwardStart = new Int32Array(expected + 1);
    this.forwardTerms = new IntBuffer(expected * 8 + 16);
    this.fieldBuffer = new IntBuffer(expected * 8 + 16);
    this.available = new Uint8Array(expected);
    this.prior = new Float32Array(expected);
    this.ids = new Array<string>(expected);
    this.sequenceStart = new Int32Array(expected + 1);
    this.sequences = new IntBuffer(expected * 10 + 16);
  }

  private cached = (text: string): string[] => {
    let tokens = this.cache.get(text);
    if (tokens === undefined) {
      tokens = spokenTokens(text);
      this.cache.set(text, tokens);
    }
    return tokens;
  };

  private addTerm(term: string, field: number): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    this.addField(id, field);
    return id;
  }

  private addField(id: number, field: number): void {
    const at = this.docTerms.indexOf(id);
    if (at >= 0) this.docFields[at]! |= field;
    else {
      this.docTerms.push(id);
      this.docFields.push(field);
    }
  }

  /** Adds the next product; call exactly `expected` times, in catalog order. */
  add(product: Product): void {
    const doc = this.doc++;
    this.ids[doc] = product.id;
    this.available[doc] = product.available ? 1 : 0;
    this.docTerms.length = 0;
    this.docFields.length = 0;
    const de = spokenTokens(product.name.de);
    const en = product.name.en === product.name.de ? de : spokenTokens(product.name.en);
    this.sequenceStart[doc] = this.sequences.length;
    for (const t of de) this.sequences.push(this.addTerm(t, FIELD_DE));
    this.sequences.push(-1);
    for (const t of en) this.sequences.push(this.addTerm(t, FIELD_EN));
    for (const t of this.cached(product.brand)) this.addTerm(t, FIELD_BRAND);
    for (const t of attributeTokens(product, this.cached)) this.addTerm(t, FIELD_ATTR);
    this.forwardStart[doc] = this.forwardTerms.length;
    for (let i = 0; i < this.docTerms.length; i++) {
      this.forwardTerms.push(this.docTerms[i]!);
      this.fieldBuffer.push(this.docFields[i]!);
    }
    this.prior[doc] = (product.available ? 0.5 : 0) + 0.5 / (1 + Math.min(de.length, en.length));
  }

  finish(): ProductIndex {
    const n = this.expected;
    if (this.doc !== n) throw new Error(`ProductIndexBuilder: expected ${n} products, got ${this.doc}`);
    const terms = this.terms;
    this.forwardStart[n] = this.forwardTerms.length;
    this.sequenceStart[n] = this.sequences.length;
    const forward = this.forwardTerms.toArray();
    const forwardFields = Uint8Array.from(this.fieldBuffer.toArray());
    const df = new Int32Array(terms.length);
    for (let i = 0; i < forward.length; i++) df[forward[i]!]!++;
    const postingStart = new Int32Array(terms.length + 1);
    for (let t = 0; t < terms.length; t++) postingStart[t + 1] = postingStart[t]! + df[t]!;
    const fill = postingStart.slice(0, terms.length);
    const postings = new Int32Array(forward.length);
    for (let doc = 0; doc < n; doc++) {
      for (let i = this.forwardStart[doc]!; i < this.forwardStart[doc + 1]!; i++) postings[fill[forward[i]!]!++] = doc;
    }
    const idf = new Float32Array(terms.length);
    for (let t = 0; t < terms.length; t++) idf[t] = Math.log(1 + n / Math.max(1, df[t]!));
    return {
      vocabulary: new Vocabulary(terms, this.termIds),
      ids: this.ids,
      available: this.available,
      idf,
      forwardStart: this.forwardStart,
      forwardTerms: forward,
      forwardFields,
      postingStart,
      postings,
      prior: this.prior,
      sequenceStart: this.sequenceStart,
      sequences: this.sequences.toArray(),
      termClasses: terms.map(numberClass),
    };
  }
}

/**
 * Builds the index over a catalog snapshot in one go.
 *
 * @example const index = buildProductIndex(await shop.listProducts());
 */
export function buildProductIndex(products: Product[]): ProductIndex {
  const builder = new ProductIndexBuilder(products.length);
  for (const product of products) builder.add(product);
  return builder.finish();
}
