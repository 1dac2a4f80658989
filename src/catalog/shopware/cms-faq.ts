import type { Schemas } from '@shopware/api-client/store-api-types';
import type { Language } from '../commerce.js';

/** Reads one CMS page in one language (`POST /cms/{id}` with `sw-language-id`). */
export type ReadCmsPage = (pageId: string, language: Language) => Promise<Schemas['CmsPage']>;

export interface CmsFaqOptions {
  /** FAQ topic id → CMS page id (`SHOPVOICE_SHOPWARE_FAQ_PAGES`). */
  pages: Record<string, string>;
  readPage: ReadCmsPage;
  /** The shop file's answer: what is said when the page has no text or the shop does not answer. */
  fallback: (topicId: string, language: Language) => Promise<string | undefined>;
  /** How long a page's text is kept (default 5 minutes), on `now` (ms). */
  ttlMs?: number;
  now: () => number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', euro: '€', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß' };

/**
 * The spoken text of a text slot's HTML: headings left out (the question is the topic, already
 * asked), tags removed, entities decoded, blocks separated by a space.
 */
export function speakableText(html: string): string {
  return html
    .replace(/<(h[1-6]|script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li)>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x?[0-9a-f]+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every text slot of a page in reading order (sections, blocks, slots by position). */
export function pageText(page: Schemas['CmsPage']): string {
  const byPosition = <T extends { position?: number }>(items: T[] | undefined) => [...(items ?? [])].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const parts: string[] = [];
  for (const section of byPosition(page.sections)) {
    for (const block of byPosition(section.blocks)) {
      for (const slot of block.slots ?? []) {
        if (slot.type !== 'text') continue;
        const translated = (slot.translated as { config?: { content?: { value?: unknown } } } | undefined)?.config?.content?.value;
        const config = (slot.config as { content?: { value?: unknown } } | undefined)?.content?.value;
        const data = (slot.data as { content?: unknown } | undefined)?.content;
        const html = [data, translated, config].find((v): v is string => typeof v === 'string' && v.trim() !== '');
        if (html) parts.push(speakableText(html));
      }
    }
  }
  return parts.filter(Boolean).join(' ');
}

/**
 * FAQ answers from the shop's CMS pages (Shopware keeps shop questions on "Versand und Zahlung",
 * "Widerruf", … pages), per topic and language, kept for a few minutes; a topic without a page, a
 * page without text, or a shop that does not answer gets the shop file's answer.
 *
 * @example const answer = cmsFaqAnswers({ pages: { shipping_costs: 'ab12…' }, readPage, fallback, now: performance.now });
 */
export function cmsFaqAnswers(options: CmsFaqOptions): (topicId: string, language: Language) => Promise<string | undefined> {
  const ttlMs = options.ttlMs ?? 300_000;
  const cache = new Map<string, { text: string; at: number }>();
  return async (topicId, language) => {
    const pageId = Object.hasOwn(options.pages, topicId) ? options.pages[topicId] : undefined;
    if (!pageId) return options.fallback(topicId, language);
    const key = `${pageId}:${language}`;
    const kept = cache.get(key);
    if (kept && options.now() - kept.at < ttlMs) return kept.text || options.fallback(topicId, language);
    try {
      const text = pageText(await options.readPage(pageId, language));
      cache.set(key, { text, at: options.now() });
      return text || options.fallback(topicId, language);
    } catch {
      return kept?.text || options.fallback(topicId, language);
    }
  };
}
