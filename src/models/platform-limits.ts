/**
 * Platform limits the builder caps to and the validator checks. Each carries where it comes
 * from; `verified: false` marks a number taken from the platform's published quota page without
 * having been re-checked against it for this code (re-check before relying on the exact value).
 */
export interface Limit {
  value: number;
  source: string;
  verified: boolean;
}

export const ALEXA_LIMITS = {
  /**
   * "A skill can have a total of 50,000 custom slot values, totaled across all custom slots
   * used in the interaction model." Synonyms are counted too here, to stay on the safe side.
   */
  customSlotValues: {
    value: 50_000,
    source: 'Alexa Skills Kit docs, "Create and Edit Custom Slot Types" (custom slot type values)',
    verified: true,
  },
  /** The console rejects longer values: "Slot value length exceeds the limit of 140 characters." */
  slotValueChars: {
    value: 140,
    source: 'Alexa developer console / SMAPI build error "Slot value length exceeds the limit of 140 characters"',
    verified: true,
  },
  /** Invocation names: letters, spaces, apostrophes, periods; at most 50 characters. */
  invocationNameChars: {
    value: 50,
    source: 'Alexa Skills Kit docs, "Choose the Invocation Name for a Custom Skill" (invocation name requirements)',
    verified: false,
  },
} as const satisfies Record<string, Limit>;

export const DIALOGFLOW_LIMITS = {
  trainingPhrasesPerIntent: {
    value: 2_000,
    source: 'Google Cloud, "Dialogflow quotas and limits", ES agent limits (training phrases per intent and language)',
    verified: false,
  },
  trainingPhraseChars: {
    value: 768,
    source: 'Google Cloud, "Dialogflow quotas and limits", ES agent limits (characters per training phrase)',
    verified: false,
  },
} as const satisfies Record<string, Limit>;

/** Our own cap, not a platform's: synonyms beyond this add little recognition and a lot of size. */
export const MAX_SYNONYMS_PER_VALUE = 8;
