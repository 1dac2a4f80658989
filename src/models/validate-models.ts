import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ALEXA_MODELS_DIR, DIALOGFLOW_AGENT_DIR } from './build-models.js';
import { loadSource } from './load-source.js';
import { readAgentFiles } from './model-files.js';
import type { Problem } from './problem.js';
import { validateAlexaFile } from './validate-alexa-file.js';
import { validateDialogflowAgent } from './validate-dialogflow-agent.js';
import { validateSkillManifest } from './validate-skill-manifest.js';
import { validateSource } from './validate-source.js';

export interface ValidationReport {
  problems: Problem[];
  /** What was looked at, e.g. "source (2 languages)", "alexa de-DE". */
  checked: string[];
}

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

/**
 * Validates a models root (`interaction-models/` or a test fixture laid out the same way):
 * `source/` if present, every Alexa model under `alexa/…/custom/`, the Dialogflow agent under
 * `dialogflow/agent/`. Parts that are absent are skipped, but an empty root is an error.
 *
 * @example const { problems } = await validateModels('interaction-models');
 */
export async function validateModels(root: string): Promise<ValidationReport> {
  const problems: Problem[] = [];
  const checked: string[] = [];
  const rel = (p: string): string => relative(process.cwd(), p) || p;

  // With a source, every locale it lists must have a built model; without one, what is there is checked.
  let expectedLocales: string[] = [];
  if (await exists(join(root, 'source'))) {
    const loaded = await loadSource(join(root, 'source'));
    problems.push(...loaded.problems);
    if (loaded.source) {
      problems.push(...validateSource(loaded.source));
      checked.push(`source (${loaded.source.languages.map((l) => l.language).join(', ')})`);
      expectedLocales = loaded.source.languages.flatMap((l) => l.locales);
    }
  }

  const alexaDir = join(root, ALEXA_MODELS_DIR);
  const alexaFiles = (await readdir(alexaDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  if (alexaFiles.length > 0) {
    for (const locale of expectedLocales) {
      if (!alexaFiles.includes(`${locale}.json`)) {
        problems.push({ severity: 'error', rule: 'missing-locale', file: rel(alexaDir), message: `no model for ${locale} (run models build)` });
      }
    }
  }
  for (const name of alexaFiles) {
    const file = rel(join(alexaDir, name));
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(alexaDir, name), 'utf8'));
    } catch (e) {
      problems.push({ severity: 'error', rule: 'file-shape', file, message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    problems.push(...validateAlexaFile(file, name.replace(/\.json$/, ''), json));
    checked.push(`alexa ${name.replace(/\.json$/, '')}`);
  }

  const manifestPath = join(root, 'alexa/skill-package/skill.json');
  const manifestText = await readFile(manifestPath, 'utf8').catch(() => undefined);
  if (manifestText !== undefined) {
    try {
      problems.push(...validateSkillManifest(rel(manifestPath), JSON.parse(manifestText)));
    } catch (e) {
      problems.push({ severity: 'error', rule: 'file-shape', file: rel(manifestPath), message: `not valid JSON: ${(e as Error).message}` });
    }
    checked.push('alexa skill.json');
  }

  const agent = (await readAgentFiles(root)).map((f) => ({ ...f, path: f.path.slice(DIALOGFLOW_AGENT_DIR.length + 1) }));
  if (agent.length > 0) {
    problems.push(...validateDialogflowAgent(rel(join(root, DIALOGFLOW_AGENT_DIR)), agent));
    checked.push('dialogflow agent');
  }
  if (checked.length === 0 && problems.length === 0) {
    problems.push({ severity: 'error', rule: 'source-missing', file: rel(root), message: 'nothing to validate: no source/, no Alexa models, no Dialogflow agent' });
  }
  return { problems, checked };
}
