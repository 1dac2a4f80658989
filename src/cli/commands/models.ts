import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { openEmbeddedShop } from '../../catalog/embedded/embedded-shop.js';
import { openConfiguredShop } from '../../catalog/open-shop.js';
import { loadConfig, loadUploadConfig, type Config, type UploadConfig } from '../../config.js';
import { SUPPORTED_LOCALES } from '../../domain/turn.js';
import { zipAgent } from '../../models/agent-zip.js';
import { ALEXA_MODELS_DIR, buildModelFiles, DIALOGFLOW_AGENT_DIR } from '../../models/build-models.js';
import { readCatalog, type CatalogSnapshot } from '../../models/catalog-snapshot.js';
import { WEBHOOK_PLACEHOLDER } from '../../models/dialogflow-agent.js';
import { loadSource } from '../../models/load-source.js';
import { readAgentFiles, staleModelFiles, writeModelFiles } from '../../models/model-files.js';
import { formatProblem, hasErrors, type Problem } from '../../models/problem.js';
import { uploadAlexaModels } from '../../models/upload/alexa-upload.js';
import { uploadDialogflowAgent } from '../../models/upload/dialogflow-upload.js';
import { UploadError, type FetchFn } from '../../models/upload/http-retry.js';
import { alexaSettings, dialogflowSettings } from '../../models/upload/upload-settings.js';
import { validateModels } from '../../models/validate-models.js';
import { validateSource } from '../../models/validate-source.js';
import { clockAt, DEFAULT_TIME_ZONE } from '../../simulator/conversation.js';
import { defaultModelsRoot, openModelSet } from '../../simulator/model-set.js';
import { sentencesOf, statisticalCoverage } from '../../simulator/statistical-coverage.js';
import type { CliIo } from '../cli-io.js';

const USAGE = `usage:
  shopvoice models build [--check] [--zip] [--demo | --data-dir DIR] [--root DIR] [--out DIR]
  shopvoice models validate [--root DIR]
  shopvoice models coverage FILE [--locale de-DE] [--platform alexa|google] [--now ISO] [--root DIR] [--json]
  shopvoice models upload --platform alexa|dialogflow [--root DIR] [--no-wait] [--timeout SECONDS]
      alexa:      [--skill-id ID] [--stage development] [--locale de-DE ...] [--smapi-url URL] [--lwa-url URL]
      dialogflow: [--project ID] [--key-file FILE] [--webhook-url URL] [--dialogflow-url URL] [--token-url URL]`;

/** What the command takes from outside; tests pass their own. */
export interface ModelsDeps {
  /** The shop `build` reads the catalog from; default `loadConfig()`, read only by `build`. */
  config?: Config;
  /** Credentials and API addresses of `upload`; default `loadUploadConfig()`, read only by `upload`. */
  upload?: UploadConfig;
  fetch?: FetchFn;
  sleep?: (ms: number) => Promise<void>;
}

