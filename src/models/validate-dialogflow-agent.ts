import { SHARED_INTENT_NAMES } from '../domain/intents.js';
import type { GeneratedFile } from './build-models.js';
import { misplacedRelativeDay } from './day-words.js';
import { ENDING_INTENTS } from './dialogflow-agent.js';
import { DIALOGFLOW_FALLBACK_INTENT, DIALOGFLOW_INTENT_NAMES } from './dialogflow-names.js';
import { arr, isObj, type Obj } from './json-shape.js';
import { DIALOGFLOW_LIMITS } from './platform-limits.js';
import { ProblemList, type Problem } from './problem.js';

/**
 * Checks the Dialogflow ES agent folder (paths relative to it): the export layout, every shared
 * intent present, training phrases in every language, annotated parts whose `alias` and `meta`
 * match a parameter's `name` and `dataType`, entities that exist, and the size limits.
 */
export function validateDialogflowAgent(dir: string, files: readonly GeneratedFile[]): Problem[] {
  const problems = new ProblemList();
  const json = new Map<string, unknown>();
  for (const f of files) {
    try {
      json.set(f.path, JSON.parse(f.content));
    } catch (e) {
      problems.error('file-shape', `${dir}/${f.path}`, `not valid JSON: ${(e as Error).message}`);
    }
  }
  const agent = json.get('agent.json');
  if (!isObj(agent)) {
    problems.error('file-shape', `${dir}/agent.json`, 'agent.json is missing');
    return problems.items;
  }
  const pkg = json.get('package.json');
  if (!isObj(pkg) || pkg.version !== '1.0.0') problems.error('file-shape', `${dir}/package.json`, 'package.json must be {"version": "1.0.0"}');
  const languages = [String(agent.language), ...arr(agent.supportedLanguages).map(String)];

  const intents = [...json.keys()].filter((p) => /^intents\/[^/]+\.json$/.test(p) && !/_usersays_[a-z-]+\.json$/.test(p));
  const byName = new Map(intents.map((p) => [String((json.get(p) as Obj).name), p]));
  for (const shared of SHARED_INTENT_NAMES) {
    const name = DIALOGFLOW_INTENT_NAMES[shared];
    if (!byName.has(name)) problems.error('missing-intent', `${dir}/intents`, `the intent ${name} (${shared}) is missing`, { intent: name });
  }
  for (const path of intents) {
    const intent = json.get(path) as Obj;
    const name = String(intent.name);
    const file = `${dir}/${path}`;
    const params = new Map(arr(isObj(arr(intent.responses)[0]) ? (arr(intent.responses)[0] as Obj).parameters : []).filter(isObj).map((p) => [String(p.name), String(p.dataType)]));
    if (ENDING_INTENTS.has(name) && intent.endInteraction !== true) {
      problems.error('end-interaction', file, `${name} ends the conversation; mark it "endInteraction": true so telephony and Messenger callers are let go`, { intent: name });
    }
    if (name === DIALOGFLOW_FALLBACK_INTENT && intent.fallbackIntent !== true) {
      problems.error('file-shape', file, `${name} must be marked "fallbackIntent": true`, { intent: name });
    }
    for (const type of params.values()) {
      if (!type.startsWith('@sys.') && !json.has(`entities/${type.slice(1)}.json`)) {
        problems.error('undefined-slot-type', file, `parameter type ${type} has no entities/${type.slice(1)}.json`, { intent: name });
      }
    }
    for (const lang of languages) {
      const says = json.get(path.replace(/\.json$/, `_usersays_${lang}.json`));
      if (says === undefined) {
        if (intent.fallbackIntent !== true) problems.error('no-samples', file, `no training phrases in "${lang}"`, { intent: name });
        continue;
      }
      const phrases = arr(says).filter(isObj);
      if (phrases.length > DIALOGFLOW_LIMITS.trainingPhrasesPerIntent.value) {
        problems.error('size-limit', file, `${phrases.length} training phrases in "${lang}"; at most ${DIALOGFLOW_LIMITS.trainingPhrasesPerIntent.value}`, { intent: name });
      }
      for (const phrase of phrases) {
        const parts = arr(phrase.data).filter(isObj);
        const text = parts.map((p) => String(p.text)).join('');
        if (text.length > DIALOGFLOW_LIMITS.trainingPhraseChars.value) problems.error('size-limit', file, 'training phrase too long', { intent: name, sample: text });
        const misfit = (lang === 'de' || lang === 'en') ? misplacedRelativeDay(text, lang) : undefined;
        if (misfit) problems.error('ungrammatical-fill', file, `"${misfit}" is not said: a relative day does not follow a day preposition`, { intent: name, sample: text });
        for (const part of parts.filter((p) => p.alias !== undefined || p.meta !== undefined)) {
          if (params.get(String(part.alias)) !== String(part.meta)) {
            problems.error('parameter-mismatch', file, `part "${String(part.text)}" has alias ${String(part.alias)} / meta ${String(part.meta)}, but no parameter has that name and dataType`, { intent: name, sample: text });
          }
        }
      }
    }
  }
  for (const path of [...json.keys()].filter((p) => /^entities\/[^/_]+\.json$/.test(p))) {
    const entity = path.slice('entities/'.length, -'.json'.length);
    for (const lang of languages) {
      const entries = json.get(`entities/${entity}_entries_${lang}.json`);
      if (!Array.isArray(entries)) {
        problems.error('file-shape', `${dir}/${path}`, `entities/${entity}_entries_${lang}.json is missing`);
        continue;
      }
      for (const entry of entries) {
        if (!isObj(entry) || typeof entry.value !== 'string' || !Array.isArray(entry.synonyms)) {
          problems.error('missing-synonyms', `${dir}/entities/${entity}_entries_${lang}.json`, `every entry needs "value" and a "synonyms" array: ${JSON.stringify(entry).slice(0, 80)}`);
        }
      }
    }
  }
  return problems.items;
}
