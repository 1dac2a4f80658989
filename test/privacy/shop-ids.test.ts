// Shop error messages name the shop's customer id and order number; the Dialogflow responseId is
// chosen by the caller. Neither reaches a log line verbatim.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ShopError } from '../../src/catalog/shop-error.js';
import { loggableResponseId } from '../../src/platforms/google/to-voice-turn.js';
import { scrubForLog, scrubText } from '../../src/server/privacy.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { startHarness, type Harness } from '../server/harness.js';

const CUSTOMER = 'C-4711';
const ORDER = '100423';

describe('shop ids in error messages', () => {
  for (const message of [
    `shop API GET /v1/customers/${CUSTOMER}/orders/${ORDER} answered 500`,
    `shop API POST /v1/customers/${CUSTOMER}/orders/${ORDER}/reorder: no answer within 1500 ms`,
    `Order ${ORDER} not found for customer ${CUSTOMER}`,
    `order number: ${ORDER}, customer id=${CUSTOMER}`,
    `Bestellung #${ORDER} von Kunde ${CUSTOMER} unbekannt`,
    `ORDER_NOT_FOUND {"orderNumber":"${ORDER}","customerId":"${CUSTOMER}"}`,
  ]) {
    test(`are masked: ${message}`, () => {
      const text = JSON.stringify(scrubForLog({ err: new Error(message) }));
      assert.ok(!text.includes(ORDER), text);
      assert.ok(!text.includes(CUSTOMER), text);
      assert.match(text, /\[redacted\]/);
    });
  }

  test("a ShopError's params and message are masked", () => {
    const text = JSON.stringify(scrubForLog({ err: new ShopError('ORDER_NOT_FOUND', { orderNumber: ORDER }) }));
    assert.ok(!text.includes(ORDER), text);
    assert.match(text, /ORDER_NOT_FOUND/, 'the code stays');
  });

  test('ordinary words and numbers are left alone', () => {
    assert.equal(scrubText('reorder failed after 3 attempts in 1500 ms'), 'reorder failed after 3 attempts in 1500 ms');
    assert.equal(scrubText('the order was placed'), 'the order was placed');
    assert.equal(scrubText('GET /v1/products?variantGroup=milk answered 503'), 'GET /v1/products?variantGroup=milk answered 503');
  });
});

describe('the Dialogflow responseId', () => {
  test("Dialogflow's own form is kept; anything else becomes a short hash", () => {
    const own = '2b6c1a0e-7f4d-4c86-9a3e-51f0f2c8d9b1-0820055c';
    assert.equal(loggableResponseId(own), own);
    for (const chosen of ['anna.schmidt@example.com', 'x'.repeat(5000), 'C-4711 <script>', '\u202e\n{"level":50}']) {
      const id = loggableResponseId(chosen);
      assert.match(id, /^h:[0-9a-f]{16}$/);
      assert.equal(loggableResponseId(chosen), id, 'the same request keeps the same id');
    }
  });
});

describe('over HTTP', () => {
  let h: Harness;
  const RESPONSE_ID = 'private-note-of-anna-schmidt-7731';
  before(async () => {
    h = await startHarness({ logLevel: 'debug' });
    h.faults.set('*', { failTimes: Infinity, message: `shop API GET /v1/customers/${CUSTOMER}/orders/${ORDER} answered 500: order ${ORDER} of customer ${CUSTOMER} is locked` });
    const body = { ...dialogflowRequest('OrderStatusIntent', { languageCode: 'de', accessToken: 'demo-token-anna' }), responseId: RESPONSE_ID };
    const res = await h.post('/google', body);
    assert.equal(res.status, 200);
  });
  after(() => h.close());

  test('the failing shop was logged, without its customer id or order number', () => {
    const text = h.logText();
    assert.match(text, /shop API GET \/v1\/customers\/\[redacted\]/, 'the shop failure reached the log');
    assert.ok(!text.includes(CUSTOMER), 'customer id in the log');
    assert.ok(!text.includes(ORDER), 'order number in the log');
  });

  test('the responseId is logged hashed, never verbatim', () => {
    const text = h.logText();
    assert.ok(!text.includes(RESPONSE_ID), 'responseId in the log');
    assert.ok(text.includes(loggableResponseId(RESPONSE_ID)), 'the hashed id is there to correlate');
  });
});
