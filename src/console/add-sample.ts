import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document, type YAMLSeq } from 'yaml';

export type SampleResult = { added: true } | { added: false; reason: 'exists' };

/** A sample as model sources write them: lower case, words, spaces, apostrophes and `{slot}`s. */
const SAMPLE = /^[\p{L}\p{M}' {}]+$/u;
/** Words and apostrophes only, starting with a letter: safe as a plain scalar in block and flow lists. */
const PLAIN = /^[\p{L}\p{M}][\p{L}\p{M}' ]*$/u;

function samplesOf(doc: Document, intent: string, file: string): YAMLSeq | undefined {
  const intents = doc.get('intents');
  if (!isMap(intents)) throw new Error(`${file} has no "intents" map`);
  const entry = intents.get(intent);
  if (!isMap(entry)) throw new Error(`${file} has no intent "${intent}"`);
  const samples = entry.get('samples');
  return isSeq(samples) ? samples : undefined;
}

const textOf = (item: unknown) => (isScalar(item) ? String(item.value) : '');

/**
 * Appends a sentence to an intent's `samples` in `<sourceDir>/<lang>.yaml`. The file is parsed
 * with the `yaml` package's Document API to find the list, and the new item is inserted as text
 * right after the list's last item (or before a flow list's `]`), so every comment, flow list
 * and folded paragraph of the file stays byte for byte. Tolerant of how the rest of the source
 * is laid out: it needs only `intents.<name>.samples`, and creates `samples` (re-writing the
 * file through the Document) if the intent has none yet. A sentence already listed is not added
 * twice; the result is parsed again before it is written.
 *
 * @example await addSample('interaction-models/source', 'de', 'ShopFaqIntent', 'kann ich mit karte zahlen')
 */
export async function addSample(sourceDir: string, lang: string, intent: string, sentence: string): Promise<SampleResult> {
  if (!/^[a-z]{2}$/.test(lang)) throw new Error(`unknown language "${lang}"`);
  const sample = sentence.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!SAMPLE.test(sample)) throw new Error(`"${sentence}" is not a sample: use words only (numbers spelled out, no punctuation but apostrophes)`);
  const file = join(sourceDir, `${lang}.yaml`);
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
  const samples = samplesOf(doc, intent, file);
  if (samples?.items.some((item) => textOf(item).toLowerCase() === sample)) return { added: false, reason: 'exists' };

  const scalar = PLAIN.test(sample) ? sample : JSON.stringify(sample);
  let next: string;
  const last = samples?.items.at(-1) as { range?: [number, number, number] } | undefined;
  if (samples && samples.flow && samples.range) {
    const close = text.lastIndexOf(']', samples.range[1]);
    next = `${text.slice(0, close).trimEnd()}${samples.items.length ? ', ' : ''}${scalar}${text.slice(close)}`;
  } else if (samples && last?.range) {
    const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
    const indent = /^\s*/.exec(text.slice(lineStart))![0];
    const lineEnd = text.indexOf('\n', last.range[1]);
    const at = lineEnd === -1 ? text.length : lineEnd;
    next = `${text.slice(0, at)}\n${indent}- ${scalar}${text.slice(at)}`;
  } else {
    const entry = (doc.get('intents') as { get(key: string): { set(key: string, value: unknown): void } }).get(intent);
    entry.set('samples', doc.createNode([sample]));
    next = doc.toString();
  }
  const check = parseDocument(next);
  if (check.errors.length > 0 || !samplesOf(check, intent, file)?.items.some((item) => textOf(item) === sample)) {
    throw new Error(`could not add the sample to ${file} without breaking it; add it by hand`);
  }
  await writeFile(file, next);
  return { added: true };
}

/** The intent names of a language's model source, for the console's "add as sample" choice. */
export async function sourceIntents(sourceDir: string, lang: string): Promise<string[]> {
  if (!/^[a-z]{2}$/.test(lang)) return [];
  const doc = parseDocument(await readFile(join(sourceDir, `${lang}.yaml`), 'utf8'));
  const intents = doc.get('intents');
  return isMap(intents) ? intents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key))) : [];
}
