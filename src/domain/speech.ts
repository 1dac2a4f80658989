import type { TFunction } from 'i18next';
import { remember } from '../remember.js';
import { foldLetters } from '../text/fold-letters.js';
import type { Locale, Speech } from './turn.js';

/** A value for a speech template: plain text (escaped for SSML) or a prepared fragment. */
export type SpeechParam = string | number | Speech;

const SSML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for SSML exactly once (ask-sdk-core's `speak()` escapes nothing; its helper
 * double-escapes `&apos;` — platform-rules.md, "Alexa: responses").
 */
export function escapeSsml(text: string): string {
  return text.replace(SSML_SPECIAL, (c) => SSML_ESCAPES[c] ?? '');
}

/**
 * The five markup characters, and what XML 1.0 does not allow at all (its `Char` production):
 * C0 controls but tab and line breaks, lone surrogate halves, U+FFFE and U+FFFF. One of those in
 * a slot value made the whole response ill-formed SSML; they are dropped.
 */
const SSML_SPECIAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu;

/** The five markup characters only: for the locale files' own texts, whose templates carry NUL markers. */
function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => SSML_ESCAPES[c]!);
}

/** Removes control characters and caps length: slot text is customer input. */
export function cleanSpokenText(text: string | undefined, max = 200): string {
  if (!text) return '';
  const cleaned = text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFDD0-\uFDEF\uFFFE\uFFFF]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // By code points, so a cut never leaves half of a surrogate pair behind.
  const points = Array.from(cleaned);
  return points.length > max ? points.slice(0, max).join('').trimEnd() : cleaned;
}

/**
 * Text folded for comparing what was said with names (stores, FAQ topics, answers to a
 * question): the letters by the one policy of text/fold-letters.ts (lower case, ß → ss, umlauts
 * to the bare vowel, other accents dropped), punctuation to single spaces. Written transliterations
 * ("Koeln") stay as written: the domain's word lists are spelt letter by letter ("does", "teuerste").
 *
 * @example foldSpoken('Filiale Köln!') // 'filiale koln'
 */
export function foldSpoken(text: string): string {
  return foldLetters(text, { transliterations: false }).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const SSML_UNESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * Speech back from the SSML this module made (the last answer kept for "wie bitte"): the text
 * is the SSML without its tags, unescaped, which is exactly what `text` was.
 */
export function fromSsml(ssml: string): Speech {
  return { text: ssml.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => SSML_UNESCAPES[e]!), ssml };
}

/** The text with its first letter in upper case (a fragment that starts a sentence). */
export function capitalized(speech: Speech): Speech {
  const up = (s: string) => s.replace(/^(\P{L}*)(\p{Ll})/u, (_, lead: string, c: string) => lead + c.toUpperCase());
  return { text: up(speech.text), ssml: speech.ssml.startsWith('<') ? speech.ssml : up(speech.ssml) };
}

export function plain(text: string): Speech {
  return { text, ssml: escapeSsml(text) };
}

/** Text in another language inside the turn's speech (an English product name in German). */
export function foreign(text: string, lang: 'en-US' | 'de-DE'): Speech {
  return { text, ssml: `<lang xml:lang="${lang}">${escapeSsml(text)}</lang>` };
}

/** A telephone number spoken digit group by digit group. */
export function telephone(number: string): Speech {
  return { text: number, ssml: `<say-as interpret-as="telephone">${escapeSsml(number)}</say-as>` };
}

const MARK = '\u0000';
const MARKER = /\u0000(\d+)\u0000/;

/**
 * A locale text rendered with numbered markers where its parameters go, plain and SSML-escaped,
 * kept split at the markers: `text[0] + param[slots[0]] + text[1] + …`.
 */
interface Template {
  text: string[];
  ssml: string[];
  /** Which parameter goes after each literal piece but the last. */
  slots: number[];
}

/** Splits a rendered text at its markers (`split` with a capture group keeps the numbers). */
function pieces(rendered: string): { literal: string[]; slots: number[] } {
  const parts = rendered.split(MARKER);
  const literal: string[] = [];
  const slots: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) literal.push(parts[i]!);
    else slots.push(Number(parts[i]));
  }
  return { literal, slots };
}

/**
 * Rendered templates per translator. A template depends on the key, the parameter names (each
 * becomes a numbered marker) and the count, never on the values, so i18next — which copies its
 * whole option set on every call — runs once per key and locale instead of on every turn. Keys
 * and names come from the code, so each map stays as small as the locale files. With a count
 * the plural form and `{{count}}` depend on the value: those are rendered every time.
 */
