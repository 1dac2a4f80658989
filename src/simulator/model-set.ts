import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../domain/turn.js';
import type { Language } from '../catalog/commerce.js';
import { loadAlexaModel } from './load-alexa-model.js';
import { dialogflowModelFrom, readAgentFolder, type AgentFiles } from './load-dialogflow-agent.js';
import type { NluModel } from './nlu-model.js';

/** Where the generated models live inside the models root (the layout `models build` writes). */
export const ALEXA_MODEL_DIR = 'alexa/skill-package/interactionModels/custom';
export const DIALOGFLOW_AGENT_DIR = 'dialogflow/agent';

/** The models of every locale, read on first use from the files merchants upload. */
export interface ModelSet {
  root: string;
  /** The Alexa model of a locale (`de-DE`, `en-US`, `en-GB`). */
  alexa(locale: string): Promise<NluModel>;
  /** The Dialogflow agent in one language (`de`, `en`). */
  google(language: Language): Promise<NluModel>;
  /** The model a platform uses for a locale. */
  forPlatform(platform: Platform, locale: string): Promise<NluModel>;
  /** Alexa locales that have a model file. */
  alexaLocales(): Promise<string[]>;
}

/**
 * The models root to use: `interaction-models/` in the working directory when it exists (a
 * checkout), else the one shipped next to the compiled CLI.
 */
export function defaultModelsRoot(cwd = process.cwd()): string {
  const local = join(cwd, 'interaction-models');
  if (existsSync(join(local, 'alexa')) || existsSync(join(local, 'dialogflow'))) return local;
  // src/simulator/ or dist/simulator/ → the package root.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'interaction-models');
}

/** The language Dialogflow uses for a locale: `de-DE` → `de`, `en-GB` → `en`. */
export function agentLanguage(locale: string): Language {
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * Opens the models under `root`. Files are read when first needed, so a missing Dialogflow
 * agent only matters to Google runs.
 *
 * @example const models = openModelSet('interaction-models'); await models.alexa('de-DE')
 */
export function openModelSet(root: string): ModelSet {
  const alexa = new Map<string, Promise<NluModel>>();
  const google = new Map<Language, Promise<NluModel>>();
  let agent: Promise<AgentFiles> | undefined;

  const alexaModel = (locale: string): Promise<NluModel> => {
    let model = alexa.get(locale);
    if (!model) {
      const file = join(root, ALEXA_MODEL_DIR, `${locale}.json`);
      model = existsSync(file)
        ? loadAlexaModel(file, locale)
        : Promise.reject(new Error(`no Alexa model for ${locale}: ${file} is missing (run \`shopvoice models build\`)`));
      alexa.set(locale, model);
    }
    return model;
  };

  const googleModel = (language: Language): Promise<NluModel> => {
    let model = google.get(language);
    if (!model) {
      const dir = join(root, DIALOGFLOW_AGENT_DIR);
      agent ??= existsSync(join(dir, 'intents'))
        ? readAgentFolder(dir)
        : Promise.reject(new Error(`no Dialogflow agent: ${dir} is missing (run \`shopvoice models build\`)`));
      // Dialogflow has no invocation name; the Alexa one of the same language is accepted and
      // stripped, so "frag <name> …" works the same in scripts run on both platforms.
      const invocation = alexaModel(language === 'de' ? 'de-DE' : 'en-US').then((m) => m.invocationName, () => undefined);
      model = Promise.all([agent, invocation]).then(([files, name]) => dialogflowModelFrom(files, language, name));
      google.set(language, model);
    }
    return model;
  };

  return {
    root,
    alexa: alexaModel,
    google: googleModel,
    forPlatform: (platform, locale) => (platform === 'alexa' ? alexaModel(locale) : googleModel(agentLanguage(locale))),
    async alexaLocales() {
      const names = await readdir(join(root, ALEXA_MODEL_DIR)).catch(() => [] as string[]);
      return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
    },
  };
}
