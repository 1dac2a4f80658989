import { ApiClientError, createAPIClient } from '@shopware/api-client';

export type CustomerLoginResult =
  | { ok: true; contextToken: string }
  /** Wrong e-mail or password (401), or Shopware's own limit on failed logins (429). */
  | { ok: false; reason: 'invalid' | 'throttled' };

/** A customer's login and logout at the Store API: what account linking turns into a context token. */
export interface ShopwareCustomerLogin {
  /** Throws when the shop does not answer (anything but 200, 401 and 429). */
  login(email: string, password: string): Promise<CustomerLoginResult>;
  /** Ends the customer's session; best effort (a context that is gone already is fine). */
  logout(contextToken: string): Promise<void>;
}

/**
 * Logs customers in with their shop credentials (`POST /account/login`) and out again. Each call
 * has its own client: the official client adopts the context token a response carries.
 *
 * @example const { login } = createShopwareCustomerLogin({ shopUrl, accessKey }); await login('anna@example.de', '…');
 */
export function createShopwareCustomerLogin(options: { shopUrl: string; accessKey: string; timeoutMs?: number }): ShopwareCustomerLogin {
  const baseURL = `${options.shopUrl.replace(/\/+$/, '')}/store-api`;
  const fetchOptions = { timeout: options.timeoutMs ?? 1500, retry: 0 as const };
  return {
    async login(email, password) {
      const client = createAPIClient({ baseURL, accessToken: options.accessKey, fetchOptions });
      const before = client.defaultHeaders['sw-context-token'];
      try {
        const { data } = await client.invoke('loginCustomer post /account/login', { body: { username: email, password } });
        // Shopware answers the new token in the sw-context-token header (the client adopts it) and,
        // since 6.4, in the body as contextToken too.
        const token = client.defaultHeaders['sw-context-token'] ?? (data as { contextToken?: string }).contextToken;
        if (!token || token === before) throw new Error('the Store API login answered without a context token');
        return { ok: true, contextToken: token };
      } catch (error) {
        if (error instanceof ApiClientError && error.status === 401) return { ok: false, reason: 'invalid' };
        if (error instanceof ApiClientError && error.status === 429) return { ok: false, reason: 'throttled' };
        throw error;
      }
    },
    async logout(contextToken) {
      const client = createAPIClient({ baseURL, accessToken: options.accessKey, contextToken, fetchOptions });
      try {
        await client.invoke('logoutCustomer post /account/logout');
      } catch (error) {
        if (!(error instanceof ApiClientError && error.status === 403)) throw error;
      }
    },
  };
}
