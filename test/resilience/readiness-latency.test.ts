// /readyz reflects the latency budget: a shop whose ping answers, but slower than a turn can afford
// per call (a quarter of the reply budget), is not ready. The time is the test's clock, advanced by
// the shop's ping itself; nothing is slept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { REPLY_BUDGET_MS, SLOW_CALL_MS } from '../../src/catalog/resilient-commerce.js';
import { startHarness, type Harness } from '../server/harness.js';

describe('/readyz and the latency budget', () => {
  let h: Harness;
  let clock = 0;
  let pingTakes = 0;
  before(async () => {
    h = await startHarness({ overrides: { monotonicNow: () => clock } });
    const commerce = h.deps.commerce;
    const ping = commerce.ping.bind(commerce);
    commerce.ping = async () => {
      await ping();
      clock += pingTakes;
    };
  });
  after(() => h.close());

  test('the budget is a quarter of the reply budget', () => {
    assert.equal(SLOW_CALL_MS, REPLY_BUDGET_MS / 4);
  });

  test('a ping within the budget is ready', async () => {
    pingTakes = SLOW_CALL_MS;
    const res = await h.get('/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'ready', catalog: 'ok', state: 'ok' });
  });

  test('a ping that answers just under the shop timeout, but over the budget, is not ready', async () => {
    pingTakes = 1400; // the default shop timeout is 1500 ms: the ping itself succeeds
    const res = await h.get('/readyz');
    assert.equal(res.status, 503);
    assert.deepEqual(res.json, { status: 'not ready', catalog: 'slow', state: 'ok' });
  });

  test('ready again once the shop is fast', async () => {
    pingTakes = 5;
    assert.equal((await h.get('/readyz')).status, 200);
  });
});
