import type { Config } from '../config.js';
import type { Logger } from '../domain/deps.js';
import { openEmbeddedShop } from '../catalog/embedded/embedded-shop.js';
import { openSqliteStateStore } from '../state/sqlite-state-store.js';
import type { AppDeps } from './app.js';

/** Opens the catalog and the state store the configuration names (default: the embedded demo shop). */
export async function openDeps(config: Config, log: Logger): Promise<AppDeps> {
  if (config.shop.apiUrl) {
    throw new Error('SHOPVOICE_SHOP_API_URL is set, but the HTTP catalog client is not available in this build');
  }
  const commerce = await openEmbeddedShop({ dataDir: config.dataDir });
  const state = openSqliteStateStore(config.dataDir);
  return {
    config,
    commerce,
    state,
    log,
    contact: { phone: config.shop.phone, email: config.shop.email },
  };
}

/** Closes what `openDeps` opened. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.commerce.close?.();
  await deps.state.close();
}
