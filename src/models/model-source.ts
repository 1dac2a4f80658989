import type { Locale } from '../domain/turn.js';
import type { Language } from '../catalog/commerce.js';

/**
 * The interaction-model source as people edit it: one YAML file per language in
 * `interaction-models/source/` (`de.yaml`, `en.yaml`). `models build` turns it into the Alexa
 * models and the Dialogflow agent; `models validate` checks it.
 */
export interface ModelSource {
  /** Folder the files were read from. */
  dir: string;
  languages: LanguageSource[];
}

/** Where a catalog-filled slot type takes its values from. */
export type CatalogList = 'products' | 'stores' | 'faqTopics';

export interface LanguageSource {
  /** The YAML file, for problem reports. */
  file: string;
  language: Language;
  /** Alexa locales built from this language (en → en-US, en-GB). */
  locales: Locale[];
  invocationName: string;
  intents: Record<string, IntentSource>;
  slotTypes: Record<string, SlotTypeSource>;
  /**
   * Dialogflow training phrases need a concrete value where Alexa samples say `{slot}`:
   * example values per built-in slot type (custom types take theirs from the values).
   */
  slotExamples: Record<string, string[]>;
  /** Alexa dialog prompts by id: `Confirm.Intent.<Intent>`, `Elicit.Slot.<Intent>.<slot>`. */
  prompts: Record<string, string[]>;
  /** Dialogflow's welcome intent (Alexa's LaunchRequest needs no samples). */
  welcome: string[];
  /**
   * Carrier phrases by list name ("frage": "sag mal", "kannst du mir sagen", …), used in samples
   * as `<frage>`; expand-sample.ts documents the grammar.
   */
  carriers: Record<string, string[]>;
  /** Store listing texts for the Alexa manifest template. */
  skill: SkillListing;
}

export interface IntentSource {
  /** Slot name → slot type, as in src/domain/intents.ts. */
  slots: Record<string, string>;
  /** Every sentence the intent's sample lines expand to (expand-sample.ts), deduplicated, in order. */
  samples: string[];
  /** The sample lines as written in the source, grammar and all. */
  lines: string[];
  /**
   * Alexa slot-filling samples: what people say when the skill asks for just this slot
   * (`Dialog.ElicitSlot`), e.g. `ich meine {product}`. Optional per slot.
   */
  slotSamples: Record<string, string[]>;
}

export interface SlotTypeSource {
  /** Filled from the shop at build time; `values` listed here are merged in by id. */
  fromCatalog?: CatalogList;
  values: SlotValueSource[];
  /** Dialogflow: let the agent extract values that are not listed (Alexa's types are always open). */
  automatedExpansion: boolean;
}

export interface SlotValueSource {
  id: string;
  /** Canonical spoken value; may be left out for a catalog value that only adds synonyms. */
  value?: string;
  /** `undefined` when the source left the key out (the Alexa file must always have the array). */
  synonyms?: string[];
}

export interface SkillListing {
  name: string;
  summary: string;
  description: string;
  /** `{invocationName}` is replaced by the invocation name. */
  examplePhrases: string[];
  keywords: string[];
}
