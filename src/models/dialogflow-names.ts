import { SHARED_INTENT_NAMES, type SharedIntent } from '../domain/intents.js';

/**
 * Dialogflow ES has no `AMAZON.*` built-ins, so `models build` generates a Dialogflow intent for
 * each of them. Every shared intent keeps its Alexa name as the Dialogflow `displayName`
 * (the fallback one is marked `isFallback`), so the Google adapter maps
 * `queryResult.intent.displayName` back with {@link sharedIntentForDialogflow}.
 *
 * @example DIALOGFLOW_INTENT_NAMES['AMAZON.HelpIntent'] // 'AMAZON.HelpIntent'
 */
export const DIALOGFLOW_INTENT_NAMES: Readonly<Record<SharedIntent, string>> = Object.freeze(
  Object.fromEntries(SHARED_INTENT_NAMES.map((name) => [name, name])) as Record<SharedIntent, string>,
);

/** The Dialogflow intent that answers the `WELCOME` event: the Alexa `LaunchRequest`. */
export const DIALOGFLOW_WELCOME_INTENT = 'Default Welcome Intent';

/** The Dialogflow intent marked `isFallback` (Alexa's `AMAZON.FallbackIntent`). */
export const DIALOGFLOW_FALLBACK_INTENT = DIALOGFLOW_INTENT_NAMES['AMAZON.FallbackIntent'];

const BY_DISPLAY_NAME = new Map<string, SharedIntent>(
  SHARED_INTENT_NAMES.map((name) => [DIALOGFLOW_INTENT_NAMES[name], name]),
);

/**
 * The shared intent behind a Dialogflow intent's display name; `undefined` for the welcome
 * intent and for names the models do not contain (the adapter treats those as the fallback).
 *
 * @example sharedIntentForDialogflow('StoreHoursIntent') // 'StoreHoursIntent'
 */
export function sharedIntentForDialogflow(displayName: string): SharedIntent | undefined {
  return BY_DISPLAY_NAME.get(displayName);
}

/**
 * Dialogflow system entities standing in for Alexa's built-in slot types (slot type →
 * `dataType`). Custom slot types keep their name (`ProductName` → `@ProductName`); their entity
 * entries use the catalog id as the reference value, so a resolved parameter holds the id.
 */
export const DIALOGFLOW_SYSTEM_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  'AMAZON.NUMBER': '@sys.number',
  // A purchase code is four digits; @sys.number drops a leading zero, the webhook pads it back.
  'AMAZON.FOUR_DIGIT_NUMBER': '@sys.number',
  'AMAZON.DATE': '@sys.date',
  'AMAZON.TIME': '@sys.time',
  'AMAZON.DURATION': '@sys.duration',
});

/** The Dialogflow `dataType` of a slot type: a system entity or `@<CustomType>`. */
export function dialogflowEntityFor(slotType: string): string {
  return DIALOGFLOW_SYSTEM_ENTITIES[slotType] ?? `@${slotType}`;
}
