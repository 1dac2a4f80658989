import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, mock, test } from 'node:test';
import express from 'express';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createCatalogApiRouter } from '../../src/catalog/http/catalog-api-router.js';
import { createHttpCommerce } from '../../src/catalog/http/http-commerce.js';
import { openConfiguredShop } from '../../src/catalog/open-shop.js';
import { run as shopSearch } from '../../src/cli/commands/shop-search.js';
import { loadConfig } from '../../src/config.js';
import { askIntent } from '../support/alexa-turn.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TOKEN = 'shop-api-secret-for-tests';

describe('a real shop connected over its catalog API', () => {
  let shopDir: string;
  let shop: EmbeddedShop;
  let api: Server;
  let apiUrl: string;
  let skill: TestServer;
  let calls = 0;

  before(async () => {
    shopDir = await mkdtemp(join(tmpdir(), 'shopvoice-shop-api-'));
    shop = await openEmbeddedShop({ dataDir: shopDir });
    const app = express();
    app.use((_req, _res, next) => { calls++; next(); });
    app.use(createCatalogApiRouter(shop, { token: TOKEN }));
    api = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    skill = await startTestServer({ now: '2026-11-22T10:00:00+01:00', env: { SHOPVOICE_SHOP_API_URL: apiUrl, SHOPVOICE_SHOP_API_TOKEN: TOKEN } });
  });
  after(async () => {
    await skill.close();
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    await shop.close();
    await rm(shopDir, { recursive: true, force: true });
  });

  test('products are found by spoken name through the remote catalog', async () => {
    const before = calls;
    const a = await askIntent(skill, 'ProductLookupIntent', { slots: { product: { value: 'spülmittel zitrone' } } });
    assert.match(a.speech, /Spülmittel Zitrone 500 ml kostet 1,29 €/);
    assert.ok(calls > before, 'the shop API was called');
  });

  test('order status with a linked account', async () => {
    const a = await askIntent(skill, 'OrderStatusIntent', { accessToken: 'demo-token-anna', slots: { orderNumber: {} } });
    assert.match(a.speech, /10042 ist mit DHL unterwegs und kommt voraussichtlich übermorgen/);
  });

  test('a reorder is placed in the remote shop exactly once', async () => {
    const anna = (await shop.customerByToken('demo-token-anna'))!;
    const count = (await shop.listOrders(anna.id)).length;
    const offer = await askIntent(skill, 'ReorderIntent', { accessToken: 'demo-token-anna', sessionId: 'remote-1' });
    const confirm = { accessToken: 'demo-token-anna', sessionId: 'remote-1', attributes: offer.attributes, confirmationStatus: 'CONFIRMED' as const };
    await Promise.all([askIntent(skill, 'ReorderIntent', confirm), askIntent(skill, 'ReorderIntent', confirm)]);
    assert.equal((await shop.listOrders(anna.id)).length, count + 1);
  });

  test('store hours and FAQ come from the shop', async () => {
    const hours = await askIntent(skill, 'StoreHoursIntent', { slots: { store: { value: 'berlin', id: 'S-BER' } } });
    assert.match(hours.speech, /Lindenhof Markt Berlin hat gerade geschlossen und öffnet wieder morgen um 9 Uhr/);
    const faq = await askIntent(skill, 'ShopFaqIntent', { slots: { topic: { value: 'versandkosten', id: 'shipping_costs' } } });
    assert.match(faq.speech, /4,95 Euro/);
  });

  test('the client refuses to run without the API token, and a wrong token gets nowhere', async () => {
    await assert.rejects(
      openConfiguredShop(loadConfig({ SHOPVOICE_SHOP_API_URL: apiUrl, SHOPVOICE_DATA_DIR: shopDir })),
      /set SHOPVOICE_SHOP_API_TOKEN too/,
    );
    const wrong = createHttpCommerce({ baseUrl: apiUrl, token: 'wrong' });
    await assert.rejects(wrong.shopInfo(), /401/);
    const res = await fetch(`${apiUrl}/v1/shop`);
    assert.equal(res.status, 401);
  });

  test('shop search ranks the remote catalog when SHOPVOICE_SHOP_API_URL is set, as the server does', async () => {
    const saved = { url: process.env.SHOPVOICE_SHOP_API_URL, token: process.env.SHOPVOICE_SHOP_API_TOKEN };
    process.env.SHOPVOICE_SHOP_API_URL = apiUrl;
    process.env.SHOPVOICE_SHOP_API_TOKEN = TOKEN;
    const out: string[] = [];
    const before = calls;
    try {
      const code = await shopSearch(['--json', 'spülmittel zitrone'], { out: (line) => out.push(line), err: (line) => out.push(line) });
      assert.equal(code, 0, out.join('\n'));
    } finally {
      for (const [name, value] of [['SHOPVOICE_SHOP_API_URL', saved.url], ['SHOPVOICE_SHOP_API_TOKEN', saved.token]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    assert.ok(calls > before, 'the shop API was called');
    const result = JSON.parse(out[0]!) as { candidates: Array<{ id: string }>; decision: string };
    assert.equal(result.decision, 'answer');
    assert.equal(result.candidates[0]?.id, 'P-3001');
  });

  test('a shop that does not answer in time fails the call instead of hanging', async () => {
    const slow = express();
    slow.use((_req, _res) => { /* never answers */ });
    const server: Server = await new Promise((resolve) => { const s = slow.listen(0, '127.0.0.1', () => resolve(s)); });
    const client = createHttpCommerce({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: TOKEN, timeoutMs: 200 });
    // The deadline on node:test's mock clock: pending 1 ms before it, refused at it.
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      let settled = false;
      let requests = 0;
      server.on('request', () => requests++);
      const ping = client.ping();
      ping.then(() => (settled = true), () => (settled = true));
      while (requests === 0) await new Promise((resolve) => setImmediate(resolve));
      mock.timers.tick(199);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(settled, false, 'still waiting 199 ms in');
      mock.timers.tick(1);
      await assert.rejects(ping, /no answer within 200 ms/);
    } finally {
      mock.timers.reset();
      server.closeAllConnections();
      server.close();
    }
  });
});