/** `shopvoice models build | validate | upload`. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  return runModels(argv, io, {});
}

/** The command with its outside dependencies injected. */
export async function runModels(argv: string[], io: CliIo, deps: ModelsDeps): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'build') return await build(rest, io, deps);
    if (sub === 'validate') return await validate(rest, io);
    if (sub === 'upload') return await upload(rest, io, deps);
    if (sub === 'coverage') return await coverage(rest, io);
  } catch (e) {
    if (e instanceof UploadError || (e instanceof TypeError && (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')) {
      io.err(`shopvoice models ${sub}: ${e.message}`);
      return e instanceof UploadError ? 1 : 2;
    }
    throw e;
  }
  io.err(USAGE);
  return 2;
}

function printProblems(problems: readonly Problem[], io: CliIo): void {
  for (const p of problems) (p.severity === 'error' ? io.err : io.out)(formatProblem(p));
}

/** The catalog the models are filled from: a fresh demo shop (`--demo`) or the configured data dir. */
async function catalogFor(flags: { demo?: boolean; 'data-dir'?: string }, config: Config): Promise<{ catalog: CatalogSnapshot; from: string }> {
  const temp = flags.demo ? await mkdtemp(join(tmpdir(), 'shopvoice-models-')) : undefined;
  const dataDir = temp ?? flags['data-dir'] ?? config.dataDir;
  // A configured shop API is the merchant's real catalog; --demo and --data-dir name an embedded
  // one. Listing a whole catalog is no voice turn: it may take longer than one turn's timeout.
  const remote = !temp && !flags['data-dir'] && Boolean(config.shop.apiUrl);
  const shop = remote
    ? await openConfiguredShop({ ...config, shop: { ...config.shop, timeoutMs: Math.max(config.shop.timeoutMs, 10_000) } })
    : await openEmbeddedShop({ dataDir });
  try {
    return { catalog: await readCatalog(shop), from: temp ? 'the demo shop' : remote ? `the shop API at ${config.shop.apiUrl}` : `the shop in ${dataDir}` };
  } finally {
    await shop.close?.();
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

async function build(argv: string[], io: CliIo, deps: ModelsDeps): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean' }, zip: { type: 'boolean' }, demo: { type: 'boolean' }, 'data-dir': { type: 'string' }, root: { type: 'string' }, out: { type: 'string' } },
  });
  const root = flags.root ?? 'interaction-models';
  const config = deps.config ?? loadConfig();
  // The repository's committed models are the demo's (`--demo`, checked by npm test); a merchant's
  // models go to a folder of their own, so building them never makes the repository's stale.
  const out = flags.out ?? (flags.demo ? root : join(flags['data-dir'] ?? config.dataDir, 'models'));
  const loaded = await loadSource(join(root, 'source'));
  const problems = [...loaded.problems, ...(loaded.source ? validateSource(loaded.source) : [])];
  printProblems(problems, io);
  if (!loaded.source || hasErrors(problems)) {
    io.err('models build: the source has errors (above); nothing was built');
    return 1;
  }
  const { catalog, from } = await catalogFor(flags, config);
  const { files, notes } = buildModelFiles(loaded.source, catalog);
  for (const note of notes) io.out(`note: ${note}`);
  if (flags.check) {
    const stale = await staleModelFiles(out, files);
    if (stale.length > 0) {
      for (const s of stale) io.err(`stale: ${join(out, s.path)} (${s.reason})`);
      io.err(`models build --check: ${stale.length} generated file(s) do not match the source and ${from}; run \`shopvoice models build${flags.demo ? ' --demo' : ''}\` and commit the result`);
      return 1;
    }
    io.out(`models build --check: all ${files.length} generated files are up to date (built from ${from})`);
    return 0;
  }
  if (resolve(out) !== resolve(root)) {
    // A complete model folder: its own copy of the source, so validate and upload work on it alone.
    await cp(join(root, 'source'), join(out, 'source'), { recursive: true });
  }
  const changed = await writeModelFiles(out, files);
  for (const c of changed) io.out(`${c.reason === 'not generated any more' ? 'removed' : 'wrote'} ${join(out, c.path)}`);
  io.out(`models build: ${changed.length} of ${files.length} files changed in ${out} (built from ${from}, ${catalog.products.length} products)`);
  if (resolve(out) !== resolve(root)) io.out(`next: shopvoice models validate --root ${out}, then shopvoice models upload --platform alexa|dialogflow --root ${out}`);
  if (flags.zip) {
    const zipPath = join(out, 'dialogflow', 'agent.zip');
    await writeFile(zipPath, await zipAgent(files));
    io.out(`wrote ${zipPath}`);
  }
  return 0;
}

async function validate(argv: string[], io: CliIo): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options: { root: { type: 'string' } } });
  const { problems, checked } = await validateModels(flags.root ?? 'interaction-models');
  printProblems(problems, io);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const summary = `models validate: ${errors} error(s), ${problems.length - errors} warning(s); checked ${checked.join(', ') || 'nothing'}`;
  (errors > 0 ? io.err : io.out)(summary);
  return errors > 0 ? 1 : 0;
}

/**
 * `models coverage FILE`: the sentences of FILE (one per line, or a conversation script) that
 * only the statistical recogniser understands, grouped by intent: the samples to add.
 */
async function coverage(argv: string[], io: CliIo): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      locale: { type: 'string', default: 'de-DE' }, platform: { type: 'string', default: 'alexa' }, now: { type: 'string' },
      root: { type: 'string' }, json: { type: 'boolean', default: false }, 'time-zone': { type: 'string', default: DEFAULT_TIME_ZONE },
    },
  });
  const [file] = positionals;
  if (!file || (flags.platform !== 'alexa' && flags.platform !== 'google')) {
    io.err(USAGE);
    return 2;
  }
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) {
    io.err(`models coverage: cannot read ${file}`);
    return 1;
  }
  const model = await openModelSet(flags.root ?? defaultModelsRoot()).forPlatform(flags.platform, flags.locale);
  const report = await statisticalCoverage(model, sentencesOf(text, file), clockAt(flags.now ?? DateTime.now().toISO()!, flags['time-zone']));
  const gaps = [...report.gaps].sort(([a], [b]) => (a < b ? -1 : 1));
  const only = gaps.reduce((n, [, list]) => n + list.length, 0);
  if (flags.json) {
    io.out(JSON.stringify({
      total: report.total, literal: report.literal, statisticalOnly: only, notUnderstood: report.notUnderstood,
      samplesToAdd: Object.fromEntries(gaps.map(([intent, list]) => [intent, list.map((g) => ({ sentence: g.sentence, score: Math.round(g.score * 1000) / 1000 }))])),
    }));
    return 0;
  }
  for (const [intent, list] of gaps) {
    io.out(`${intent} (${list.length})`);
    for (const g of list) io.out(`  ${g.sentence}    ${g.score.toFixed(2)}`);
  }
  if (report.notUnderstood.length > 0) {
    io.out(`not understood (${report.notUnderstood.length})`);
    for (const s of report.notUnderstood) io.out(`  ${s}`);
  }
  io.out(`models coverage: ${report.total} sentences, ${report.literal} matched by a sample, ${only} only by the statistical recogniser (samples to add, above), ${report.notUnderstood.length} not understood (${model.platform} ${model.locale})`);
  return 0;
}

