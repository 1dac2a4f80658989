import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from '@nlpjs/core';
import type { NluNeural } from '@nlpjs/nlu';
import type { Language } from '../catalog/commerce.js';
import type { NluModel } from './nlu-model.js';
import { foldPhrase } from './normalize-text.js';
import { trainingCorpus } from './training-corpus.js';

/** One intent the statistical recogniser considers, with its score (0…1, all scores sum to 1). */
export interface Scored {
  intent: string;
  score: number;
}

/** A trained classifier for one model: sentence in, intents by score out (best first). */
export interface StatisticalRecognizer {
  classify(text: string): Promise<Scored[]>;
  /** {@link classify} for words already folded (normalize-text.ts `foldPhrase`). */
  classifyWords(folded: string): Promise<Scored[]>;
  /** Hash of what it was trained on: the same models give the same hash. */
  readonly hash: string;
}

/** NLP.js's label for "none of the intents". */
export const NONE = 'None';

/** NLP.js is loaded on first use: a literal-only run never pays for it. */
async function newNlu(language: Language): Promise<NluNeural> {
  const [{ containerBootstrap }, { NluNeural: Nlu }, lang] = await Promise.all([
    import('@nlpjs/core'),
    import('@nlpjs/nlu'),
    language === 'de' ? import('@nlpjs/lang-de').then((m) => m.LangDe) : import('@nlpjs/lang-en').then((m) => m.LangEn),
  ]);
  const container: Container = containerBootstrap();
  container.use(lang);
  // useNoneFeature: words the corpus never had push towards "None", so nonsense is not
  // confidently classified as some intent.
  return new Nlu({ locale: language, log: false, useNoneFeature: true }, container);
}

/** Where trained models are kept between runs: SHOPVOICE_NLU_CACHE, else the temp folder. */
export function nluCacheDir(env: Record<string, string | undefined> = process.env): string {
  return env.SHOPVOICE_NLU_CACHE ?? join(tmpdir(), 'shopvoice-nlu-cache');
}

const trained = new Map<string, Promise<StatisticalRecognizer>>();
const byModel = new WeakMap<NluModel, Promise<StatisticalRecognizer>>();

/**
 * The statistical recogniser of a model, trained with NLP.js on the model's own samples
 * (training-corpus.ts). Training takes seconds, so the result is kept in memory per model and
 * on disk per training-corpus hash: the same model files never train twice.
 *
 * @example (await statisticalRecognizer(model)).classify('nehmt ihr kreditkarte')
 */
export function statisticalRecognizer(model: NluModel, cacheDir: string | undefined = nluCacheDir()): Promise<StatisticalRecognizer> {
  let recognizer = byModel.get(model);
  if (recognizer) return recognizer;
  const corpus = trainingCorpus(model);
  const hash = createHash('sha256').update(`nlpjs-4.27|${model.language}|`).update(JSON.stringify(corpus)).digest('hex').slice(0, 24);
  recognizer = trained.get(hash);
  if (!recognizer) {
    recognizer = load(model.language, corpus, hash, cacheDir);
    trained.set(hash, recognizer);
  }
  byModel.set(model, recognizer);
  return recognizer;
}

async function load(language: Language, corpus: Array<{ utterance: string; intent: string }>, hash: string, cacheDir: string | undefined): Promise<StatisticalRecognizer> {
  const nlu = await newNlu(language);
  const file = cacheDir ? join(cacheDir, `${hash}.json`) : undefined;
  const cached = file ? await readFile(file, 'utf8').then((t) => JSON.parse(t) as unknown, () => undefined) : undefined;
  if (cached) {
    nlu.fromJSON(cached);
  } else {
    await nlu.train(corpus);
    if (file && cacheDir) {
      // Written aside and renamed, so a parallel run never reads half a file.
      await mkdir(cacheDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(nlu.toJSON()));
      await rename(temp, file);
    }
  }
  const classifyWords = async (folded: string): Promise<Scored[]> => {
    const { classifications } = await nlu.process(folded);
    return classifications.map((c) => ({ intent: c.intent, score: c.score }));
  };
  return { hash, classifyWords, classify: (text) => classifyWords(foldPhrase(text)) };
}
