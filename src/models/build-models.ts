import { buildAlexaModel } from './alexa-model.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';
import { buildDialogflowAgent, type DialogflowLanguage } from './dialogflow-agent.js';
import type { GeneratedFile } from './generated-file.js';
import { generatedReadmes } from './generated-readmes.js';
import type { ModelSource } from './model-source.js';
import { buildSkillManifest } from './skill-manifest.js';
import { fillSlotTypes } from './slot-values.js';
import { stableJson } from './stable-json.js';

export type { GeneratedFile } from './generated-file.js';

/** Folder of the Alexa models inside the models root (the ASK CLI's skill-package layout). */
export const ALEXA_MODELS_DIR = 'alexa/skill-package/interactionModels/custom';
/** Folder of the Dialogflow ES agent inside the models root. */
export const DIALOGFLOW_AGENT_DIR = 'dialogflow/agent';

export interface BuildOutput {
  /** Sorted by path. */
  files: GeneratedFile[];
  /** What the catalog fill left out (caps, name clashes), for the build log. */
  notes: string[];
}

/**
 * Everything `models build` writes, computed in memory from the source and a catalog snapshot:
 * one Alexa model per locale, the manifest template, the Dialogflow agent and the READMEs
 * that say how the files are made. Same input, same bytes.
 *
 * @example const { files } = buildModelFiles(source, await readCatalog(shop));
 */
export function buildModelFiles(source: ModelSource, catalog: CatalogSnapshot): BuildOutput {
  const files: GeneratedFile[] = [];
  const notes: string[] = [];
  const dialogflow: DialogflowLanguage[] = [];
  for (const lang of source.languages) {
    const filled = fillSlotTypes(lang, catalog);
    notes.push(...filled.notes.map((n) => `${lang.language}: ${n}`));
    dialogflow.push({ source: lang, filled });
    const model = stableJson(buildAlexaModel(lang, filled));
    for (const locale of lang.locales) files.push({ path: `${ALEXA_MODELS_DIR}/${locale}.json`, content: model });
  }
  files.push({ path: 'alexa/skill-package/skill.json', content: stableJson(buildSkillManifest(source.languages)) });
  for (const [path, value] of Object.entries(buildDialogflowAgent(dialogflow))) {
    files.push({ path: `${DIALOGFLOW_AGENT_DIR}/${path}`, content: stableJson(value) });
  }
  files.push(...generatedReadmes(catalog));
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, notes };
}
