import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { isLocale, type Locale } from '../domain/turn.js';
import type { Language } from '../catalog/commerce.js';
import { expandSample, GrammarError } from './expand-sample.js';
import { isObj } from './json-shape.js';
import { ProblemList, type Problem } from './problem.js';
import type {
  CatalogList, IntentSource, LanguageSource, ModelSource, SkillListing, SlotTypeSource, SlotValueSource,
} from './model-source.js';

const CATALOG_LISTS: readonly CatalogList[] = ['products', 'stores', 'faqTopics'];
const TOP_KEYS = ['language', 'locales', 'invocationName', 'carriers', 'intents', 'slotTypes', 'slotExamples', 'prompts', 'welcome', 'skill'];

/**
 * Reads every `*.yaml` in the source folder (one per language). Shape errors — a missing key, a
 * list where text belongs, YAML syntax — come back as problems rather than exceptions, so
 * `models validate` can report all of them at once.
 *
 * @example const { source, problems } = await loadSource('interaction-models/source');
 */
export async function loadSource(dir: string): Promise<{ source?: ModelSource; problems: Problem[] }> {
  const problems = new ProblemList();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch {
    problems.error('source-missing', relative(process.cwd(), dir) || dir, 'the source folder does not exist');
    return { problems: problems.items };
  }
  const languages: LanguageSource[] = [];
  for (const name of names) {
    const file = relative(process.cwd(), join(dir, name));
    const doc = parseDocument(await readFile(join(dir, name), 'utf8'), { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      // Later errors mostly follow from the first one; it is the one to fix.
      const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more YAML errors may follow from it)` : '';
      problems.error('yaml-syntax', file, `${doc.errors[0]!.message.split('\n')[0]!.replace(/:$/, '')}${more}`);
      continue;
    }
    const parsed = readLanguage(file, doc.toJS(), problems);
    if (parsed) languages.push(parsed);
  }
  if (languages.length === 0 && problems.items.length === 0) {
    problems.error('source-missing', relative(process.cwd(), dir) || dir, 'no language files (de.yaml, en.yaml) found');
  }
  const seen = new Map<string, string>();
  for (const lang of languages) {
    const other = seen.get(lang.language);
    if (other) problems.error('duplicate-language', lang.file, `language "${lang.language}" is also defined in ${other}`);
    seen.set(lang.language, lang.file);
  }
  return { source: { dir, languages }, problems: problems.items };
}

function readLanguage(file: string, raw: unknown, problems: ProblemList): LanguageSource | undefined {
  if (!isObj(raw)) {
    problems.error('source-shape', file, 'the file must be a YAML mapping (language:, intents:, …)');
    return undefined;
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) problems.error('source-shape', file, `unknown key "${key}" (known: ${TOP_KEYS.join(', ')})`);
  }
  const language = raw.language;
  if (language !== 'de' && language !== 'en') {
    problems.error('source-shape', file, `language must be "de" or "en", got ${JSON.stringify(language)}`);
    return undefined;
  }
  const str = (v: unknown, what: string): string => {
    if (typeof v === 'string') return v;
    problems.error('source-shape', file, `${what} must be text`);
    return '';
  };
  const strList = (v: unknown, what: string, at: { intent?: string } = {}): string[] => {
    if (v === undefined || v === null) return [];
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[];
    problems.error('source-shape', file, `${what} must be a list of texts`, at);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  };
  const locales: Locale[] = [];
  for (const l of strList(raw.locales, 'locales')) {
    if (isLocale(l) && l.startsWith(language)) locales.push(l);
    else problems.error('source-shape', file, `locale "${l}" is not a supported ${language} locale`);
  }
  const carriers = readListMap(raw.carriers, 'carriers', strList, problems, file);
  const expand = (lines: string[], at: { intent?: string } = {}): string[] => {
    const out = new Set<string>();
    for (const line of lines) {
      try {
        for (const s of expandSample(line, carriers)) out.add(s);
      } catch (e) {
        if (!(e instanceof GrammarError)) throw e;
        problems.error('sample-grammar', file, e.message, { ...at, sample: line });
      }
    }
    return [...out];
  };
  const intents = readIntents(file, raw.intents, problems, strList);
  for (const [name, intent] of Object.entries(intents)) {
    intent.samples = expand(intent.lines, { intent: name });
    for (const slot of Object.keys(intent.slotSamples)) intent.slotSamples[slot] = expand(intent.slotSamples[slot]!, { intent: name });
  }
  return {
    file,
    language: language as Language,
    locales,
    invocationName: str(raw.invocationName, 'invocationName'),
    carriers,
    intents,
    slotTypes: readSlotTypes(file, raw.slotTypes, problems, strList),
    slotExamples: readListMap(raw.slotExamples, 'slotExamples', strList, problems, file),
    prompts: readListMap(raw.prompts, 'prompts', strList, problems, file),
    welcome: expand(strList(raw.welcome, 'welcome'), { intent: 'welcome' }),
    skill: readSkill(raw.skill, str, strList, problems, file),
  };
}

type StrList = (v: unknown, what: string, at?: { intent?: string }) => string[];

function readIntents(file: string, raw: unknown, problems: ProblemList, strList: StrList): Record<string, IntentSource> {
  const intents: Record<string, IntentSource> = {};
  if (!isObj(raw)) {
    problems.error('source-shape', file, 'intents must be a mapping of intent name → { slots, samples }');
    return intents;
  }
  for (const [name, body] of Object.entries(raw)) {
    const def = body ?? {};
    if (!isObj(def)) {
      problems.error('source-shape', file, 'an intent must be a mapping with slots: and samples:', { intent: name });
      continue;
    }
    const slots: Record<string, string> = {};
    if (def.slots !== undefined && def.slots !== null) {
      if (!isObj(def.slots)) problems.error('source-shape', file, 'slots must map slot name → slot type', { intent: name });
      else for (const [slot, type] of Object.entries(def.slots)) {
        if (typeof type === 'string') slots[slot] = type;
        else problems.error('source-shape', file, `slot "${slot}" needs a slot type name`, { intent: name });
      }
    }
    const slotSamples: Record<string, string[]> = {};
    if (def.slotSamples !== undefined && def.slotSamples !== null) {
      if (!isObj(def.slotSamples)) problems.error('source-shape', file, 'slotSamples must map slot name → samples', { intent: name });
      else for (const [slot, list] of Object.entries(def.slotSamples)) slotSamples[slot] = strList(list, `slotSamples.${slot}`, { intent: name });
    }
    const lines = strList(def.samples, 'samples', { intent: name });
    intents[name] = { slots, samples: lines, lines, slotSamples };
  }
  return intents;
}

function readSlotTypes(file: string, raw: unknown, problems: ProblemList, strList: StrList): Record<string, SlotTypeSource> {
  const types: Record<string, SlotTypeSource> = {};
  if (raw === undefined || raw === null) return types;
  if (!isObj(raw)) {
    problems.error('source-shape', file, 'slotTypes must be a mapping of type name → { fromCatalog, values }');
    return types;
  }
  for (const [name, body] of Object.entries(raw)) {
    const def = isObj(body) ? body : {};
    const fromCatalog = def.fromCatalog as CatalogList | undefined;
    if (fromCatalog !== undefined && !CATALOG_LISTS.includes(fromCatalog)) {
      problems.error('source-shape', file, `slot type ${name}: fromCatalog must be one of ${CATALOG_LISTS.join(', ')}`);
    }
    const values: SlotValueSource[] = [];
    for (const v of Array.isArray(def.values) ? def.values : []) {
      if (!isObj(v) || typeof v.id !== 'string' || (v.value !== undefined && typeof v.value !== 'string')) {
        problems.error('source-shape', file, `slot type ${name}: each value needs an id and a value text`);
        continue;
      }
      const value: SlotValueSource = { id: v.id };
      if (typeof v.value === 'string') value.value = v.value;
      if (v.synonyms !== undefined) value.synonyms = strList(v.synonyms, `synonyms of ${name} value ${v.id}`);
      values.push(value);
    }
    types[name] = {
      ...(fromCatalog ? { fromCatalog } : {}),
      values,
      automatedExpansion: def.automatedExpansion === true,
    };
  }
  return types;
}

function readListMap(raw: unknown, what: string, strList: StrList, problems: ProblemList, file: string): Record<string, string[]> {
  if (raw === undefined || raw === null) return {};
  if (!isObj(raw)) {
    problems.error('source-shape', file, `${what} must be a mapping of name → list of texts`);
    return {};
  }
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, strList(v, `${what}.${k}`)]));
}

function readSkill(raw: unknown, str: (v: unknown, w: string) => string, strList: StrList, problems: ProblemList, file: string): SkillListing {
  const def = isObj(raw) ? raw : {};
  if (!isObj(raw)) problems.error('source-shape', file, 'skill: (name, summary, description, examplePhrases, keywords) is missing');
  return {
    name: str(def.name, 'skill.name'),
    summary: str(def.summary, 'skill.summary'),
    description: str(def.description, 'skill.description'),
    examplePhrases: strList(def.examplePhrases, 'skill.examplePhrases'),
    keywords: strList(def.keywords, 'skill.keywords'),
  };
}
