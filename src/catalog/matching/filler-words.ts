/**
 * Words that carry nothing for finding a product, in folded form. The domain passes the slot
 * value, not the whole sentence, so this list holds only politeness, articles, hesitations and
 * joiners — never words that can tell products apart ("ohne", "without", "gross", "klein").
 * The catalog side drops them too, so "Wasser mit Kohlensäure" and "wasser kohlensäure" meet.
 */
export const FILLER_WORDS = new Set([
  // German
  'bitte', 'mal', 'doch', 'denn', 'halt', 'eben', 'etwas', 'der', 'die', 'das', 'den', 'dem',
  'des', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'von', 'vom', 'und', 'mit', 'in',
  'im', 'ah', 'ahm', 'hm', 'hmm', 'oh', 'so',
  // English
  'please', 'the', 'some', 'a', 'an', 'of', 'and', 'with', 'uh', 'um', 'erm',
]);

/** Articles that mean "one" right before a unit ("ein Liter", "a litre"). */
export const ONE_ARTICLES = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'a', 'an']);
