import { join } from 'node:path';
import { SUPPORTED_LOCALES } from '../domain/turn.js';
import { checkLanguageModel } from './check-language-model.js';
import type { ModelSource } from './model-source.js';
import { ALEXA_LIMITS, DIALOGFLOW_LIMITS } from './platform-limits.js';
import { ProblemList, type Problem } from './problem.js';
import { placeholders, sampleKey } from './sample-rules.js';

/**
 * Checks the source before anything is built: the common language-model rules, plus what only
 * the source knows — locales covered, example values for Dialogflow, prompts, static values.
 *
 * @example validateSource((await loadSource(dir)).source!) // Problem[]
 */
export function validateSource(source: ModelSource): Problem[] {
  const problems = new ProblemList();
  const covered = new Set(source.languages.flatMap((l) => l.locales));
  for (const locale of SUPPORTED_LOCALES) {
    if (!covered.has(locale)) problems.error('missing-locale', join(source.dir), `no source file lists the locale ${locale}`);
  }
  for (const lang of source.languages) {
    const { file } = lang;
    checkLanguageModel({
      file,
      language: lang.language,
      invocationName: lang.invocationName,
      intents: Object.entries(lang.intents).map(([name, i]) => ({ name, slots: i.slots, samples: i.samples })),
      slotTypes: new Set(Object.keys(lang.slotTypes)),
      warnFewSamples: true,
    }, problems);

    const usedTypes = new Set(Object.values(lang.intents).flatMap((i) => Object.values(i.slots)));
    for (const [name, intent] of Object.entries(lang.intents)) {
      for (const slot of new Set(intent.samples.flatMap(placeholders))) {
        const type = intent.slots[slot];
        if (type?.startsWith('AMAZON.') && !(lang.slotExamples[type]?.length)) {
          problems.error('missing-slot-example', file, `slotExamples has no example for ${type}; Dialogflow training phrases need one for {${slot}}`, { intent: name });
        }
      }
      for (const [slot, samples] of Object.entries(intent.slotSamples)) {
        if (!(slot in intent.slots)) problems.error('undeclared-placeholder', file, `slotSamples names slot {${slot}}, which the intent does not declare`, { intent: name });
        for (const sample of samples) {
          const used = placeholders(sample);
          if (!used.includes(slot) || used.some((p) => p !== slot)) {
            problems.error('undeclared-placeholder', file, `a slot-filling sample for {${slot}} must contain {${slot}} and no other slot`, { intent: name, sample });
          }
          if (/\d/.test(sample)) problems.error('digits-in-sample', file, 'spell numbers out', { intent: name, sample });
        }
      }
      if (intent.samples.length > DIALOGFLOW_LIMITS.trainingPhrasesPerIntent.value) {
        problems.error('size-limit', file, `${intent.samples.length} samples; Dialogflow takes at most ${DIALOGFLOW_LIMITS.trainingPhrasesPerIntent.value} per intent and language`, { intent: name });
      }
      for (const sample of intent.samples) {
        if (sample.length > DIALOGFLOW_LIMITS.trainingPhraseChars.value) {
          problems.error('size-limit', file, `longer than ${DIALOGFLOW_LIMITS.trainingPhraseChars.value} characters (Dialogflow training phrase limit)`, { intent: name, sample });
        }
      }
    }
    for (const [name, type] of Object.entries(lang.slotTypes)) {
      if (!usedTypes.has(name)) problems.warn('unused-slot-type', file, `slot type ${name} is defined but no intent uses it`);
      if (!type.fromCatalog && type.values.length === 0) problems.error('empty-slot-type', file, `slot type ${name} has no values and no fromCatalog`);
      for (const v of type.values) {
        for (const text of [v.value ?? '', ...(v.synonyms ?? [])]) {
          if (text.length > ALEXA_LIMITS.slotValueChars.value) {
            problems.error('size-limit', file, `slot type ${name}, value ${v.id}: "${text.slice(0, 40)}…" is longer than ${ALEXA_LIMITS.slotValueChars.value} characters`);
          }
        }
        if (!type.fromCatalog && !v.value) problems.error('source-shape', file, `slot type ${name}, value ${v.id}: needs a value text`);
      }
    }
    for (const [id, texts] of Object.entries(lang.prompts)) {
      const named = /^(?:Confirm\.Intent\.([^.]+)|Elicit\.Slot\.([^.]+)\.([^.]+))$/.exec(id);
      const intent = named?.[1] ?? named?.[2];
      if (intent !== undefined && !(intent in lang.intents)) problems.error('undefined-prompt-intent', file, `prompt ${id} names an intent that is not in the model`);
      else if (named?.[3] !== undefined && !(named[3] in lang.intents[named[2]!]!.slots)) {
        problems.error('undefined-prompt-intent', file, `prompt ${id} names a slot that ${named[2]} does not declare`);
      }
      if (texts.length === 0 || texts.some((t) => !t.trim())) problems.error('empty-prompt', file, `prompt ${id} needs at least one non-empty text`);
    }
    const sampleOwner = new Map(Object.entries(lang.intents).flatMap(([n, i]) => i.samples.map((s) => [sampleKey(s), n] as const)));
    for (const sample of lang.welcome) {
      const other = sampleOwner.get(sampleKey(sample));
      if (other) problems.error('duplicate-sample', file, `the welcome sample is also a sample of ${other}`, { intent: 'welcome', sample });
    }
    if (!lang.skill.name.trim()) problems.error('source-shape', file, 'skill.name is empty');
    for (const phrase of lang.skill.examplePhrases) {
      if (!phrase.includes('{invocationName}')) problems.warn('example-phrase', file, `skill example phrase "${phrase}" does not use {invocationName}`);
    }
  }
  return problems.items;
}