async function upload(argv: string[], io: CliIo, deps: ModelsDeps): Promise<number> {
  const { values: flags } = parseArgs({
    args: argv,
    options: {
      platform: { type: 'string' }, root: { type: 'string' }, 'no-wait': { type: 'boolean' }, timeout: { type: 'string' },
      'skill-id': { type: 'string' }, stage: { type: 'string' }, locale: { type: 'string', multiple: true },
      'smapi-url': { type: 'string' }, 'lwa-url': { type: 'string' },
      project: { type: 'string' }, 'key-file': { type: 'string' }, 'webhook-url': { type: 'string' },
      'dialogflow-url': { type: 'string' }, 'token-url': { type: 'string' },
    },
  });
  const root = flags.root ?? 'interaction-models';
  if (flags.platform !== 'alexa' && flags.platform !== 'dialogflow') {
    io.err(`models upload: --platform must be alexa or dialogflow\n${USAGE}`);
    return 2;
  }
  const { problems } = await validateModels(root);
  if (hasErrors(problems)) {
    printProblems(problems.filter((p) => p.severity === 'error'), io);
    io.err('models upload: the models have errors (above); fix them and run models build first');
    return 1;
  }
  const config = deps.upload ?? loadUploadConfig();
  const seconds = Number(flags.timeout ?? 300);
  const common = {
    log: io.out,
    timeoutMs: flags['no-wait'] ? 0 : seconds * 1000,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  };

  if (flags.platform === 'alexa') {
    const settings = alexaSettings({ skillId: flags['skill-id'], smapiUrl: flags['smapi-url'], lwaUrl: flags['lwa-url'] }, config.alexa);
    if (!settings.ok) {
      io.err(`models upload --platform alexa: missing ${settings.missing.join(', ')}`);
      return 2;
    }
    const locales = flags.locale ?? [...SUPPORTED_LOCALES].sort();
    const models: Record<string, string> = {};
    for (const locale of locales) {
      const text = await readFile(join(root, ALEXA_MODELS_DIR, `${locale}.json`), 'utf8').catch(() => undefined);
      if (text === undefined) {
        io.err(`models upload: no model for ${locale} in ${join(root, ALEXA_MODELS_DIR)} (run models build)`);
        return 1;
      }
      models[locale] = text;
    }
    io.out(`uploading ${locales.join(', ')} to skill ${settings.value.skillId} (${flags.stage ?? 'development'})`);
    const results = await uploadAlexaModels({ ...settings.value, ...common, stage: flags.stage ?? 'development', models });
    for (const r of results) (r.status === 'SUCCEEDED' ? io.out : io.err)(`${r.locale}: ${r.status}${r.messages.length ? ` — ${r.messages.join('; ')}` : ''}`);
    return results.every((r) => r.status === 'SUCCEEDED') || (flags['no-wait'] && results.every((r) => r.status !== 'FAILED')) ? 0 : 1;
  }

  const settings = await dialogflowSettings({ keyFile: flags['key-file'], project: flags.project, apiUrl: flags['dialogflow-url'], tokenUrl: flags['token-url'] }, config.dialogflow);
  if (!settings.ok) {
    io.err(`models upload --platform dialogflow: missing ${settings.missing.join(', ')}`);
    return 2;
  }
  const files = await readAgentFiles(root);
  if (files.length === 0) {
    io.err(`models upload: no agent in ${join(root, DIALOGFLOW_AGENT_DIR)} (run models build)`);
    return 1;
  }
  const webhook = flags['webhook-url'] ?? config.dialogflow.webhookUrl;
  if (webhook) {
    const agentFile = files.find((f) => f.path === `${DIALOGFLOW_AGENT_DIR}/agent.json`)!;
    agentFile.content = agentFile.content.replace(JSON.stringify(WEBHOOK_PLACEHOLDER), JSON.stringify(webhook));
  } else {
    io.out(`note: the agent's webhook stays ${WEBHOOK_PLACEHOLDER}; pass --webhook-url https://<your host>/google to set it`);
  }
  io.out(`restoring the agent into project ${settings.value.project}`);
  const result = await uploadDialogflowAgent({ ...settings.value, ...common, zip: await zipAgent(files) });
  (result.status === 'FAILED' ? io.err : io.out)(`dialogflow: ${result.status}${result.message ? ` — ${result.message}` : ''} (${result.operation})`);
  return result.status === 'SUCCEEDED' || (flags['no-wait'] && result.status === 'IN_PROGRESS') ? 0 : 1;
}
