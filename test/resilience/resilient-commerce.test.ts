import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import {
  resilientCommerce, type BreakerState, type CatalogCallResult, type ResilienceOptions,
} from '../../src/catalog/resilient-commerce.js';
import { ShopError } from '../../src/domain/errors.js';
import { FaultPlan } from '../server/faulty-shop.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof ShopError && error.code === code);
}

describe('resilientCommerce: timeouts, retries, circuit breaker', () => {
  let dir: string;
  let shop: EmbeddedShop;
  let faults: FaultPlan;
  let calls: Array<[string, CatalogCallResult]>;
  let states: BreakerState[];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shopvoice-resilience-'));
    shop = await openEmbeddedShop({ dataDir: dir });
  });
  after(async () => {
    await shop.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    faults = new FaultPlan();
    calls = [];
    states = [];
  });

  function wrap(options: Partial<ResilienceOptions> = {}) {
    return resilientCommerce(faults.wrap(shop), {
      timeoutMs: 100,
      retryDelayMs: 5,
      observer: { call: (method, _s, result) => calls.push([method, result]), breakerState: (s) => states.push(s) },
      ...options,
    });
  }

  test('a read that hangs is abandoned after the timeout, retried once, then answered as SHOP_UNAVAILABLE', async () => {
    const commerce = wrap();
    faults.set('listStores', { delayMs: 1000 });
    const started = performance.now();
    await rejectsWith(commerce.listStores(), 'SHOP_UNAVAILABLE');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 190 && elapsed < 900, `two attempts of 100 ms, not two of 1000 ms: took ${elapsed} ms`);
    assert.equal(faults.count('listStores'), 2);
    assert.deepEqual(calls, [['listStores', 'timeout']]);
  });

  test('the default timeout is config.shop.timeoutMs (1500 ms)', async () => {
    const { loadConfig } = await import('../../src/config.js');
    assert.equal(loadConfig({}).shop.timeoutMs, 1500);
    assert.equal(loadConfig({ SHOPVOICE_SHOP_TIMEOUT_MS: '800' }).shop.timeoutMs, 800);
  });

  test('a transient read failure is retried and answered', async () => {
    const commerce = wrap();
    faults.set('listStores', { failTimes: 1 });
    const stores = await commerce.listStores();
    assert.ok(stores.length > 0);
    assert.equal(faults.count('listStores'), 2);
    assert.deepEqual(calls, [['listStores', 'ok']]);
  });

  test('placeReorder is never retried: one attempt, then SHOP_UNAVAILABLE', async () => {
    const commerce = wrap();
    const anna = (await shop.customerByToken('demo-token-anna'))!;
    const before = (await shop.listOrders(anna.id)).length;
    faults.set('placeReorder', { failTimes: 1 });
    await rejectsWith(commerce.placeReorder(anna.id, '10042', 'reorder:unit-no-retry'), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('placeReorder'), 1);
    assert.equal((await shop.listOrders(anna.id)).length, before, 'nothing was placed behind the caller\'s back');
    assert.deepEqual(calls, [['placeReorder', 'error']]);
  });

  test('coded ShopErrors are answers: passed through, not retried, never open the breaker', async () => {
    const commerce = wrap({ breakAfterFailures: 2 });
    const anna = (await shop.customerByToken('demo-token-anna'))!;
    for (let i = 0; i < 5; i++) await rejectsWith(commerce.quoteReorder(anna.id, '99999'), 'ORDER_NOT_FOUND');
    assert.equal(faults.count('quoteReorder'), 5);
    assert.equal(commerce.breakerState(), 'closed');
    assert.ok(calls.every(([, result]) => result === 'expected'));
  });

  test('the breaker opens after consecutive failures, stops calling the shop, and closes after a good trial call', async () => {
    const commerce = wrap({ breakAfterFailures: 3, halfOpenAfterMs: 150, retries: 0 });
    faults.set('*', { failTimes: Infinity });
    for (let i = 0; i < 3; i++) await rejectsWith(commerce.faqTopics(), 'SHOP_UNAVAILABLE');
    assert.equal(commerce.breakerState(), 'open');
    assert.equal(faults.count('faqTopics'), 3);

    const started = performance.now();
    await rejectsWith(commerce.faqTopics(), 'SHOP_UNAVAILABLE');
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.ok(performance.now() - started < 60, 'an open breaker answers at once, without waiting for a timeout');
    assert.equal(faults.count('faqTopics'), 3, 'the shop was not called while the breaker was open');
    assert.equal(faults.count('ping'), 0);
    assert.deepEqual(calls.slice(-2).map(([, r]) => r), ['breaker_open', 'breaker_open']);

    faults.clear();
    await sleep(170);
    await commerce.ping();
    assert.equal(commerce.breakerState(), 'closed');
    assert.deepEqual(states, ['closed', 'open', 'half-open', 'closed']);
    assert.ok((await commerce.faqTopics()).length > 0);
  });

  test('a failed trial call opens the breaker again', async () => {
    const commerce = wrap({ breakAfterFailures: 1, halfOpenAfterMs: 50, retries: 0 });
    faults.set('*', { failTimes: Infinity });
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    await sleep(70);
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(commerce.breakerState(), 'open');
    assert.equal(faults.count('ping'), 2);
  });

  test('ping is not retried (a readiness probe reports the shop as it is now)', async () => {
    const commerce = wrap();
    faults.set('ping', { failTimes: 1 });
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('ping'), 1);
  });

  test('all calls of one reply share a budget: the call that would overrun it is cut short', async () => {
    const commerce = wrap({ timeoutMs: 1000, breakAfterFailures: 1 });
    faults.set('*', { delayMs: 150 });
    const started = performance.now();
    const reply = commerce.forReply(started + 250);
    await reply.shopInfo();
    await rejectsWith(reply.listStores(), 'SHOP_UNAVAILABLE');
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 400, `the budget of 250 ms held (without it: 450 ms), took ${elapsed} ms`);
    assert.equal(faults.count('listStores'), 1, 'no retry once the budget is spent');
    assert.equal(commerce.breakerState(), 'closed', 'a call cut short by the budget is not the shop\'s fault');
    await rejectsWith(commerce.forReply(performance.now() + 10).faqTopics(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('faqTopics'), 0, 'an attempt that cannot finish in time is not started');
  });
});
