import type { Language } from '../catalog/commerce.js';

/**
 * Which words may stand next to a spoken day. "am Samstag" and "on Monday" are German and
 * English; "am heute", "am morgen" (that is "in the morning") and "on today" are not, so a
 * relative day never follows a day preposition. Dialogflow training phrases are filled by
 * these rules and `models validate` flags a phrase that breaks them (issue 13).
 */
const RELATIVE_DAYS: Record<Language, ReadonlySet<string>> = {
  de: new Set(['heute', 'morgen', 'übermorgen', 'gestern', 'jetzt', 'gerade', 'heute abend', 'morgen früh']),
  en: new Set(['today', 'tomorrow', 'tonight', 'now', 'right now', 'yesterday', 'the day after tomorrow']),
};
const DAY_PREPOSITIONS: Record<Language, ReadonlySet<string>> = {
  de: new Set(['am', 'an', 'vom', 'zum', 'jeden']),
  en: new Set(['on', 'every']),
};

/** "heute", "tomorrow", "right now": a day named relative to now. */
export function isRelativeDay(text: string, language: Language): boolean {
  return RELATIVE_DAYS[language].has(text.trim().toLowerCase());
}

/** The word before a slot asks for a named day ("am", "on"). */
export function isDayPreposition(word: string | undefined, language: Language): boolean {
  return word !== undefined && DAY_PREPOSITIONS[language].has(word.toLowerCase());
}

/** The last word of a text ("wann habt ihr am " → "am"). */
export function lastWord(text: string): string | undefined {
  return text.trim().split(/\s+/).pop() || undefined;
}

/**
 * The examples that fit after `before`: named days after a day preposition, relative days
 * otherwise; all of them when the list has none of the wanted kind.
 *
 * @example fittingDayExamples(['heute', 'samstag'], 'wann habt ihr am ', 'de') // ['samstag']
 */
export function fittingDayExamples(examples: readonly string[], before: string, language: Language): string[] {
  const named = isDayPreposition(lastWord(before), language);
  const fit = examples.filter((e) => isRelativeDay(e, language) !== named);
  return fit.length > 0 ? fit : [...examples];
}

/** A day preposition followed by a relative day ("am heute", "on today"), if the text has one. */
export function misplacedRelativeDay(text: string, language: Language): string | undefined {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  for (let i = 0; i + 1 < words.length; i++) {
    if (!isDayPreposition(words[i], language)) continue;
    for (const len of [3, 2, 1]) {
      const phrase = words.slice(i + 1, i + 1 + len).join(' ');
      if (i + len < words.length && isRelativeDay(phrase, language)) return `${words[i]} ${phrase}`;
    }
  }
  return undefined;
}
