import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createContextSealer } from '../../src/account-linking/context-sealer.js';
import { loadConfig, SettingError } from '../../src/config.js';

const SHOPWARE = { SHOPVOICE_SHOP: 'shopware', SHOPVOICE_SHOPWARE_URL: 'https://shop.example', SHOPVOICE_SHOPWARE_ACCESS_KEY: 'SWSCX', SHOPVOICE_SHOP_FILE: 'shop.yaml' };
const HASH = createHash('sha256').update('secret').digest('hex');
const client = (extra: Record<string, unknown> = {}) => ({ id: 'alexa', secretSha256: HASH, redirectUris: ['https://layla.amazon.com/api/skill/link/M2ABC'], ...extra });
const clients = (...list: unknown[]) => JSON.stringify(list);

test('SHOPVOICE_OAUTH_CLIENTS: clients with a hashed secret and exact https redirect URIs', () => {
  const config = loadConfig({ ...SHOPWARE, SHOPVOICE_OAUTH_CLIENTS: clients(client({ name: 'Alexa' }), client({ id: 'google', redirectUris: ['https://oauth-redirect.googleusercontent.com/r/proj'] })) });
  assert.deepEqual(config.accountLinking.clients.map((c) => [c.id, c.name]), [['alexa', 'Alexa'], ['google', 'google']]);
  assert.deepEqual(loadConfig(SHOPWARE).accountLinking.clients, [], 'unset: account linking is off');
});

test('a client setting that cannot work stops the start with the setting named', () => {
  const refused = (env: Record<string, string>, pattern: RegExp) =>
    assert.throws(() => loadConfig(env), (e: unknown) => e instanceof SettingError && pattern.test(e.message));
  refused({ ...SHOPWARE, SHOPVOICE_OAUTH_CLIENTS: '{not json' }, /SHOPVOICE_OAUTH_CLIENTS is not JSON/);
  refused({ ...SHOPWARE, SHOPVOICE_OAUTH_CLIENTS: clients(client({ secretSha256: 'secret' })) }, /sha256sum/);
  refused({ ...SHOPWARE, SHOPVOICE_OAUTH_CLIENTS: clients(client({ redirectUris: ['http://layla.amazon.com/api/skill/link/M2'] })) }, /not an absolute https URL/);
  refused({ ...SHOPWARE, SHOPVOICE_OAUTH_CLIENTS: clients(client(), client()) }, /twice/);
  refused({ SHOPVOICE_OAUTH_CLIENTS: clients(client()) }, /SHOPVOICE_SHOP is embedded/);
  refused({ ...SHOPWARE, SHOPVOICE_SHOPWARE_FAQ_PAGES: 'shipping_costs:not-an-id' }, /SHOPVOICE_SHOPWARE_FAQ_PAGES/);
});

test('sealed context tokens open only with a known key and for their own grant', () => {
  const old = createContextSealer([{ id: 'k1', secret: 'first-secret-0123456789' }]);
  const sealed = old.seal('ctx-token-abc', 'grant-1');
  assert.doesNotMatch(sealed, /ctx-token-abc/);
  const rotated = createContextSealer([{ id: 'k2', secret: 'second-secret-0123456789' }, { id: 'k1', secret: 'first-secret-0123456789' }]);
  assert.equal(rotated.open(sealed, 'grant-1'), 'ctx-token-abc');
  assert.equal(rotated.open(sealed, 'grant-2'), undefined, 'copied to another grant it does not open');
  assert.equal(createContextSealer([{ id: 'k2', secret: 'second-secret-0123456789' }]).open(sealed, 'grant-1'), undefined);
  assert.equal(rotated.open(sealed.slice(0, -2) + 'AA', 'grant-1'), undefined, 'tampered');
});