/** Counts below this are kept with their rendered template (hours' minutes, item counts, singular/plural). */
const MAX_CACHED_COUNT = 100;

const templates = new WeakMap<TFunction, Map<string, Array<Template & { names: string[] }>>>();

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function templateFor(t: TFunction, key: string, names: string[], count: number | undefined): Template {
  const render = (): Template => {
    const options: Record<string, unknown> = {};
    names.forEach((name, i) => (options[name] = `${MARK}${i}${MARK}`));
    if (count !== undefined) options.count = count;
    const text = String(t(key, options));
    const plainText = pieces(text);
    return { text: plainText.literal, ssml: pieces(escapeMarkup(text)).literal, slots: plainText.slots };
  };
  // A count picks the plural form and fills {{count}}: a small whole count is kept with its value
  // (a plural key rendered through i18next on every turn was a fifth of an /alexa request in the
  // profile, bench/NOTES.md), any other count is rendered each time.
  if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count < MAX_CACHED_COUNT)) return render();
  let cache = templates.get(t);
  if (!cache) templates.set(t, (cache = new Map()));
  // By key, then by parameter names (nearly always one set per key): no id string built per call
  // without a count.
  const id = count === undefined ? key : `${key}\u0000${count}`;
  let variants = cache.get(id);
  if (!variants) cache.set(id, (variants = []));
  for (const variant of variants) if (sameNames(variant.names, names)) return variant;
  const template = { ...render(), names };
  variants.push(template);
  return template;
}

/**
 * Renders a locale text with parameters into both forms. The template itself is escaped for
 * SSML too (a "&" in a text must not break the markup); parameters that are Speech fragments
 * keep their markup.
 */
export function say(t: TFunction, key: string, params: Record<string, SpeechParam> = {}, count?: number): Speech {
  const names = Object.keys(params);
  const template = templateFor(t, key, names, count);
  let text = template.text[0]!;
  let ssml = template.ssml[0]!;
  for (let i = 0; i < template.slots.length; i++) {
    const value = params[names[template.slots[i]!]!]!;
    const token = typeof value === 'object' ? value : plain(String(value));
    text += token.text + template.text[i + 1]!;
    ssml += token.ssml + template.ssml[i + 1]!;
  }
  return { text, ssml };
}

/** Joins speech parts with a space. */
export function join(...parts: Array<Speech | undefined>): Speech {
  let text = '';
  let ssml = '';
  let first = true;
  for (const part of parts) {
    if (part === undefined || part.text === '') continue;
    text = first ? part.text : `${text} ${part.text}`;
    ssml = first ? part.ssml : `${ssml} ${part.ssml}`;
    first = false;
  }
  return { text, ssml };
}

/** Building an `Intl.ListFormat` costs more than formatting with it; one per locale and type. */
const listFormats = new Map<string, Intl.ListFormat>();

/** A list's shape: an item's index, or a literal between items as text and as SSML. */
type ListPart = number | { text: string; ssml: string };

/**
 * The shape of a list per locale, type and number of items: the items are placeholders when it
 * is formatted, so the literals around them depend on nothing else.
 */
const listShapes = new Map<string, readonly ListPart[]>();

/** List shapes kept at most (the key's count comes from the data). */
const LIST_SHAPES_MAX = 1_000;

function listShape(locale: Locale, type: 'conjunction' | 'disjunction', count: number): readonly ListPart[] {
  const key = `${locale} ${type} ${count}`;
  const known = listShapes.get(key);
  if (known) return known;
  let format = listFormats.get(`${locale} ${type}`);
  if (!format) listFormats.set(`${locale} ${type}`, (format = new Intl.ListFormat(locale, { style: 'long', type })));
  const placeholders = Array.from({ length: count }, (_, i) => `${MARK}${i}${MARK}`);
  const shape = format.formatToParts(placeholders).map((part): ListPart =>
    part.type === 'element' ? Number(part.value.replaceAll(MARK, '')) : { text: part.value, ssml: escapeSsml(part.value) });
  return remember(listShapes, key, shape, LIST_SHAPES_MAX);
}

/** A list of speech fragments joined as the locale does ("A, B und C"). */
export function list(items: Speech[], locale: Locale, type: 'conjunction' | 'disjunction' = 'conjunction'): Speech {
  let text = '';
  let ssml = '';
  for (const part of listShape(locale, type, items.length)) {
    const item = typeof part === 'number' ? items[part]! : part;
    text += item.text;
    ssml += item.ssml;
  }
  return { text, ssml };
}
