import { SHARED_INTENTS, SHARED_INTENT_NAMES, type IntentSpec } from '../domain/intents.js';
import type { Language } from '../catalog/commerce.js';
import { ALEXA_LIMITS } from './platform-limits.js';

/**
 * The spoken-text rules of platform-rules.md ("Interaction models"), as small pure checks
 * shared by the source and the generated-file validators.
 */

const LAUNCH_WORDS: Record<Language, string[]> = {
  en: ['open', 'launch', 'start', 'begin', 'ask', 'tell', 'load', 'run', 'resume', 'play', 'use', 'enable'],
  de: ['öffne', 'öffnen', 'starte', 'starten', 'frage', 'sage', 'spiele', 'beginne', 'lade', 'aktiviere', 'benutze', 'verwende'],
};
const FORBIDDEN_WORDS = ['alexa', 'amazon', 'echo', 'computer', 'skill', 'app'];

/** Built-in slot types the models may use (Alexa names; Dialogflow maps them to system entities). */
export const BUILT_IN_SLOT_TYPES = new Set(['AMAZON.NUMBER', 'AMAZON.DATE', 'AMAZON.TIME', 'AMAZON.DURATION', 'AMAZON.FOUR_DIGIT_NUMBER']);

/**
 * Built-ins every model must have: the built-in intents of src/domain/intents.ts (Help, Stop,
 * Cancel, Fallback and NavigateHome by platform-rules.md; Yes/No because the backend uses them).
 */
export const REQUIRED_BUILT_INS: readonly string[] = SHARED_INTENT_NAMES.filter((name) => (SHARED_INTENTS[name] as IntentSpec).builtIn === true);

/** What is wrong with an invocation name, one message per broken rule; empty when it is fine. */
export function invocationNameProblems(name: string, language: Language): string[] {
  const problems: string[] = [];
  if (!name.trim()) return ['the invocation name is empty'];
  if (/\d/.test(name)) problems.push('spell numbers out in the invocation name (no digits)');
  if (name !== name.toLowerCase()) problems.push('the invocation name must be lower case');
  if (!/^[\p{Ll}' ]+$/u.test(name.replace(/\d/g, ''))) problems.push('the invocation name may hold only letters, spaces and apostrophes');
  const words = name.toLowerCase().split(/\s+/).filter(Boolean);
  const forbidden = words.filter((w) => FORBIDDEN_WORDS.includes(w));
  if (forbidden.length > 0) problems.push(`the invocation name must not contain "${forbidden.join('", "')}"`);
  const launch = words.filter((w) => LAUNCH_WORDS[language].includes(w));
  if (launch.length > 0) problems.push(`the invocation name must not contain the launch word "${launch.join('", "')}"`);
  if (name.length > ALEXA_LIMITS.invocationNameChars.value) {
    problems.push(`the invocation name is longer than ${ALEXA_LIMITS.invocationNameChars.value} characters`);
  }
  return problems;
}

/** The `{slot}` names a sample uses, in order. */
export function placeholders(sample: string): string[] {
  return [...sample.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
}

/** Collapses runs of whitespace, the way the platforms compare samples; what the built files hold. */
export function cleanSample(sample: string): string {
  return sample.replace(/\s+/g, ' ').trim();
}

/** The form two samples are compared in: {@link cleanSample}, NFC, lower case. */
export function sampleKey(sample: string): string {
  return cleanSample(sample.normalize('NFC').toLowerCase());
}

/** Character rules for one sample; each message names what to change. */
export function sampleTextProblems(sample: string): Array<{ rule: string; message: string }> {
  const out: Array<{ rule: string; message: string }> = [];
  const text = sample.replace(/\{[A-Za-z_][A-Za-z0-9_]*\}/g, ' ');
  if (/\d/.test(text)) out.push({ rule: 'digits-in-sample', message: 'spell numbers out in samples ("zwölf", "twelve"), digits are not allowed' });
  const bad = [...new Set(text.replace(/\d/g, '').match(/[^\p{L}\p{M}' .-]/gu) ?? [])];
  if (bad.length > 0) {
    out.push({ rule: 'invalid-characters', message: `samples may hold only letters, spaces, apostrophes, periods, hyphens and {slot}; found ${bad.map((c) => JSON.stringify(c)).join(' ')}` });
  }
  if (!sample.trim()) out.push({ rule: 'empty-sample', message: 'the sample is empty' });
  return out;
}
