import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The evaluation corpus folder (test/fixtures/nlu). */
export const CORPUS_DIR = fileURLToPath(new URL('../../test/fixtures/nlu/', import.meta.url));

/** The reference instant the corpus's dates are labelled against (a Tuesday). */
export const CORPUS_CLOCK = '2026-11-24T10:00:00+01:00';

/** Short labels of the corpus files → intent names. */
export const INTENTS: Readonly<Record<string, string>> = {
  Product: 'ProductLookupIntent',
  Order: 'OrderStatusIntent',
  Reorder: 'ReorderIntent',
  Hours: 'StoreHoursIntent',
  Faq: 'ShopFaqIntent',
  Handoff: 'HumanHandoffIntent',
  Help: 'AMAZON.HelpIntent',
  Stop: 'AMAZON.StopIntent',
  Cancel: 'AMAZON.CancelIntent',
  Repeat: 'AMAZON.RepeatIntent',
  Yes: 'AMAZON.YesIntent',
  No: 'AMAZON.NoIntent',
  Home: 'AMAZON.NavigateHomeIntent',
  Fallback: 'AMAZON.FallbackIntent',
  // After the sale (issue 17).
  Privacy: 'PrivacyInfoIntent',
  DeleteData: 'DeleteMyDataIntent',
  StopNotify: 'StopNotificationsIntent',
  Feedback: 'FeedbackScoreIntent',
  // Cart and checkout by voice (issue 17).
  AddToCart: 'AddToCartIntent',
  Cart: 'CartContentsIntent',
  RemoveFromCart: 'RemoveFromCartIntent',
  Checkout: 'CheckoutIntent',
  PurchaseCode: 'PurchaseCodeIntent',
};

/** One labelled sentence: what was said, the intent meant, and the slot values (see de.txt). */
export interface LabelledSentence {
  text: string;
  intent: string;
  slots: Record<string, string>;
  /** `file:line`, for messages. */
  at: string;
}

/**
 * Reads a corpus file: `Intent: sentence | slot=value; slot=value`, `#` comments.
 *
 * @example (await readCorpus('de.txt'))[0] // { text: 'ich hätte gern die bio bananen', intent: 'ProductLookupIntent', … }
 */
export async function readCorpus(name: string): Promise<LabelledSentence[]> {
  const lines = (await readFile(new URL(name, `file://${CORPUS_DIR}`), 'utf8')).split('\n');
  const out: LabelledSentence[] = [];
  lines.forEach((line, i) => {
    const at = `${name}:${i + 1}`;
    if (!line.trim() || line.startsWith('#')) return;
    const m = /^(\w+):\s*([^|]+?)\s*(?:\|\s*(.*))?$/.exec(line);
    const intent = m ? INTENTS[m[1]!] : undefined;
    if (!m || !intent) throw new Error(`${at}: expected "Intent: sentence | slot=value", got ${JSON.stringify(line)}`);
    const slots: Record<string, string> = {};
    for (const pair of (m[3] ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
      const [slot, value] = pair.split('=').map((p) => p.trim());
      if (!slot || !value) throw new Error(`${at}: slot label "${pair}" is not slot=value`);
      slots[slot] = value;
    }
    out.push({ text: m[2]!, intent, slots, at });
  });
  return out;
}

/** The labelled corpus and the no-product sentences of a language. */
export async function corpusOf(language: 'de' | 'en'): Promise<{ labelled: LabelledSentence[]; noProduct: LabelledSentence[] }> {
  return { labelled: await readCorpus(`${language}.txt`), noProduct: await readCorpus(`${language}-no-product.txt`) };
}
