import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createApp, listen } from '../../src/server/app.js';
import { closeDeps, openDeps } from '../../src/server/open-deps.js';
import { TEST_SKILL_ID } from '../support/alexa-requests.js';
import { demoShopFile } from '../support/commerce-contract.js';
import { FAKE_SHOPWARE_ACCESS_KEY, startFakeShopware, type FakeCmsPage, type FakeShopware } from '../support/fake-shopware.js';
import { readAnswer } from '../support/read-answer.js';
import type { TestServer } from '../support/test-server.js';

export const ALEXA_CLIENT = { id: 'alexa-skill', secret: 'alexa-client-secret-0123456789abcdef' };
export const GOOGLE_CLIENT = { id: 'google-actions', secret: 'google-client-secret-0123456789abcdef' };
export const ALEXA_REDIRECT = 'https://layla.amazon.com/api/skill/link/M2AAAAAAAAAAAA';
export const GOOGLE_REDIRECT = 'https://oauth-redirect.googleusercontent.com/r/lindenhof-voice';
/** Tuesday 24 November 2026, 10:00 in Berlin. */
export const START = Date.parse('2026-11-24T09:00:00Z');

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface LinkingServer extends TestServer {
  fake: FakeShopware;
  /** Moves both clocks (OAuth lifetimes and the turns) by `ms`. */
  advance(ms: number): void;
}

/**
 * The real app (`createApp` over `openDeps`) on 127.0.0.1 with `SHOPVOICE_SHOP=shopware` against
 * the schema-checked Shopware fake, account linking configured for an Alexa and a Google client,
 * and one injected clock for both the OAuth lifetimes and the turns.
 */
export async function startLinkingServer(options: { stateUrl?: string; cmsPages?: Record<string, FakeCmsPage>; env?: Record<string, string> } = {}): Promise<LinkingServer> {
  const dir = await mkdtemp(join(tmpdir(), 'shopvoice-linking-'));
  const demo = await openEmbeddedShop({ dataDir: join(dir, 'demo'), now: () => new Date('2026-11-22T10:00:00Z') });
  const fake = await startFakeShopware(demo, options.cmsPages ? { cmsPages: options.cmsPages } : {});
  const shopFile = join(dir, 'shop.json');
  await writeFile(shopFile, JSON.stringify(demoShopFile()));
  const dataDir = join(dir, 'data');
  const config = loadConfig({
    SHOPVOICE_DATA_DIR: dataDir,
    SHOPVOICE_ALEXA_VERIFY: 'false',
    SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
    SHOPVOICE_GOOGLE_AUTH: 'off',
    SHOPVOICE_SHOP: 'shopware',
    SHOPVOICE_SHOPWARE_URL: fake.url,
    SHOPVOICE_SHOPWARE_ACCESS_KEY: FAKE_SHOPWARE_ACCESS_KEY,
    SHOPVOICE_SHOP_FILE: shopFile,
    SHOPVOICE_STATE_KEYS: 'k1:a-long-random-test-seal-secret-0001',
    SHOPVOICE_OAUTH_CLIENTS: JSON.stringify([
      { id: ALEXA_CLIENT.id, name: 'Alexa', secretSha256: sha256(ALEXA_CLIENT.secret), redirectUris: [ALEXA_REDIRECT, 'https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA'] },
      { id: GOOGLE_CLIENT.id, name: 'Google', secretSha256: sha256(GOOGLE_CLIENT.secret), redirectUris: [GOOGLE_REDIRECT] },
    ]),
    ...(options.stateUrl ? { SHOPVOICE_STATE_URL: options.stateUrl } : {}),
    ...options.env,
  });
  let clock = START;
  const deps = {
    ...(await openDeps(config, silentLogger, { accountLinkingNow: () => clock, analytics: false })),
    sessionSealer: undefined,
    now: () => DateTime.fromMillis(clock, { zone: 'Europe/Berlin' }),
  };
  const server: Server = await listen(createApp(deps), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    dataDir,
    fake,
    setNow(iso: string) { clock = Date.parse(iso); },
    advance(ms: number) { clock += ms; },
    async post(path, body, headers = {}) {
      return readAnswer(await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDeps(deps);
      await fake.close();
      await demo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
