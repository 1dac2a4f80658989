import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../domain/turn.js';
import type { ModelSet } from './model-set.js';
import { planRuns, runScript, type ScriptRun } from './run-script.js';
import { parseScript, type ConversationScript } from './script-format.js';
import { changePrices } from '../catalog/embedded/change-prices.js';
import type { AppDeps } from '../server/open-deps.js';
import { freshBackends } from './sim-backend.js';
import { httpTransport, inProcessTransport, type HttpTransportOptions } from './transport.js';

/** Where the conversation scripts live by default. */
export const DEFAULT_SCRIPTS_DIR = 'test/conversations';

/** The `.yaml` files named, folders expanded (sorted, so runs repeat in the same order). */
export async function scriptFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n)).sort();
      out.push(...names.map((n) => join(path, n)));
    } else {
      out.push(path);
    }
  }
  return out;
}

/** Reads and checks scripts; a broken script is an error naming it. */
export async function loadScripts(files: readonly string[]): Promise<ConversationScript[]> {
  return Promise.all(files.map(async (file) => parseScript(await readFile(file, 'utf8'), file)));
}

export interface RunScriptsOptions {
  models: ModelSet;
  /** The clock (ISO 8601) of scripts that set none; the CLI passes the present, tests a fixed instant. */
  now: string;
  /** Only these platforms (default: what each script names). */
  platforms?: readonly Platform[];
  /** A running server instead of the adapters in process. */
  endpoint?: string;
  http?: HttpTransportOptions;
  /** The skill id Alexa requests carry (a server checks it against SHOPVOICE_ALEXA_SKILL_ID). */
  skillId?: string;
  /** Called after each run (progress output). */
  onRun?: (run: ScriptRun) => void;
}

/**
 * Runs every script on every platform and locale it names. In process, each run gets a fresh
 * copy of the seeded demo shop, so scripts never see each other's orders; against an endpoint,
 * the server's own data is used.
 *
 * @example const runs = await runScripts(await loadScripts(files), { models, now: '2026-11-24T10:00:00+01:00' });
 */
export async function runScripts(scripts: readonly ConversationScript[], options: RunScriptsOptions): Promise<ScriptRun[]> {
  const plans = scripts.flatMap((s) => planRuns(s, options.platforms));
  const runs: ScriptRun[] = [];
  if (options.endpoint) {
    const transport = httpTransport(options.endpoint, options.http);
    for (const plan of plans) {
      const run = await runScript(plan, options.models, transport, options.now, options.skillId);
      runs.push(run);
      options.onRun?.(run);
    }
    return runs;
  }
  // Purchase codes on: a customer without a code orders as before; a script's `purchaseCode` sets one.
  const backends = await freshBackends({ SHOPVOICE_PURCHASE_CODE: 'on' });
  try {
    for (const plan of plans) {
      const backend = await backends.open();
      try {
        await setScriptPurchaseCode(backend.deps, plan.script, options.now);
        const shop = { changePrices: (prices: Record<string, number>) => changePrices(backend.deps.config.dataDir, prices) };
        const run = await runScript(plan, options.models, inProcessTransport(backend.deps), options.now, options.skillId, shop);
        runs.push(run);
        options.onRun?.(run);
      } finally {
        await backend.close();
      }
    }
  } finally {
    await backends.close();
  }
  return runs;
}

/** Sets the purchase code a script names for its account's customer (issue 17). */
async function setScriptPurchaseCode(deps: AppDeps, script: ConversationScript, now: string): Promise<void> {
  if (!script.purchaseCode || !script.account || !deps.purchaseCodes) return;
  const customer = await deps.commerce.customerByToken(script.account);
  if (!customer) throw new Error(`${script.file}: account ${script.account} is no customer of the demo shop`);
  await deps.purchaseCodes.setCode(customer.id, script.purchaseCode, new Date(script.clock ?? now));
}
