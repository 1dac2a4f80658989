import type { NluIntent, NluModel } from './nlu-model.js';
import { tokenize } from './normalize-text.js';
import { extractSlots } from './extract-slots.js';
import { recognitionOf, type Recognition, type RecognizeOptions, type RunnerUp } from './recognize.js';
import { NONE, statisticalRecognizer, type Scored } from './statistical-recognizer.js';
import { isCatalogType, trainingWords } from './training-corpus.js';
import { understand, type Understanding } from './understand.js';

/**
 * Below this score the statistical recogniser's best guess is not taken: the sentence gets the
 * fallback, as a platform answers what it is unsure of. Calibrated on the labelled corpus of
 * test/fixtures/nlu (`npm run bench:nlu` prints how many sentences each side of it get right).
 */
export const STATISTICAL_THRESHOLD = 0.7;

const RUNNER_UPS = 3;

export interface UnderstandOptions extends RecognizeOptions {
  /** `literal`: samples only, as before; `statistical` (default): the recogniser where they fail. */
  recognizer?: 'literal' | 'statistical';
}

/**
 * The share of the sentence the model knows: words it was trained on, plus — for an intent with
 * a catalog slot (products) — the longest run of new words, which is the value. NLP.js scores
 * only the words it knows, so "sing me a song about the moon" would otherwise be a confident
 * FAQ question because of "about the"; the recogniser's score is scaled by this share.
 */
function coverage(model: NluModel, intent: NluIntent, words: readonly string[]): number {
  if (words.length === 0) return 0;
  const known = trainingWords(model);
  const hasCatalogSlot = Object.values(intent.slots).some((type) => isCatalogType(model, type));
  let unknown = 0;
  let run = 0;
  let longest = 0;
  for (const w of words) {
    if (known.has(w)) {
      run = 0;
      continue;
    }
    unknown++;
    longest = Math.max(longest, ++run);
  }
  return (words.length - unknown + (hasCatalogSlot ? longest : 0)) / words.length;
}

/** May the intent be chosen now (the dialog's expected intents, Dialogflow's input contexts)? */
function allowed(intent: NluIntent | undefined, options: RecognizeOptions): intent is NluIntent {
  if (!intent) return false;
  if (options.onlyIntents && !options.onlyIntents.has(intent.name)) return false;
  return intent.inputContexts.every((c) => options.activeContexts?.has(c) ?? false);
}

/**
 * {@link understand}, and where no sample matches, the statistical recogniser trained from the
 * same model (statistical-recognizer.ts): its best intent is taken when its score reaches
 * {@link STATISTICAL_THRESHOLD} (scaled by how much of the sentence the model knows), with slots found in the sentence (extract-slots.ts); otherwise
 * the fallback, with the recogniser's guesses as runner-ups. Either way the recognition says
 * how it was matched and how sure it is (simulator.md 16).
 *
 * @example (await understandStatistically(model, 'nehmt ihr kreditkarte', { clock })).recognition.match // 'statistical'
 */
export async function understandStatistically(model: NluModel, utterance: string, options: UnderstandOptions): Promise<Understanding> {
  const literal = understand(model, utterance, options);
  if (literal.kind !== 'intent' || !literal.recognition.fallback || options.recognizer === 'literal') return literal;
  const tokens = tokenize(literal.heard);
  const words = tokens.map((t) => t.key);
  const scored: Scored[] = await (await statisticalRecognizer(model)).classifyWords(words.join(' '));
  const intents = new Map(model.intents.map((i) => [i.name, i]));
  const candidates = scored
    .filter((s) => s.intent !== NONE && s.intent !== model.fallbackIntent && allowed(intents.get(s.intent), options))
    .map((s) => ({ intent: s.intent, score: s.score * coverage(model, intents.get(s.intent)!, words) }))
    .sort((a, b) => b.score - a.score);
  const runnerUps = (from: number): RunnerUp[] =>
    candidates.slice(from, from + RUNNER_UPS).map((s) => ({ intent: s.intent, sample: '', words: 0, typed: 0, score: s.score }));
  const best = candidates[0];
  let recognition: Recognition;
  if (best && best.score >= STATISTICAL_THRESHOLD) {
    const intent = intents.get(best.intent)!;
    const slots = extractSlots(model, intent, tokens, options.clock);
    recognition = recognitionOf(intent, slots, { match: 'statistical', score: best.score, runnerUps: runnerUps(1) });
  } else {
    recognition = { ...literal.recognition, match: 'none', score: best?.score ?? 0, runnerUps: runnerUps(0) };
  }
  return { ...literal, recognition };
}
