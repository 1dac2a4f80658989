import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { silentLogger, type Logger } from '../domain/deps.js';
import { simulatedCustomerProfile } from '../platforms/alexa/customer-profile.js';
import { closeDeps, openDeps, type AppDeps } from '../server/open-deps.js';

/** The backend a simulation talks to in process: the same deps `shopvoice serve` opens. */
export interface SimBackend {
  deps: AppDeps;
  close(): Promise<void>;
}

/**
 * Opens the configured backend (SHOPVOICE_DATA_DIR and the rest of the environment), as the
 * server would: `simulate` shows what this installation answers, merchant catalog included.
 */
export async function openConfiguredBackend(env: Record<string, string | undefined> = process.env, log: Logger = silentLogger): Promise<SimBackend> {
  const deps = await openDeps(loadConfig(env), log, { analytics: false, customerProfile: simulatedCustomerProfile });
  return { deps, close: () => closeDeps(deps) };
}

/**
 * Fresh demo backends for scripts: every run gets its own copy of a freshly seeded data folder,
 * so a reorder placed by one script is never seen by the next. Seeding happens once; each run
 * copies the SQLite files (milliseconds).
 */
export interface FreshBackends {
  open(): Promise<SimBackend>;
  close(): Promise<void>;
}

export async function freshBackends(env: Record<string, string | undefined> = {}): Promise<FreshBackends> {
  const root = await mkdtemp(join(tmpdir(), 'shopvoice-sim-'));
  const template = join(root, 'template');
  const seeded = await openDeps(loadConfig({ ...env, SHOPVOICE_DATA_DIR: template }), silentLogger, { analytics: false, customerProfile: simulatedCustomerProfile });
  await closeDeps(seeded);
  let count = 0;
  return {
    async open() {
      const dir = join(root, `run-${++count}`);
      await cp(template, dir, { recursive: true });
      const deps = await openDeps(loadConfig({ ...env, SHOPVOICE_DATA_DIR: dir }), silentLogger, { analytics: false, customerProfile: simulatedCustomerProfile });
      return {
        deps,
        async close() {
          await closeDeps(deps);
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
}
