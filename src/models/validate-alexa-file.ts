import { languageOf, type Locale } from '../domain/turn.js';
import { checkLanguageModel } from './check-language-model.js';
import { arr, isObj } from './json-shape.js';
import { ALEXA_LIMITS } from './platform-limits.js';
import { ProblemList, type Problem } from './problem.js';

/**
 * Checks one generated (or hand-edited) `interactionModels/custom/<locale>.json`: the common
 * language-model rules, and what only the file can get wrong — a slot value without its
 * `synonyms` array, size limits, dialog prompts that do not exist.
 */
export function validateAlexaFile(file: string, locale: string, json: unknown): Problem[] {
  const problems = new ProblemList();
  const model = isObj(json) && isObj(json.interactionModel) ? json.interactionModel : undefined;
  const lm = model && isObj(model.languageModel) ? model.languageModel : undefined;
  if (!model || !lm) {
    problems.error('file-shape', file, 'expected { "interactionModel": { "languageModel": … } }');
    return problems.items;
  }
  const types = arr(lm.types).filter(isObj);
  const intents = arr(lm.intents).filter(isObj).map((i) => ({
    name: String(i.name),
    slots: Object.fromEntries(arr(i.slots).filter(isObj).map((s) => [String(s.name), String(s.type)])),
    samples: arr(i.samples).map(String),
  }));
  checkLanguageModel({
    file,
    language: languageOf(locale as Locale),
    invocationName: typeof lm.invocationName === 'string' ? lm.invocationName : '',
    intents,
    slotTypes: new Set(types.map((t) => String(t.name))),
    warnFewSamples: false,
  }, problems);

  let total = 0;
  for (const type of types) {
    for (const value of arr(type.values)) {
      const name = isObj(value) && isObj(value.name) ? value.name : undefined;
      const label = `slot type ${String(type.name)}, value ${isObj(value) ? String(value.id) : '?'}`;
      if (!name || typeof name.value !== 'string') {
        problems.error('file-shape', file, `${label}: needs name.value`);
        continue;
      }
      if (!Array.isArray(name.synonyms)) {
        problems.error('missing-synonyms', file, `${label} ("${name.value}"): "synonyms" must be an array (it may be empty)`);
      }
      const synonyms = arr(name.synonyms).map(String);
      total += 1 + synonyms.length;
      for (const text of [name.value, ...synonyms]) {
        if (text.length > ALEXA_LIMITS.slotValueChars.value) {
          problems.error('size-limit', file, `${label}: "${text.slice(0, 40)}…" is longer than ${ALEXA_LIMITS.slotValueChars.value} characters`);
        }
      }
    }
  }
  if (total > ALEXA_LIMITS.customSlotValues.value) {
    problems.error('size-limit', file, `${total} custom slot values and synonyms; Alexa allows ${ALEXA_LIMITS.customSlotValues.value} (${ALEXA_LIMITS.customSlotValues.source})`);
  }
  const promptIds = new Set(arr(model.prompts).filter(isObj).map((p) => String(p.id)));
  const dialog = isObj(model.dialog) ? model.dialog : undefined;
  for (const intent of arr(dialog?.intents).filter(isObj)) {
    const prompts = isObj(intent.prompts) ? Object.values(intent.prompts) : [];
    for (const id of prompts) {
      if (!promptIds.has(String(id))) problems.error('undefined-prompt', file, `dialog prompt ${String(id)} is not defined under prompts`, { intent: String(intent.name) });
    }
  }
  return problems.items;
}
