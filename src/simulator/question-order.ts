import type { Language } from '../catalog/commerce.js';
import { foldWord, foldWords, type Token } from './normalize-text.js';

/**
 * A one-shot request is often a subordinate clause: "frag <name>, ob ihr Hafermilch habt",
 * "frage <name>, wann ihr morgen aufmacht", "ask <name> if you have oat milk". Samples are main
 * clauses ("habt ihr {product}", "wann macht ihr {day} auf", "do you have {product}"), and Alexa
 * matches one-shots against them all the same. These are the main-clause readings of such a
 * clause, tried after the words as said. German: the finite verb moves from the end to the front
 * (after the question word), a separable prefix goes back to the end. English: the auxiliary
 * moves before the subject, or "do" is added.
 */

const DE_SEPARABLE = foldWords(['zurück', 'weiter', 'durch', 'nach', 'auf', 'aus', 'ein', 'mit', 'vor', 'los', 'weg', 'her', 'hin', 'an', 'ab', 'zu', 'um']);
const DE_QUESTION_HEADS = ['wann', 'wo', 'was', 'wie', 'wer', 'welche', 'welcher', 'welches', 'welchen', 'warum', 'wieso', 'weshalb', 'woher', 'wohin', 'bis'];
const EN_AUX = foldWords(['is', 'are', 'am', 'was', 'were', 'has', 'have', 'had', 'can', 'could', 'will', 'would', 'does', 'do', 'did', 'should']);
const EN_QUESTION_HEADS = ['when', 'where', 'what', 'how', 'who', 'which', 'why'];
const ARTICLES = ['der', 'die', 'das', 'den', 'dem', 'the', 'a', 'an', 'my', 'your'];

const word = (text: string): Token => ({ text, key: foldWord(text) });

/** German: "ihr morgen aufmacht" → ["macht", "ihr", "morgen", "auf"] (verb first, prefix last). */
function germanVerbFirst(body: Token[]): Token[][] {
  if (body.length < 2) return [];
  const verb = body[body.length - 1]!;
  const middle = body.slice(0, -1);
  const out: Token[][] = [[verb, ...middle]];
  for (const prefix of DE_SEPARABLE) {
    if (verb.key.startsWith(prefix) && verb.key.length - prefix.length >= 3) {
      out.push([word(verb.key.slice(prefix.length)), ...middle, word(prefix)]);
    }
  }
  return out;
}

function german(rest: Token[]): Token[][] {
  const lead = rest[0]?.key;
  // "…, meine letzte Bestellung zu wiederholen" → "meine letzte bestellung wiederholen"
  if (rest.length > 2 && rest[rest.length - 2]!.key === 'zu') return [[...rest.slice(0, -2), rest[rest.length - 1]!]];
  if (lead === 'ob' || lead === 'dass') return germanVerbFirst(rest.slice(1));
  if (!lead || !DE_QUESTION_HEADS.includes(lead)) return [];
  const out: Token[][] = [];
  // The question phrase may be longer than one word: "wie viel", "wie lange", "bis wann".
  for (let head = 1; head <= Math.min(3, rest.length - 2); head++) {
    const body = germanVerbFirst(rest.slice(head));
    for (const v of body) out.push([...rest.slice(0, head), ...v]);
    // "wann ihr am samstag geöffnet habt" → also "habt ihr am samstag geöffnet": a yes/no sample
    // of the same intent is a better reading than none.
    out.push(...body);
  }
  return out;
}

/** English: "you have oat milk" → "do you have oat milk"; "my order has shipped" → "has my order shipped". */
function englishInverted(body: Token[]): Token[][] {
  const out: Token[][] = [];
  for (let i = 1; i < Math.min(body.length, 4); i++) {
    if (EN_AUX.includes(body[i]!.key)) out.push([body[i]!, ...body.slice(0, i), ...body.slice(i + 1)]);
  }
  const last = body[body.length - 1];
  if (last && EN_AUX.includes(last.key) && body.length > 1) out.push([last, ...body.slice(0, -1)]);
  out.push([word('do'), ...body]);
  return out;
}

function english(rest: Token[]): Token[][] {
  const lead = rest[0]?.key;
  if (lead === 'if' || lead === 'whether') return englishInverted(rest.slice(1));
  if (!lead || !EN_QUESTION_HEADS.includes(lead)) return [];
  const out: Token[][] = [];
  for (let head = 1; head <= Math.min(2, rest.length - 1); head++) {
    const body = englishInverted(rest.slice(head));
    for (const v of body) out.push([...rest.slice(0, head), ...v]);
    out.push(...body);
  }
  return out;
}

/**
 * The readings of a one-shot request to try, in order: as said, then as a main clause, then
 * without a leading article ("frag <name> nach den Öffnungszeiten" → "öffnungszeiten").
 *
 * @example questionOrders(tokenize('ob ihr hafermilch habt'), 'de')[1] // habt ihr hafermilch
 */
export function questionOrders(rest: Token[], language: Language): Token[][] {
  const out: Token[][] = [rest];
  out.push(...(language === 'de' ? german(rest) : english(rest)));
  if (rest.length > 1 && ARTICLES.includes(rest[0]!.key)) out.push(rest.slice(1));
  return out;
}
