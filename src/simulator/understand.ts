import { parseInvocation } from './invocation.js';
import type { NluModel } from './nlu-model.js';
import { tokenize, type Token } from './normalize-text.js';
import { questionOrders } from './question-order.js';
import { recognize, type Recognition, type RecognizeOptions } from './recognize.js';

/** What one typed or scripted sentence means to a model. */
export type Understanding =
  | { kind: 'launch'; invocation: 'launch' }
  | {
      kind: 'intent';
      /** `one-shot`: the sentence named the skill; `none`: spoken inside the open session. */
      invocation: 'one-shot' | 'none';
      recognition: Recognition;
      /** The words the intent was matched on (without the invocation phrase). */
      heard: string;
    };

function better(a: Recognition, b: Recognition): boolean {
  if (a.fallback !== b.fallback) return !a.fallback;
  return a.words > b.words || (a.words === b.words && a.typed > b.typed);
}

const text = (tokens: readonly Token[]): string => tokens.map((t) => t.text).join(' ');

/**
 * Reads the invocation phrase (only at the start, only the model's name), then recognises the
 * rest. A one-shot request is also tried in main-clause order ("ob ihr hafermilch habt" → "habt
 * ihr hafermilch"); the reading that matches best wins, the sentence as said among equals.
 *
 * @example understand(model, 'frag mein einkaufshelfer ob ihr hafermilch habt', { clock }).recognition.intent
 * // 'ProductLookupIntent'
 */
export function understand(model: NluModel, utterance: string, options: RecognizeOptions): Understanding {
  const tokens = tokenize(utterance);
  const invocation = parseInvocation(tokens, model.invocationName, model.language);
  if (invocation.kind === 'launch') return { kind: 'launch', invocation: 'launch' };
  if (invocation.kind === 'none') {
    return { kind: 'intent', invocation: 'none', recognition: recognize(model, invocation.rest, options), heard: text(invocation.rest) };
  }
  let best: { recognition: Recognition; tokens: Token[] } | undefined;
  for (const reading of questionOrders(invocation.rest, model.language)) {
    const recognition = recognize(model, reading, options);
    if (!best || better(recognition, best.recognition)) best = { recognition, tokens: reading };
  }
  return { kind: 'intent', invocation: 'one-shot', recognition: best!.recognition, heard: text(invocation.rest) };
}
