// Issue 17: the linked account's purchase code page. Real app on loopback, real SQLite files; the
// code is set through the page, spoken through /alexa, and never echoed or logged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/server/logger.js';
import { askIntent } from '../support/alexa-turn.js';
import { captureLog } from '../support/log-capture.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ANNA = 'demo-token-anna';

describe('GET/POST /account/purchase-code', () => {
  let server: TestServer;
  const log = captureLog();
  before(async () => {
    server = await startTestServer({ now: '2026-11-22T10:00:00+01:00', env: { SHOPVOICE_PURCHASE_CODE: 'on' }, overrides: { log: createLogger('debug', log.sink) } });
  });
  after(() => server.close());

  const page = (init: RequestInit & { token?: string } = {}) => fetch(`${server.url}/account/purchase-code`, {
    ...init,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers as Record<string, string> | undefined) },
  });
  const post = (fields: Record<string, string>, headers: Record<string, string> = {}, token = ANNA) => page({
    method: 'POST', token, body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, ...headers },
  });

  test('without the linked account\'s token: 401, nothing about the customer', async () => {
    assert.equal((await page()).status, 401);
    assert.equal((await page({ token: 'not-a-token' })).status, 401);
    assert.equal((await post({ code: '4711', repeat: '4711' }, {}, 'not-a-token')).status, 401);
  });

  test('the page has no script and may not be framed or cached', async () => {
    const res = await page({ token: ANNA });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Kein Kaufcode gesetzt/);
    assert.doesNotMatch(html, /<script|\son\w+=/i);
    assert.match(res.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  });

  test('a POST from another site is refused, a mistyped code is not stored', async () => {
    assert.equal((await post({ code: '4711', repeat: '4711' }, { origin: 'https://evil.example' })).status, 403);
    assert.equal((await post({ code: '4711', repeat: '4712' })).status, 422);
    assert.equal((await post({ code: '47a1', repeat: '47a1' })).status, 422);
    assert.equal(await server.deps.purchaseCodes!.hasCode('C-1001'), false);
  });

  test('set through the page, asked before the order, never echoed or logged; removed again', async () => {
    const set = await post({ code: '4711', repeat: '4711' });
    assert.equal(set.status, 200);
    assert.doesNotMatch(await set.text(), /4711/);
    assert.match(await (await page({ token: ANNA })).text(), /Ein Kaufcode ist gesetzt/);

    const sessionId = 'amzn1.echo-api.session.code-page';
    await askIntent(server, 'AddToCartIntent', { accessToken: ANNA, sessionId, isNew: true, slots: { product: { value: 'bio hafermilch' }, quantity: { value: '2' } } });
    const offer = await askIntent(server, 'CheckoutIntent', { accessToken: ANNA, sessionId });
    const yes = await askIntent(server, 'CheckoutIntent', { accessToken: ANNA, sessionId, attributes: offer.attributes, confirmationStatus: 'CONFIRMED' });
    assert.match(yes.speech, /vierstelligen Kaufcode/);
    const placed = await askIntent(server, 'PurchaseCodeIntent', { accessToken: ANNA, sessionId, attributes: yes.attributes, slots: { code: { value: '4711' } } });
    assert.match(placed.speech, /Erledigt! Deine Bestellung/);
    assert.doesNotMatch(placed.speech, /4711/);
    assert.doesNotMatch(log.text(), /4711/, 'the code reaches no log line');

    assert.equal((await post({ remove: '1' })).status, 200);
    assert.equal(await server.deps.purchaseCodes!.hasCode('C-1001'), false);
  });
});
