import type { Platform } from '../domain/turn.js';
import type { Language } from '../catalog/commerce.js';
import { foldPhrase, tokenize } from './normalize-text.js';

/**
 * One platform's interaction model for one locale, read from the files merchants upload
 * (load-alexa-model.ts, load-dialogflow-agent.ts) and compiled for matching.
 */
export interface NluModel {
  platform: Platform;
  /** Alexa locale ("de-DE") or Dialogflow language ("de"). */
  locale: string;
  language: Language;
  /** Alexa's invocation name; for Dialogflow, the Alexa one of the same language if known. */
  invocationName?: string;
  intents: NluIntent[];
  /** Custom slot types (Alexa) or developer entities (Dialogflow) by name. */
  types: Map<string, SlotTypeIndex>;
  patterns: SamplePattern[];
  /** What "not understood" is: AMAZON.FallbackIntent, or the agent's fallback intent. */
  fallbackIntent: string;
  /** Dialogflow's welcome intent (answers the launch); Alexa uses a LaunchRequest instead. */
  welcomeIntent?: string;
  /** Alexa dialog model: required slots, confirmations and their prompts (for delegation). */
  dialog: Map<string, DialogRules>;
  prompts: Map<string, string[]>;
}

export interface NluIntent {
  name: string;
  /** Slot name → slot type (Alexa type, or the Dialogflow `dataType` such as `@sys.number`). */
  slots: Record<string, string>;
  /** Dialogflow input contexts: the intent only matches while all of them are active. */
  inputContexts: string[];
  /** Dialogflow intent id (the resource name's last segment). */
  id?: string;
}

export interface DialogRules {
  /** `ALWAYS`: Alexa runs the dialog without asking the skill (auto delegation). */
  delegation: 'ALWAYS' | 'SKILL_RESPONSE';
  confirmationPrompt?: string;
  slots: Array<{ name: string; elicitationPrompt?: string; confirmationPrompt?: string; required: boolean }>;
}

export type PatternPart = { kind: 'word'; key: string } | { kind: 'slot'; slot: string };

/** One sample (training phrase) compiled into words and slot holes. */
export interface SamplePattern {
  intent: string;
  text: string;
  parts: PatternPart[];
  /** The literal words (keys), for a quick "can this match at all" check. */
  words: string[];
  slotCount: number;
  /** Position in the model, for a stable order among equals. */
  order: number;
  /** From the simulator's list of Alexa built-in phrases, not from the model file. */
  builtIn: boolean;
}

/** One value of a custom type: its canonical name and id. */
export interface SlotTypeValue {
  id?: string;
  name: string;
}

export interface SlotTypeIndex {
  name: string;
  /** Alexa custom types are always open; Dialogflow entities only with automated expansion. */
  open: boolean;
  /** Folded value or synonym → the values it names (more than one when a synonym is shared). */
  byKey: Map<string, SlotTypeValue[]>;
}

/**
 * Compiles "wann hat {store} am {day} offen" into parts. Words are folded like utterances;
 * a `{slot}` anywhere, also next to another one, is a hole.
 *
 * @example compileSample('ProductLookupIntent', 'habt ihr {product}', 0).parts
 */
export function compileSample(intent: string, text: string, order: number, builtIn = false): SamplePattern {
  const parts: PatternPart[] = [];
  for (const piece of text.split(/(\{[^{}]+\})/)) {
    const slot = /^\{([^{}|]+)\}$/.exec(piece.trim())?.[1];
    if (slot) {
      parts.push({ kind: 'slot', slot: slot.trim() });
      continue;
    }
    for (const token of tokenize(piece)) parts.push({ kind: 'word', key: token.key });
  }
  const words = parts.flatMap((p) => (p.kind === 'word' ? [p.key] : []));
  return { intent, text, parts, words, slotCount: parts.length - words.length, order, builtIn };
}

/**
 * Indexes a type's values and synonyms by their folded form (normalize-text.ts), so "muesli",
 * "Müsli" and "müsli" find the same value.
 */
export function indexSlotType(name: string, open: boolean, values: Array<{ id?: string; name: string; synonyms: string[] }>): SlotTypeIndex {
  const byKey = new Map<string, SlotTypeValue[]>();
  for (const v of values) {
    const value: SlotTypeValue = v.id === undefined ? { name: v.name } : { id: v.id, name: v.name };
    for (const said of [v.name, ...v.synonyms]) {
      const key = foldPhrase(said);
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      if (!list.some((x) => x.id === value.id && x.name === value.name)) list.push(value);
      byKey.set(key, list);
    }
  }
  return { name, open, byKey };
}
