import { DIALOGFLOW_FALLBACK_INTENT, DIALOGFLOW_INTENT_NAMES, DIALOGFLOW_WELCOME_INTENT, dialogflowEntityFor } from './dialogflow-names.js';
import { isSharedIntent } from '../domain/intents.js';
import type { LanguageSource } from './model-source.js';
import { fittingDayExamples } from './day-words.js';
import { cleanSample } from './sample-rules.js';
import type { FilledSlotTypes, SlotValue } from './slot-values.js';
import { stableUuid } from './stable-json.js';

/** Where the agent template points until the merchant restores it with their own URL. */
export const WEBHOOK_PLACEHOLDER = 'https://your-shopvoice-host.example/google';

/** One language's source with its filled slot types. */
export interface DialogflowLanguage {
  source: LanguageSource;
  filled: FilledSlotTypes;
}

interface Part {
  text: string;
  alias?: string;
  meta?: string;
  userDefined: boolean;
}

const displayName = (intent: string): string => (isSharedIntent(intent) ? DIALOGFLOW_INTENT_NAMES[intent] : intent);

/**
 * Picks example values spread over the list, so training phrases name many products, not the
 * first few. A date takes an example that fits the words before it (day-words.ts): "am {day}"
 * gets "samstag", a bare "{day}" gets "heute".
 */
function exampleFor(lang: DialogflowLanguage, slotType: string, before: string, index: number, of: number): string {
  const custom = lang.filled.types[slotType];
  if (custom && custom.length > 0) return custom[Math.floor((index * custom.length) / Math.max(of, 1))]!.value;
  let examples = lang.source.slotExamples[slotType] ?? [];
  if (slotType === 'AMAZON.DATE') examples = fittingDayExamples(examples, before, lang.source.language);
  return examples.length > 0 ? examples[index % examples.length]! : slotType;
}

/** Splits "wann hat {store} offen" into text and annotated parts with example values. */
function parts(sample: string, slots: Record<string, string>, lang: DialogflowLanguage, index: number, of: number): Part[] {
  const out: Part[] = [];
  let before = '';
  for (const piece of cleanSample(sample).split(/(\{[^{}]+\})/)) {
    if (!piece) continue;
    const slot = /^\{([^{}]+)\}$/.exec(piece)?.[1];
    const type = slot ? slots[slot] : undefined;
    if (slot && type) {
      const text = exampleFor(lang, type, before, index, of);
      out.push({ text, alias: slot, meta: dialogflowEntityFor(type), userDefined: true });
      before += text;
    } else {
      out.push({ text: piece, userDefined: false });
      before += piece;
    }
  }
  return out;
}

/**
 * Intents whose answer always ends the conversation (the domain's `finish`): marked as the end of
 * the interaction so telephony and Messenger callers are let go too, not only Google surfaces
 * that read `expectUserResponse` (platform-rules.md). Yes and No end it only sometimes (after a
 * placed reorder, a declined question), so they are not marked; nor is the hand-off since it may
 * ask "Soll dich jemand zurückrufen?" (issue 17; on the phone gateway it transfers the call).
 */
export const ENDING_INTENTS: ReadonlySet<string> = new Set(['AMAZON.StopIntent', 'AMAZON.CancelIntent']);

function intentFile(name: string, slots: Record<string, string>): object {
  const isFallback = name === DIALOGFLOW_FALLBACK_INTENT;
  const isWelcome = name === DIALOGFLOW_WELCOME_INTENT;
  return {
    id: stableUuid(`intent:${name}`),
    name,
    auto: true,
    contexts: [],
    responses: [{
      resetContexts: false,
      action: isFallback ? 'input.unknown' : isWelcome ? 'input.welcome' : '',
      affectedContexts: [],
      parameters: Object.entries(slots).map(([slot, type]) => ({
        id: stableUuid(`parameter:${name}:${slot}`),
        required: false,
        dataType: dialogflowEntityFor(type),
        name: slot,
        value: `$${slot}`,
        promptMessages: [],
        noMatchPromptMessages: [],
        noInputPromptMessages: [],
        outputDialogContexts: [],
        isList: false,
      })),
      messages: [],
      defaultResponsePlatforms: {},
      speech: [],
    }],
    priority: 500000,
    webhookUsed: true,
    webhookForSlotFilling: false,
    fallbackIntent: isFallback,
    events: isWelcome ? [{ name: 'WELCOME' }] : [],
    conditionalResponses: [],
    condition: '',
    conditionalFollowupEvents: [],
    endInteraction: ENDING_INTENTS.has(name),
  };
}

