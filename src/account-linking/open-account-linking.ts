import type { Config } from '../config.js';
import { createShopwareCustomerLogin } from '../catalog/shopware/shopware-login.js';
import { createAccountLinking, type AccountLinking } from './account-linking.js';
import { createContextSealer, type ContextKey } from './context-sealer.js';
import type { LinkStore } from './link-store.js';
import { openLinkStore } from './open-link-store.js';

/** Account linking as the server mounts it: the service, its store (closed with the deps) and its settings. */
export interface OpenedAccountLinking {
  linking: AccountLinking;
  store: LinkStore;
  clients: Config['accountLinking']['clients'];
  clientIpHeader?: string;
}

/**
 * Opens account linking when the configuration asks for it (`SHOPVOICE_SHOP=shopware` and
 * `SHOPVOICE_OAUTH_CLIENTS`), else undefined. The context tokens are sealed with the same keys
 * as the conversation state (`SHOPVOICE_STATE_KEYS` or the key in the data folder).
 *
 * @example const opened = await openAccountLinking(config, sealKeys, Date.now);
 */
export async function openAccountLinking(config: Config, sealKeys: ContextKey[], now: () => number): Promise<OpenedAccountLinking | undefined> {
  const { clients, clientIpHeader } = config.accountLinking;
  const shopware = config.shop.settings.shopware;
  if (config.shop.settings.kind !== 'shopware' || !shopware || clients.length === 0) return undefined;
  const store = await openLinkStore({ dataDir: config.dataDir, url: config.state.url });
  const shop = createShopwareCustomerLogin({ shopUrl: shopware.url, accessKey: shopware.accessKey, timeoutMs: config.shop.settings.timeoutMs });
  const linking = createAccountLinking({ store, sealer: createContextSealer(sealKeys), clients, shop, now });
  return { linking, store, clients, ...(clientIpHeader ? { clientIpHeader } : {}) };
}
