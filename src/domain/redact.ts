/** Longer words are likely names, streets or codes; they are not what a sample needs. */
const MAX_WORD = 24;
const MAX_LENGTH = 160;

/**
 * A fallen-back sentence made fit to keep: e-mail addresses, web addresses and numbers (order
 * numbers, phone numbers, house numbers, dates) replaced by placeholders, over-long words
 * dropped, lower-cased and cut to 160 characters. What stays is the wording a merchant adds as a
 * sample; the placeholders show where a slot belongs.
 *
 * @example redactSentence('Wo ist Bestellung 10042 von anna@example.com?') // 'wo ist bestellung # von [email]?'
 */
export function redactSentence(sentence: string): string {
  return sentence
    .replace(/\S+@\S+/g, '[email]')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, '[link]')
    .replace(/\d[\d\s./:-]*\d|\d/g, '#')
    .split(/\s+/)
    .filter((word) => word.length <= MAX_WORD)
    .join(' ')
    .toLowerCase()
    .trim()
    .slice(0, MAX_LENGTH);
}