function usersays(name: string, samples: string[], slots: Record<string, string>, lang: DialogflowLanguage): object[] {
  const language = lang.source.language;
  return samples.map((sample, i) => ({
    id: stableUuid(`usersays:${name}:${language}:${cleanSample(sample)}`),
    data: parts(sample, slots, lang, i, samples.length),
    isTemplate: false,
    count: 0,
    lang: language,
    updated: 0,
  }));
}

/**
 * Entity entries with the catalog id as reference value. Dialogflow resolves a phrase to a
 * single entry, so a synonym shared by several values (a product's variants) is left out here;
 * the phrase is still extracted (automated expansion) and the backend's matcher ranks it.
 */
function entityEntries(values: readonly SlotValue[]): object[] {
  const owners = new Map<string, number>();
  for (const v of values) for (const s of v.synonyms) owners.set(s, (owners.get(s) ?? 0) + 1);
  return values.map((v) => ({ value: v.id, synonyms: [v.value, ...v.synonyms.filter((s) => owners.get(s) === 1)] }));
}

/**
 * The Dialogflow ES agent in its export layout (paths relative to the agent folder → JSON
 * value). German is the default language, English the second; every intent calls the webhook.
 * Shared intents keep their Alexa names; Alexa's LaunchRequest becomes the welcome intent.
 *
 * @example Object.keys(buildDialogflowAgent([de, en])) // ['agent.json', 'package.json', 'intents/…', …]
 */
export function buildDialogflowAgent(languages: readonly DialogflowLanguage[]): Record<string, unknown> {
  const sorted = [...languages].sort((a, b) => (a.source.language === 'de' ? -1 : b.source.language === 'de' ? 1 : 0));
  const [primary, ...others] = sorted;
  const files: Record<string, unknown> = {};
  files['agent.json'] = {
    description: 'Generated by `shopvoice models build` from interaction-models/source/. Edit the source, not this agent.',
    language: primary?.source.language ?? 'de',
    shortDescription: '',
    examples: '',
    linkToDocs: '',
    disableInteractionLogs: false,
    disableStackdriverLogs: true,
    defaultTimezone: 'Europe/Berlin',
    webhook: { url: WEBHOOK_PLACEHOLDER, username: '', headers: {}, available: true, useForDomains: false, cloudFunctionsEnabled: false, cloudFunctionsInitialized: false },
    isPrivate: true,
    mlMinConfidence: 0.3,
    supportedLanguages: others.map((l) => l.source.language),
    onePlatformApiVersion: 'v2',
    analyzeQueryTextSentiment: false,
    enabledKnowledgeBaseNames: [],
    knowledgeServiceConfidenceAdjustment: 0,
    dialogBuilderMode: false,
    baseActionPackagesUrl: '',
  };
  files['package.json'] = { version: '1.0.0' };

  const intentSlots = new Map<string, Record<string, string>>();
  for (const lang of sorted) {
    for (const [name, intent] of Object.entries(lang.source.intents)) {
      if (!intentSlots.has(displayName(name))) intentSlots.set(displayName(name), intent.slots);
    }
  }
  intentSlots.set(DIALOGFLOW_WELCOME_INTENT, {});
  for (const [name, slots] of [...intentSlots].sort(([a], [b]) => (a < b ? -1 : 1))) {
    files[`intents/${name}.json`] = intentFile(name, slots);
    for (const lang of sorted) {
      const samples = name === DIALOGFLOW_WELCOME_INTENT
        ? lang.source.welcome
        : (Object.entries(lang.source.intents).find(([n]) => displayName(n) === name)?.[1].samples ?? []);
      if (samples.length > 0) files[`intents/${name}_usersays_${lang.source.language}.json`] = usersays(name, samples, slots, lang);
    }
  }

  const entityNames = [...new Set(sorted.flatMap((l) => Object.keys(l.filled.types)))].sort();
  for (const entity of entityNames) {
    const expand = sorted.some((l) => l.source.slotTypes[entity]?.automatedExpansion);
    files[`entities/${entity}.json`] = {
      id: stableUuid(`entity:${entity}`),
      name: entity,
      isOverridable: true,
      isEnum: false,
      isRegexp: false,
      automatedExpansion: expand,
      allowFuzzyExtraction: false,
    };
    for (const lang of sorted) {
      const values = lang.filled.types[entity];
      if (!values) continue;
      files[`entities/${entity}_entries_${lang.source.language}.json`] = entityEntries(values);
    }
  }
  return files;
}
