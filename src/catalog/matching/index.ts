import type { Language } from '../../domain/turn.js';
import type { Product } from '../commerce.js';
import type { MatchResult, ProductMatcher } from './matcher.js';

export type { MatchCandidate, MatchResult, ProductMatcher, MatcherFactory } from './matcher.js';

// Interim matcher (trigram overlap on folded, space-free names) until the real one lands (issue 7).
function fold(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

function trigrams(text: string): Set<string> {
  const s = `  ${text} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= s.length; i++) out.add(s.slice(i, i + 3));
  return out;
}

/** Builds a matcher over a catalog snapshot. */
export function buildMatcher(products: Product[]): ProductMatcher {
  const entries = products.map((p) => ({
    id: p.id,
    grams: { de: trigrams(fold(p.name.de)), en: trigrams(fold(p.name.en)) },
  }));
  return {
    size: entries.length,
    search(spoken: string, language: Language, limit = 5): MatchResult {
      const q = trigrams(fold(spoken));
      if (q.size === 0) return { decision: 'none', candidates: [] };
      const scored = entries.map((e) => {
        const score = Math.max(...(['de', 'en'] as const).map((lang) => {
          const g = e.grams[lang];
          let hit = 0;
          for (const t of q) if (g.has(t)) hit++;
          const weight = lang === language ? 1 : 0.95;
          return (weight * (2 * hit)) / (q.size + g.size);
        }));
        return { id: e.id, score };
      });
      scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
      const candidates = scored.slice(0, limit).filter((c) => c.score > 0.2);
      const [first, second] = candidates;
      if (!first || first.score < 0.45) return { decision: 'none', candidates };
      if (second && second.score > first.score - 0.05) return { decision: 'ask', candidates };
      return { decision: 'answer', candidates };
    },
  };
}
