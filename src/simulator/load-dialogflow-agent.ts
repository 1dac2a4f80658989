import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../catalog/commerce.js';
import { contractionVariants } from './contractions.js';
import { compileSample, indexSlotType, type NluIntent, type NluModel, type SamplePattern, type SlotTypeIndex } from './nlu-model.js';

/** Dialogflow ES agent export files, as far as the simulator reads them. */
interface IntentJson {
  id?: string;
  name: string;
  contexts?: string[];
  fallbackIntent?: boolean;
  events?: Array<{ name: string }>;
  responses?: Array<{ parameters?: Array<{ name: string; dataType: string }> }>;
}
interface UserSaysJson {
  data?: Array<{ text: string; alias?: string; meta?: string }>;
}
interface EntityJson {
  name: string;
  automatedExpansion?: boolean;
  isRegexp?: boolean;
}
interface EntryJson {
  value: string;
  synonyms?: string[];
}

/** The agent's files of one folder, by path relative to it. */
export type AgentFiles = Map<string, unknown>;

/** Reads every JSON file of an agent folder (`intents/`, `entities/`, `agent.json`). */
export async function readAgentFolder(dir: string): Promise<AgentFiles> {
  const files: AgentFiles = new Map();
  for (const sub of ['intents', 'entities']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      files.set(`${sub}/${name}`, JSON.parse(await readFile(join(dir, sub, name), 'utf8')));
    }
  }
  return files;
}

/** The parts of one training phrase as a sample: annotated parts become `{alias}` holes. */
function sampleText(phrase: UserSaysJson): string {
  return (phrase.data ?? []).map((part) => (part.alias ? ` {${part.alias}} ` : part.text)).join('');
}

/**
 * Builds the simulator's model of one agent language (`de`, `en`) from the agent files.
 * Only the agent's training phrases count (Dialogflow has no built-ins). A developer entity is
 * open only with automated expansion; otherwise a value must be one of its entries or synonyms.
 *
 * @example dialogflowModelFrom(await readAgentFolder('interaction-models/dialogflow/agent'), 'de')
 */
export function dialogflowModelFrom(files: AgentFiles, language: Language, invocationName?: string): NluModel {
  const types = new Map<string, SlotTypeIndex>();
  const intents: NluIntent[] = [];
  const patterns: SamplePattern[] = [];
  let fallbackIntent = 'Default Fallback Intent';
  let welcomeIntent: string | undefined;

  for (const [path, json] of files) {
    const entity = /^entities\/([^/]+)\.json$/.exec(path);
    if (entity && !entity[1]!.includes('_entries_')) {
      const e = json as EntityJson;
      if (e.isRegexp) continue;
      const entries = (files.get(`entities/${entity[1]}_entries_${language}.json`) ?? []) as EntryJson[];
      // An entry's reference value is what the parameter carries; it is also a synonym of itself.
      const values = entries.map((x) => ({ id: x.value, name: x.value, synonyms: x.synonyms ?? [] }));
      types.set(`@${e.name}`, indexSlotType(`@${e.name}`, Boolean(e.automatedExpansion), values));
    }
  }
  for (const [path, json] of files) {
    const file = /^intents\/([^/]+)\.json$/.exec(path);
    if (!file || file[1]!.includes('_usersays_')) continue;
    const intent = json as IntentJson;
    const parameters = intent.responses?.[0]?.parameters ?? [];
    intents.push({
      name: intent.name,
      slots: Object.fromEntries(parameters.map((p) => [p.name, p.dataType])),
      inputContexts: (intent.contexts ?? []).map((c) => c.toLowerCase()),
      ...(intent.id ? { id: intent.id } : {}),
    });
    if (intent.fallbackIntent) fallbackIntent = intent.name;
    if (intent.events?.some((e) => e.name === 'WELCOME')) welcomeIntent = intent.name;
    const phrases = (files.get(`intents/${file[1]}_usersays_${language}.json`) ?? []) as UserSaysJson[];
    // A fallback intent's phrases are negative examples in Dialogflow: they never match it.
    if (intent.fallbackIntent) continue;
    for (const phrase of phrases) {
      const order = patterns.length;
      const text = sampleText(phrase);
      patterns.push(compileSample(intent.name, text, order));
      for (const variant of contractionVariants(text, language)) patterns.push(compileSample(intent.name, variant, order));
    }
  }
  return {
    platform: 'google',
    locale: language,
    language,
    ...(invocationName ? { invocationName } : {}),
    intents,
    types,
    patterns,
    fallbackIntent,
    ...(welcomeIntent ? { welcomeIntent } : {}),
    dialog: new Map(),
    prompts: new Map(),
  };
}
