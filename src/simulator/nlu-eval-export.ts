import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScriptRun } from './run-script.js';
import { mergeExpectations } from './script-expectations.js';

/**
 * One annotation of an Alexa NLU-evaluation annotation set (SMAPI `nluAnnotationSets`): an
 * utterance as said after the skill is open (no wake word, no invocation name), the reference
 * timestamp relative dates resolve against, and the intent and slot values expected.
 */
export interface Annotation {
  utterance: string;
  referenceTimestamp: string;
  intent: string;
  slots: Record<string, string>;
}

/** Request types, not intents: NLU evaluation has nothing to check for them. */
const NOT_INTENTS = new Set(['LaunchRequest', 'SessionEndedRequest']);

/**
 * The annotations the Alexa runs of scripts yield: every spoken step with an expected intent,
 * except openings and answers read in a dialog's context (NLU evaluation sees each utterance on
 * its own), and steps a failed run did not reach. Expected slot values are the step's; slots
 * expected empty are left out.
 */
export function annotationsFromRuns(runs: readonly ScriptRun[]): Map<string, Annotation[]> {
  const byLocale = new Map<string, Annotation[]>();
  for (const run of runs) {
    if (run.platform !== 'alexa') continue;
    run.script.steps.forEach((step, i) => {
      const result = run.steps[i]?.result;
      if (!result || !('utterance' in step.input) || result.invocation === 'launch' || result.inDialog || result.answeredByDialog) return;
      const expect = mergeExpectations(step.expect, step.expectFor.alexa);
      if (!expect.intent || !result.heard || NOT_INTENTS.has(expect.intent)) return;
      const slots: Record<string, string> = {};
      for (const [name, s] of Object.entries(expect.slots ?? {})) if (typeof s.value === 'string' && s.value !== '') slots[name] = s.value;
      const stamp = (result.request as { request?: { timestamp?: string } } | undefined)?.request?.timestamp;
      const annotation: Annotation = {
        utterance: result.heard,
        referenceTimestamp: new Date(stamp ?? Date.now()).toISOString(),
        intent: expect.intent,
        slots,
      };
      const list = byLocale.get(run.locale) ?? [];
      const same = (a: Annotation): boolean => JSON.stringify(a) === JSON.stringify(annotation);
      if (!list.some(same)) list.push(annotation);
      byLocale.set(run.locale, list);
    });
  }
  return byLocale;
}

/** The JSON body of "Update annotations" (`application/json`). */
export function annotationSetJson(annotations: readonly Annotation[]): object {
  return {
    data: annotations.map((a) => ({
      inputs: { utterance: a.utterance, referenceTimestamp: a.referenceTimestamp },
      expected: [{ intent: { name: a.intent, ...(Object.keys(a.slots).length > 0 ? { slots: Object.fromEntries(Object.entries(a.slots).map(([k, v]) => [k, { value: v }])) } : {}) } }],
    })),
  };
}

const csvField = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The CSV form (`text/csv`): `utterance,referenceTimestamp,intent,slot[Name]…`. */
export function annotationSetCsv(annotations: readonly Annotation[]): string {
  const slotNames = [...new Set(annotations.flatMap((a) => Object.keys(a.slots)))].sort();
  const header = ['utterance', 'referenceTimestamp', 'intent', ...slotNames.map((n) => `slot[${n}]`)];
  const rows = annotations.map((a) => [a.utterance, a.referenceTimestamp, a.intent, ...slotNames.map((n) => a.slots[n] ?? '')].map(csvField).join(','));
  return [header.join(','), ...rows].join('\n') + '\n';
}

/**
 * Writes `<locale>.json` and `<locale>.csv` per locale into `dir`; returns the files written.
 * Upload either with `ask smapi update-nlu-annotation-set-annotations`.
 */
export async function writeAnnotationSets(dir: string, byLocale: Map<string, Annotation[]>): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [locale, annotations] of [...byLocale].sort(([a], [b]) => a.localeCompare(b))) {
    const json = join(dir, `${locale}.json`);
    const csv = join(dir, `${locale}.csv`);
    await writeFile(json, JSON.stringify(annotationSetJson(annotations), null, 2) + '\n');
    await writeFile(csv, annotationSetCsv(annotations));
    written.push(json, csv);
  }
  return written;
}
