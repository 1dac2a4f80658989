import type { DateTime } from 'luxon';
import { parseDate } from './date-words.js';
import type { NluModel, SlotTypeValue } from './nlu-model.js';
import { spanText, type Token } from './normalize-text.js';
import { parseNumber } from '../text/number-words.js';
import { parseTime } from './time-words.js';

/** The built-in kinds both platforms share, by type name (Alexa) or `dataType` (Dialogflow). */
export type BuiltInKind = 'number' | 'date' | 'time';

const BUILT_IN_KINDS: Record<string, BuiltInKind> = {
  'AMAZON.NUMBER': 'number',
  'AMAZON.FOUR_DIGIT_NUMBER': 'number',
  'AMAZON.DATE': 'date',
  'AMAZON.TIME': 'time',
  '@sys.number': 'number',
  '@sys.number-integer': 'number',
  '@sys.cardinal': 'number',
  '@sys.date': 'date',
  '@sys.time': 'time',
};

/** The built-in kind of a slot type, if it is one the simulator resolves. */
export function builtInKind(type: string): BuiltInKind | undefined {
  return BUILT_IN_KINDS[type];
}

export type ResolutionStatus = 'ER_SUCCESS_MATCH' | 'ER_SUCCESS_NO_MATCH';

/** A slot as recognised: what was said and what it resolved to. */
export interface ResolvedSlot {
  /** The words said, normalised (normalize-text.ts). */
  spoken: string;
  /** Alexa's slot value: digits, an ISO date or time for built-ins; the spoken form otherwise. */
  value: string;
  kind?: BuiltInKind;
  /** Custom types only: entity resolution against the type's values and synonyms. */
  resolution?: { status: ResolutionStatus; values: SlotTypeValue[] };
  /** Counts as a typed slot for the ranking: a built-in that parsed, or a custom value that matched. */
  typed: boolean;
}

const ARTICLES = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'the', 'a', 'an']);

/** Longest span a slot may take; keeps backtracking over open types bounded. */
export const MAX_SLOT_WORDS = 12;

/**
 * Resolves tokens `from`…`to` as a value of `type`, or says they cannot be one. Built-in numbers,
 * dates and times must parse; Alexa custom types are open (an unlisted value is captured with
 * `ER_SUCCESS_NO_MATCH`); a Dialogflow entity without automated expansion takes only its entries.
 *
 * @example resolveSlot(model, 'AMAZON.NUMBER', tokens, 0, 1, now)?.value // '2' for "zwei"
 */
export function resolveSlot(model: NluModel, type: string, tokens: readonly Token[], from: number, to: number, clock: DateTime): ResolvedSlot | undefined {
  const spoken = spanText(tokens, from, to);
  const kind = builtInKind(type);
  if (kind) {
    const words: string[] = [];
    for (let i = from; i < to; i++) words.push(tokens[i]!.key);
    const value =
      kind === 'number' ? parseNumber(words, model.language)
      : kind === 'date' ? parseDate(words, model.language, clock)
      : parseTime(words, model.language);
    return value === undefined ? undefined : { spoken, value, kind, typed: true };
  }
  const index = model.types.get(type);
  if (!index) {
    // A built-in type the simulator does not interpret (AMAZON.City, @sys.any…): the words as said.
    return { spoken, value: spoken, typed: false };
  }
  let key = '';
  for (let i = from; i < to; i++) key += (i > from ? ' ' : '') + tokens[i]!.key;
  // A leading article does not keep a value from resolving ("the munich store" → "munich store");
  // the spoken value keeps it.
  const values = index.byKey.get(key) ?? (to - from > 1 && ARTICLES.has(tokens[from]!.key) ? index.byKey.get(key.slice(key.indexOf(' ') + 1)) : undefined);
  if (values) return { spoken, value: spoken, resolution: { status: 'ER_SUCCESS_MATCH', values }, typed: true };
  if (!index.open) return undefined;
  return { spoken, value: spoken, resolution: { status: 'ER_SUCCESS_NO_MATCH', values: [] }, typed: false };
}
