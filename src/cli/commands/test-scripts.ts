import { DateTime } from 'luxon';
import { loadConfig } from '../../config.js';
import type { Platform } from '../../domain/turn.js';
import { defaultModelsRoot, openModelSet } from '../../simulator/model-set.js';
import { annotationsFromRuns, writeAnnotationSets } from '../../simulator/nlu-eval-export.js';
import type { ScriptRun } from '../../simulator/run-script.js';
import { DEFAULT_SCRIPTS_DIR, loadScripts, runScripts, scriptFiles } from '../../simulator/run-scripts.js';
import { ScriptError } from '../../simulator/script-format.js';
import { parseCommandArgs } from '../command-args.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage: shopvoice test [files or folders...] [--platform alexa|google] [--endpoint URL]
                     [--google-auth USER:PASSWORD] [--skill-id ID] [--models DIR]
                     [--export-nlu-eval DIR] [--verbose]

Runs conversation scripts (default: ${DEFAULT_SCRIPTS_DIR}/) on every platform and locale they name,
and ends with "N passed, N failed". --export-nlu-eval writes Alexa NLU-evaluation annotation sets
(<locale>.json and <locale>.csv) from the scripts' expectations.`;

const OPTIONS = {
  platform: { type: 'string', multiple: true },
  endpoint: { type: 'string' },
  'google-auth': { type: 'string' },
  'skill-id': { type: 'string' },
  models: { type: 'string' },
  'export-nlu-eval': { type: 'string' },
  verbose: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function report(run: ScriptRun, io: CliIo, verbose: boolean): void {
  const where = `${run.script.name} [${run.platform} ${run.locale}]`;
  if (run.passed) {
    io.out(`ok    ${where}`);
    if (!verbose) return;
  } else {
    io.out(`FAIL  ${where}  (${run.script.file})`);
  }
  for (const step of run.steps) {
    if (step.skipped) continue;
    const said = step.result?.utterance !== undefined ? ` "${step.result.utterance}"` : step.result ? ` ${step.result.intent}` : '';
    if (verbose && step.result) io.out(`      ${step.label}${said} → ${step.result.intent}: ${step.result.speech}`);
    for (const failure of step.failures) io.out(`      ${step.label}${said}: ${failure}`);
  }
}

/** `shopvoice test`: runs conversation scripts; exit 1 when any run fails. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs(argv, OPTIONS, USAGE, io);
  if (typeof args === 'number') return args;
  const { values, positionals } = args;
  const platforms = values.platform as Platform[] | undefined;
  if (platforms?.some((p) => p !== 'alexa' && p !== 'google')) {
    io.err('--platform must be alexa or google');
    return 2;
  }
  let scripts;
  let skillId: string | undefined;
  try {
    scripts = await loadScripts(await scriptFiles(positionals.length > 0 ? positionals : [DEFAULT_SCRIPTS_DIR]));
    // The skill id a server checks (SHOPVOICE_ALEXA_SKILL_ID), so --endpoint runs pass its check.
    skillId = values['skill-id'] ?? loadConfig().alexa.skillIds[0];
  } catch (error) {
    io.err(error instanceof ScriptError ? error.message : `test: ${(error as Error).message}`);
    return 2;
  }
  const runs = await runScripts(scripts, {
    models: openModelSet(values.models ?? defaultModelsRoot()),
    // Scripts that set no clock run at the present instant, as a tester at the console would.
    now: DateTime.now().toISO()!,
    ...(platforms ? { platforms } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
    ...(values['google-auth'] ? { http: { googleAuth: values['google-auth'] } } : {}),
    ...(skillId ? { skillId } : {}),
    onRun: (r) => report(r, io, values.verbose),
  });
  if (values['export-nlu-eval']) {
    const sets = annotationsFromRuns(runs);
    const files = await writeAnnotationSets(values['export-nlu-eval'], sets);
    const count = [...sets.values()].reduce((n, list) => n + list.length, 0);
    io.out(`NLU evaluation: ${count} annotations in ${files.join(', ')}`);
  }
  const passed = runs.filter((r) => r.passed).length;
  io.out(`${passed} passed, ${runs.length - passed} failed`);
  return passed === runs.length ? 0 : 1;
}
