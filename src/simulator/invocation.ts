import type { Language } from '../catalog/commerce.js';
import { foldPhrase, foldWords, type Token } from './normalize-text.js';

/**
 * How an utterance addresses the skill:
 * - `launch`: "öffne <name>", "open <name>", "ask <name>" with nothing after it;
 * - `one-shot`: "frag <name> ob …", "ask <name> to …": the rest is matched as an intent;
 * - `none`: no invocation phrase at the start — spoken inside the open session.
 * Only the model's own invocation name counts, and only at the start (or as "… using <name>"
 * at the end), so "are you open" or "wo ist meine Bestellung" never launch anything.
 */
export type Invocation =
  | { kind: 'launch' }
  | { kind: 'one-shot'; rest: Token[]; connector?: string }
  | { kind: 'none'; rest: Token[] };

interface Phrases {
  wake: string[];
  launch: string[];
  /** Verbs after which a request follows the name. */
  ask: string[];
  /** Two-word launches: "sprich mit <name>", "talk to <name>". */
  talkTo: string[][];
  /** Words between the name and the request that carry no meaning for the intent. */
  connectors: string[];
  /** Words between the name and a subordinate clause whose word order changes (question-order.ts). */
  clauseStarters: string[];
  /** "… using <name>" at the end. */
  suffix: string[];
  and: string;
}

const PHRASES: Record<Language, Phrases> = {
  de: {
    wake: ['alexa', 'ok google', 'hey google'],
    launch: foldWords(['öffne', 'öffnen', 'starte', 'starten', 'start', 'lade', 'spiele']),
    ask: ['frag', 'frage', 'sag', 'sage', 'bitte', 'bitt'],
    talkTo: [['sprich', 'mit'], ['rede', 'mit'], ['sprechen', 'mit']],
    connectors: ['nach', 'zu', 'wegen', 'dass', 'und'],
    clauseStarters: ['ob', 'wann', 'wo', 'was', 'wie', 'wer', 'welche', 'welcher', 'welches', 'welchen', 'warum', 'wieso', 'weshalb', 'woher', 'wohin', 'bis'],
    suffix: ['mit', 'bei', 'von'],
    and: 'und',
  },
  en: {
    wake: ['alexa', 'ok google', 'hey google'],
    launch: ['open', 'start', 'launch', 'begin', 'load', 'use', 'play'],
    ask: ['ask', 'tell'],
    talkTo: [['talk', 'to'], ['speak', 'to'], ['talk', 'with']],
    connectors: ['to', 'for', 'about', 'that', 'and'],
    clauseStarters: ['if', 'whether', 'when', 'where', 'what', 'what\'s', 'how', 'who', 'which', 'why'],
    suffix: ['using', 'with', 'from', 'on'],
    and: 'and',
  },
};

function startsWith(tokens: readonly Token[], at: number, keys: readonly string[]): boolean {
  if (at + keys.length > tokens.length) return false;
  return keys.every((k, i) => tokens[at + i]!.key === k);
}

/**
 * Reads the invocation phrase, if any, off the start of the tokens.
 *
 * @example parseInvocation(tokenize('frag mein einkaufshelfer ob ihr hafermilch habt'), 'mein einkaufshelfer', 'de')
 * // { kind: 'one-shot', rest: [ob, ihr, hafermilch, habt], connector: 'ob' }
 */
export function parseInvocation(tokens: readonly Token[], invocationName: string | undefined, language: Language): Invocation {
  const p = PHRASES[language];
  let at = 0;
  for (const wake of p.wake) {
    const keys = wake.split(' ');
    if (startsWith(tokens, 0, keys)) at = keys.length;
  }
  const name = invocationName ? foldPhrase(invocationName).split(' ') : [];
  if (name.length === 0) return { kind: 'none', rest: tokens.slice(at) };

  const first = tokens[at]?.key;
  const talk = p.talkTo.find((t) => startsWith(tokens, at, t));
  const verbLength = talk ? talk.length : first && (p.launch.includes(first) || p.ask.includes(first)) ? 1 : 0;
  if (verbLength > 0 && startsWith(tokens, at + verbLength, name)) {
    let rest = tokens.slice(at + verbLength + name.length);
    if (rest[0]?.key === p.and) rest = rest.slice(1);
    if (rest.length === 0) return { kind: 'launch' };
    const lead = rest[0]!.key;
    if (p.clauseStarters.includes(lead)) return { kind: 'one-shot', rest, connector: lead };
    if (p.connectors.includes(lead) && rest.length > 1) return { kind: 'one-shot', rest: rest.slice(1), connector: lead };
    return { kind: 'one-shot', rest };
  }
  // "wann habt ihr offen bei mein einkaufshelfer", "track my order using my shop helper"
  const tail = tokens.length - name.length;
  if (tail - 1 > at && startsWith(tokens, tail, name) && p.suffix.includes(tokens[tail - 1]!.key)) {
    return { kind: 'one-shot', rest: tokens.slice(at, tail - 1) };
  }
  return { kind: 'none', rest: tokens.slice(at) };
}
