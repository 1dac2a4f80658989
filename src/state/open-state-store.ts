import type { StateStore } from './state-store.js';

export interface StateStoreSettings {
  /** Folder of the SQLite file, the default store. */
  dataDir: string;
  /** `postgres://…` (`SHOPVOICE_STATE_URL`): the shared store for many instances. */
  url?: string;
  /** Reports errors of idle PostgreSQL connections (a restarted database). */
  onIdleError?: (error: Error) => void;
}

/**
 * The configured state store: PostgreSQL when a URL is set, else the SQLite file in the data folder.
 *
 * @example const state = await openStateStore({ dataDir: config.dataDir, url: config.stateUrl });
 */
export async function openStateStore(settings: StateStoreSettings): Promise<StateStore> {
  if (settings.url) {
    if (!/^postgres(ql)?:\/\//.test(settings.url)) throw new Error('SHOPVOICE_STATE_URL must be a postgres:// URL (unset: the SQLite file in the data folder)');
    // Loaded only when configured: `pg` costs about 50 ms of a cold start that does not need it.
    const { openPostgresStateStore } = await import('./postgres-state-store.js');
    return openPostgresStateStore(settings.url, settings.onIdleError ? { onIdleError: settings.onIdleError } : {});
  }
  // Loaded only when used, so the PostgreSQL path (the Lambda bundles) never reaches better-sqlite3.
  const { openSqliteStateStore } = await import('./sqlite-state-store.js');
  return openSqliteStateStore(settings.dataDir);
}
