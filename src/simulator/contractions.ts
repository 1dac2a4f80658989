import type { Language } from '../catalog/commerce.js';

/**
 * Contracted and full forms are the same words to Alexa and Dialogflow: "where's my parcel"
 * matches the sample "where is my parcel" and the other way round, "gibt's" matches "gibt es".
 * The apostrophe stays part of the word (normalize-text.ts); each sample is compiled once more in
 * its other form instead.
 */
const PAIRS: Record<Language, Array<[string, string]>> = {
  en: [
    ['where is', "where's"], ['what is', "what's"], ['when is', "when's"], ['how is', "how's"], ['who is', "who's"],
    ['that is', "that's"], ['it is', "it's"], ['there is', "there's"], ['here is', "here's"],
    ['i am', "i'm"], ['you are', "you're"], ['we are', "we're"], ['they are', "they're"],
    ['i would', "i'd"], ['i will', "i'll"], ['i have', "i've"], ['let us', "let's"],
    ['do not', "don't"], ['does not', "doesn't"], ['did not', "didn't"], ['is not', "isn't"], ['are not', "aren't"],
    ['has not', "hasn't"], ['have not', "haven't"], ['can not', "can't"], ['cannot', "can't"], ['will not', "won't"],
  ],
  de: [
    ['gibt es', "gibt's"], ['geht es', "geht's"], ['wie geht es', "wie geht's"], ['hast du', 'haste'], ['ist es', "ist's"],
  ],
};

// Compiled once: every sample of every model goes through these. `search` and `replace` both
// start from index 0, so sharing the global regexes is safe.
const PATTERNS = Object.fromEntries(
  Object.entries(PAIRS).map(([language, pairs]) => [
    language,
    pairs.map(([full, short]) => ({
      full,
      short,
      fullAt: new RegExp(`(^|\\s)${full}(?=\\s|$)`, 'gi'),
      shortAt: new RegExp(`(^|\\s)${short.replace("'", "['’]")}(?=\\s|$)`, 'gi'),
    })),
  ]),
) as Record<Language, Array<{ full: string; short: string; fullAt: RegExp; shortAt: RegExp }>>;

/**
 * The other spellings of a sample: each full form contracted, each contraction spelled out.
 *
 * @example contractionVariants("where's my parcel", 'en') // ['where is my parcel']
 */
export function contractionVariants(sample: string, language: Language): string[] {
  // Case-insensitive on the sample as written: `{orderNumber}` keeps its case.
  const out = new Set<string>();
  for (const { full, short, fullAt, shortAt } of PATTERNS[language]) {
    if (sample.search(fullAt) >= 0) out.add(sample.replace(fullAt, `$1${short}`));
    if (sample.search(shortAt) >= 0) out.add(sample.replace(shortAt, `$1${full}`));
  }
  out.delete(sample);
  return [...out];
}
