/**
 * `npm run bench:simulator [-- --sentences N] [-- --seconds S]`
 *
 * Sentences per second the simulator resolves (invocation, normalisation, every sample matched
 * with typed slots and backtracking, ranking) on one core, over sentences made from the real
 * interaction models (de-DE and en-US), and in the same run the same figure for a naive
 * regex-per-sample matcher over the same sentences. Accuracy against the sentences' labels is
 * printed next to each, since speed without it means little. Target: at least 2,000 sentences/s.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import type { NluModel } from '../../src/simulator/nlu-model.js';
import { understand } from '../../src/simulator/understand.js';
import { labelledSentences, type LabelledSentence } from './labelled-sentences.js';
import { naiveMatcher } from './naive-matcher.js';

const { values } = parseArgs({ options: { sentences: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '3' } } });
const perLocale = Number(values.sentences);
const seconds = Number(values.seconds);
const clock = DateTime.fromISO('2026-11-22T10:00:00', { zone: 'Europe/Berlin' });

interface Measured {
  perSecond: number;
  accuracy: number;
}

/** Runs `recognise` over the sentences for about `seconds`, after a warm-up pass. */
function measure(sentences: LabelledSentence[], recognise: (text: string) => string): Measured {
  let correct = 0;
  for (const s of sentences) if (recognise(s.text) === s.intent) correct++;
  let done = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < budget) {
    for (const s of sentences) recognise(s.text);
    done += sentences.length;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSecond: done / elapsed, accuracy: correct / sentences.length };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(1)} %`;

const models = openModelSet(defaultModelsRoot());
const rows: string[][] = [];
for (const locale of ['de-DE', 'en-US']) {
  const model: NluModel = await models.alexa(locale);
  const sentences = labelledSentences(model, perLocale);
  const simulator = measure(sentences, (text) => {
    const u = understand(model, text, { clock });
    return u.kind === 'intent' ? u.recognition.intent : 'LaunchRequest';
  });
  const naive = measure(sentences, naiveMatcher(model));
  rows.push([locale, `${model.patterns.length} samples`, fmt(simulator.perSecond), pct(simulator.accuracy), fmt(naive.perSecond), pct(naive.accuracy)]);
}

const header = ['locale', 'model', 'simulator sent/s', 'accuracy', 'naive regex sent/s', 'accuracy'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
console.log(`simulator recognition, one core (${cpus()[0]?.model ?? 'cpu'}), ${perLocale} sentences per locale, ${seconds} s each`);
console.log(line(header));
for (const r of rows) console.log(line(r));
const slowest = Math.min(...rows.map((r) => Number(r[2]!.replace(/,/g, ''))));
console.log(`\nslowest locale: ${fmt(slowest)} sentences/s (target ≥ 2,000): ${slowest >= 2000 ? 'met' : 'NOT met'}`);
