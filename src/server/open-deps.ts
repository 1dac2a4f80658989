import type { Config } from '../config.js';
import type { Logger } from '../domain/deps.js';
import { openEmbeddedShop } from '../catalog/embedded/embedded-shop.js';
import { createHttpCommerce } from '../catalog/http/http-commerce.js';
import { openSqliteStateStore } from '../state/sqlite-state-store.js';
import type { AppDeps } from './app.js';

/** Opens the catalog and the state store the configuration names (default: the embedded demo shop). */
export async function openDeps(config: Config, log: Logger): Promise<AppDeps> {
  const commerce = config.shop.apiUrl
    ? createHttpCommerce({ baseUrl: config.shop.apiUrl, token: requireToken(config), timeoutMs: config.shop.timeoutMs })
    : await openEmbeddedShop({ dataDir: config.dataDir });
  const state = openSqliteStateStore(config.dataDir);
  return {
    config,
    commerce,
    state,
    log,
    contact: { phone: config.shop.phone, email: config.shop.email },
  };
}

function requireToken(config: Config): string {
  if (!config.shop.apiToken) throw new Error('SHOPVOICE_SHOP_API_URL is set: set SHOPVOICE_SHOP_API_TOKEN too (the bearer token the shop API expects)');
  return config.shop.apiToken;
}

/** Closes what `openDeps` opened. */
export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.commerce.close?.();
  await deps.state.close();
}
