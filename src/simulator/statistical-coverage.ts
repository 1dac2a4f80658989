import type { DateTime } from 'luxon';
import type { NluModel } from './nlu-model.js';
import { parseScript } from './script-format.js';
import { understand } from './understand.js';
import { understandStatistically } from './understand-statistically.js';

/** A sentence only the statistical recogniser understood, with what it made of it. */
export interface CoverageGap {
  sentence: string;
  intent: string;
  score: number;
}

export interface CoverageReport {
  /** Sentences read. */
  total: number;
  /** Understood word for word by a sample. */
  literal: number;
  /** Only the statistical recogniser understood them, by intent (samples to add). */
  gaps: Map<string, CoverageGap[]>;
  /** Neither understood them. */
  notUnderstood: string[];
}

/**
 * The sentences of a file: the `say:` steps of a conversation script (`.yaml`), else one
 * sentence per line (empty lines and `#` comments skipped).
 *
 * @example sentencesOf('wo ist mein paket\n# ein Kommentar\nhabt ihr offen', 'log.txt') // two sentences
 */
export function sentencesOf(text: string, file: string): string[] {
  if (/\.ya?ml$/i.test(file)) {
    return parseScript(text, file).steps.flatMap((s) => ('utterance' in s.input ? [s.input.utterance] : []));
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/**
 * What the model's samples cover of real sentences (transcripts, scripts): each sentence is
 * matched literally, and where that fails, by the statistical recogniser. Sentences only the
 * latter understands are the samples worth adding, grouped by intent (`models coverage`).
 *
 * @example const report = await statisticalCoverage(model, sentences, clock); report.gaps.get('ShopFaqIntent')
 */
export async function statisticalCoverage(model: NluModel, sentences: readonly string[], clock: DateTime): Promise<CoverageReport> {
  const report: CoverageReport = { total: 0, literal: 0, gaps: new Map(), notUnderstood: [] };
  const seen = new Set<string>();
  for (const sentence of sentences) {
    if (seen.has(sentence)) continue;
    seen.add(sentence);
    report.total++;
    const literal = understand(model, sentence, { clock });
    if (literal.kind === 'launch' || !literal.recognition.fallback) {
      report.literal++;
      continue;
    }
    const u = await understandStatistically(model, sentence, { clock });
    if (u.kind !== 'intent' || u.recognition.match !== 'statistical') {
      report.notUnderstood.push(sentence);
      continue;
    }
    const list = report.gaps.get(u.recognition.intent) ?? [];
    list.push({ sentence, intent: u.recognition.intent, score: u.recognition.score });
    report.gaps.set(u.recognition.intent, list);
  }
  return report;
}
