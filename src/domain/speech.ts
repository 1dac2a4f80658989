import type { TFunction } from 'i18next';
import type { Locale, Speech } from './turn.js';

/** A value for a speech template: plain text (escaped for SSML) or a prepared fragment. */
export type SpeechParam = string | number | Speech;

const SSML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes text for SSML exactly once (ask-sdk-core's `speak()` escapes nothing; its helper
 * double-escapes `&apos;` — platform-rules.md, "Alexa: responses").
 */
export function escapeSsml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => SSML_ESCAPES[c]!);
}

/** Removes control characters and caps length: slot text is customer input. */
export function cleanSpokenText(text: string | undefined, max = 200): string {
  if (!text) return '';
  return text
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
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

/**
 * Renders a locale text with parameters into both forms. The template itself is escaped for
 * SSML too (a "&" in a text must not break the markup); parameters that are Speech fragments
 * keep their markup.
 */
export function say(t: TFunction, key: string, params: Record<string, SpeechParam> = {}, count?: number): Speech {
  const tokens: Speech[] = [];
  const marked: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    const speech = typeof value === 'object' ? value : plain(String(value));
    marked[name] = `${MARK}${tokens.length}${MARK}`;
    tokens.push(speech);
  }
  const options: Record<string, unknown> = { ...marked };
  if (count !== undefined) options.count = count;
  const template = String(t(key, options));
  const pattern = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');
  const text = template.replace(pattern, (_, i: string) => tokens[Number(i)]!.text);
  const ssml = escapeSsml(template).replace(pattern, (_, i: string) => tokens[Number(i)]!.ssml);
  return { text, ssml };
}

/** Joins speech parts with a space. */
export function join(...parts: Array<Speech | undefined>): Speech {
  const present = parts.filter((p): p is Speech => p !== undefined && p.text !== '');
  return { text: present.map((p) => p.text).join(' '), ssml: present.map((p) => p.ssml).join(' ') };
}

/** A list of speech fragments joined as the locale does ("A, B und C"). */
export function list(items: Speech[], locale: Locale, type: 'conjunction' | 'disjunction' = 'conjunction'): Speech {
  const format = new Intl.ListFormat(locale, { style: 'long', type });
  const parts = format.formatToParts(items.map((_, i) => `${MARK}${i}${MARK}`));
  let text = '';
  let ssml = '';
  for (const part of parts) {
    if (part.type === 'element') {
      const item = items[Number(part.value.replaceAll(MARK, ''))]!;
      text += item.text;
      ssml += item.ssml;
    } else {
      text += part.value;
      ssml += escapeSsml(part.value);
    }
  }
  return { text, ssml };
}
