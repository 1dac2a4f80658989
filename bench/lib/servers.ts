import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoShopFile } from '../../test/support/commerce-contract.js';
import { FAKE_SHOPWARE_ACCESS_KEY } from '../../test/support/fake-shopware.js';
import { freePort, LOAD_CPU, startHelper, startServer, type HelperProcess, type ServerProcess } from './server-process.js';
import type { ShopvoiceSite } from './shopvoice-run.js';
import { shopvoiceEnv } from './shopvoice-setup.js';

/**
 * The shopvoice servers a run measures, each `node bin/shopvoice.js serve` from the compiled build
 * with verification on and the bench's stand-in for the certificate download:
 * - `shopvoice`: the operator's default (embedded demo shop, analytics recording on, state sealed);
 * - `record` and `norecord`: the default server and the same with `SHOPVOICE_ANALYTICS=off`, each
 *   serving only the recording-overhead pair (issue 18);
 * - `shopware`: `SHOPVOICE_SHOP=shopware` against the tests' Store API stand-in (issue 16);
 * - `noverify`: `SHOPVOICE_ALEXA_VERIFY=false` (the setting behind Alexa's own Lambda trigger), for
 *   the like-for-like comparison with the express + ask-sdk-core baselines, which verify nothing.
 * Each has its own data folder (and so its own seal key).
 */
export type ShopvoiceRole = 'shopvoice' | 'record' | 'norecord' | 'shopware' | 'noverify';

export const ROLES: ShopvoiceRole[] = ['shopvoice', 'record', 'norecord', 'shopware', 'noverify'];

export interface Fleet {
  /** Starts a server of the role; `nodeArgs` go before the script (e.g. `--cpu-prof`). */
  start(role: ShopvoiceRole, options?: { nodeArgs?: string[]; name?: string }): Promise<ServerProcess>;
  /** Stops the helpers (the Shopware stand-in); resolves to their last words. */
  close(): Promise<string>;
}

/** What a role's server runs: the node binary, its preload and entry, after `nodeArgs`. */
function commandOf(repoRoot: string, nodeArgs: string[]): string[] {
  const preload = ['--import', join(repoRoot, 'bench/lib/s3-stand-in.mjs')];
  return [process.execPath, ...nodeArgs, ...preload, join(repoRoot, 'bin/shopvoice.js'), 'serve'];
}

/** Starts servers of the roles on demand; the Shopware stand-in on the load core, once. */
export function createFleet(site: ShopvoiceSite): Fleet {
  let fake: Promise<HelperProcess> | undefined;
  const shopware = () =>
    (fake ??= startHelper({
      name: 'fake-shopware',
      command: [process.execPath, '--import', 'tsx', join(site.repoRoot, 'bench/servers/fake-shopware.ts')],
      env: {},
      cwd: site.repoRoot,
      logFile: join(site.workDir, 'fake-shopware.log'),
      // Warm, the adapter asks it only for the catalog version every 30 s: it stays off the server's core.
      cpu: LOAD_CPU,
      announce: /^fake-shopware (http:\S+)$/m,
    }));
  let started = 0;
  return {
    async start(role, options = {}) {
      const port = await freePort();
      const dataDir = role === 'shopvoice' ? site.dataDir : join(site.workDir, `data-${role}`);
      const env: Record<string, string> = { ...shopvoiceEnv(site.certs, port, dataDir) };
      if (role === 'norecord') env.SHOPVOICE_ANALYTICS = 'off';
      if (role === 'noverify') env.SHOPVOICE_ALEXA_VERIFY = 'false';
      if (role === 'shopware') {
        const shopFile = join(site.workDir, 'shop-file.json');
        writeFileSync(shopFile, JSON.stringify(demoShopFile()));
        Object.assign(env, {
          SHOPVOICE_SHOP: 'shopware',
          SHOPVOICE_SHOPWARE_URL: (await shopware()).url,
          SHOPVOICE_SHOPWARE_ACCESS_KEY: FAKE_SHOPWARE_ACCESS_KEY,
          SHOPVOICE_SHOP_FILE: shopFile,
        });
      }
      const name = options.name ?? role;
      return startServer({
        name,
        command: commandOf(site.repoRoot, options.nodeArgs ?? []),
        env,
        port,
        cwd: site.repoRoot,
        logFile: join(site.workDir, `${name}-${++started}.log`),
      });
    },
    async close() {
      if (!fake) return '';
      const helper = await fake.catch(() => undefined);
      if (!helper) return '';
      await helper.stop();
      return helper.output();
    },
  };
}
