import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ALEXA_MODELS_DIR, DIALOGFLOW_AGENT_DIR, type GeneratedFile } from './build-models.js';

/** Files and folders the build owns inside the models root; anything else there is left alone. */
const MANAGED_FILES = ['alexa/README.md', 'alexa/skill-package/skill.json', 'dialogflow/README.md'];
const MANAGED_DIRS = [ALEXA_MODELS_DIR, DIALOGFLOW_AGENT_DIR];

export interface StaleFile {
  path: string;
  reason: 'missing' | 'differs' | 'not generated any more';
}

async function walk(root: string, dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...(await walk(root, rel)));
    else out.push(rel);
  }
  return out;
}

/** The generated files that are on disk now (paths relative to the models root, sorted). */
export async function managedFilesOnDisk(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const dir of MANAGED_DIRS) found.push(...(await walk(root, dir)));
  for (const file of MANAGED_FILES) {
    if (await readFile(join(root, file)).then(() => true, () => false)) found.push(file);
  }
  return found.sort();
}

/**
 * Compares the freshly built files with the ones on disk: missing, different, or on disk but
 * no longer generated (a renamed intent leaves its old Dialogflow file behind).
 */
export async function staleModelFiles(root: string, files: readonly GeneratedFile[]): Promise<StaleFile[]> {
  const stale: StaleFile[] = [];
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const onDisk = await readFile(join(root, file.path), 'utf8').catch(() => undefined);
    if (onDisk === undefined) stale.push({ path: file.path, reason: 'missing' });
    else if (onDisk !== file.content) stale.push({ path: file.path, reason: 'differs' });
  }
  for (const path of await managedFilesOnDisk(root)) {
    if (!wanted.has(path)) stale.push({ path, reason: 'not generated any more' });
  }
  return stale.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Writes the files that changed and removes generated files that are no longer built. */
export async function writeModelFiles(root: string, files: readonly GeneratedFile[]): Promise<StaleFile[]> {
  const stale = await staleModelFiles(root, files);
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const s of stale) {
    const target = join(root, s.path);
    const file = byPath.get(s.path);
    if (!file) {
      await rm(target, { force: true });
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return stale;
}

/** Reads the Dialogflow agent folder as it is on disk (what `upload` restores), sorted by path. */
export async function readAgentFiles(root: string): Promise<GeneratedFile[]> {
  const paths = await walk(root, DIALOGFLOW_AGENT_DIR);
  return Promise.all(paths.sort().map(async (path) => ({ path, content: await readFile(join(root, path), 'utf8') })));
}
