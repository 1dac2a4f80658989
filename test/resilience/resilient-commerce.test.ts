import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, mock, test } from 'node:test';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import {
  resilientCommerce, type BreakerState, type CatalogCallResult, type ResilienceOptions,
} from '../../src/catalog/resilient-commerce.js';
import { ShopError } from '../../src/catalog/shop-error.js';
import { FaultPlan } from '../server/faulty-shop.js';

// Time is node:test's mock clock (setTimeout and Date): every wait below is exact, none is slept.
/** The test's clock in ms: 0 at the start of a test, moved only by `advance`, with the mock timers. */
let clockMs = 0;

/** Puts this test on the mock clock, at 0. */
function useMockClock(): void {
  clockMs = 0;
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
}

/** Moves the mock clock on by `ms`, 1 ms at a time, letting promises settle between steps. */
async function advance(ms: number): Promise<void> {
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < ms; i++) {
    // What is pending settles first (a timer set in a microtask is set at this instant), then 1 ms passes.
    await settle();
    clockMs += 1;
    mock.timers.tick(1);
  }
  await settle();
}

/** The moment (mock clock) a promise settles, while the clock is moved on up to `limit` ms. */
async function settlesAt(promise: Promise<unknown>, limit: number): Promise<number> {
  let at: number | undefined;
  promise.then(() => (at = clockMs), () => (at = clockMs));
  for (let i = 0; i < limit && at === undefined; i++) await advance(1);
  assert.ok(at !== undefined, `still pending after ${limit} ms`);
  return at;
}

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
  afterEach(() => mock.timers.reset());

  function wrap(options: Partial<ResilienceOptions> = {}) {
    return resilientCommerce(faults.wrap(shop), {
      timeoutMs: 100,
      retryDelayMs: 5,
      now: () => clockMs,
      observer: { call: (method, _s, result) => calls.push([method, result]), breakerState: (s) => states.push(s) },
      ...options,
    });
  }

  test('a read that hangs is abandoned after the timeout, retried once, then answered as SHOP_UNAVAILABLE', async () => {
    useMockClock();
    const commerce = wrap();
    faults.set('listStores', { delayMs: 1000 });
    const answer = commerce.listStores();
    assert.equal(await settlesAt(answer, 1000), 100 + 5 + 100, 'two attempts of 100 ms and the pause between, not 1000 ms');
    await rejectsWith(answer, 'SHOP_UNAVAILABLE');
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
    useMockClock();
    const commerce = wrap({ breakAfterFailures: 3, halfOpenAfterMs: 150, retries: 0 });
    faults.set('*', { failTimes: Infinity });
    for (let i = 0; i < 3; i++) await rejectsWith(commerce.faqTopics(), 'SHOP_UNAVAILABLE');
    assert.equal(commerce.breakerState(), 'open');
    assert.equal(faults.count('faqTopics'), 3);

    const started = clockMs;
    await rejectsWith(commerce.faqTopics(), 'SHOP_UNAVAILABLE');
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(clockMs, started, 'an open breaker answers at once, without waiting for a timeout');
    assert.equal(faults.count('faqTopics'), 3, 'the shop was not called while the breaker was open');
    assert.equal(faults.count('ping'), 0);
    assert.deepEqual(calls.slice(-2).map(([, r]) => r), ['breaker_open', 'breaker_open']);

    faults.clear();
    await advance(149);
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('ping'), 0, 'still open 1 ms before the window ends');
    await advance(1);
    await commerce.ping();
    assert.equal(commerce.breakerState(), 'closed');
    assert.deepEqual(states, ['closed', 'open', 'half-open', 'closed']);
    assert.ok((await commerce.faqTopics()).length > 0);
  });

  test('a failed trial call opens the breaker again', async () => {
    useMockClock();
    const commerce = wrap({ breakAfterFailures: 1, halfOpenAfterMs: 50, retries: 0 });
    faults.set('*', { failTimes: Infinity });
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    await advance(50);
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(commerce.breakerState(), 'open');
    assert.equal(faults.count('ping'), 2);
    assert.deepEqual(states, ['closed', 'open', 'half-open', 'open']);
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('ping'), 2, 'open again for a whole window');
  });

  test('ping is not retried (a readiness probe reports the shop as it is now)', async () => {
    const commerce = wrap();
    faults.set('ping', { failTimes: 1 });
    await rejectsWith(commerce.ping(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('ping'), 1);
  });

  test('a shop answering just under its timeout opens the breaker: the calls each reply cuts short count', async () => {
    useMockClock();
    // Each call takes 900 ms of a 1000 ms timeout; a reply's budget of 2000 ms holds two, and its third is cut short.
    const commerce = wrap({ timeoutMs: 1000, breakAfterFailures: 3, slowAfterMs: 500 });
    faults.set('*', { delayMs: 900 });
    for (let turn = 0; turn < 3; turn++) {
      assert.equal(commerce.breakerState(), 'closed');
      const reply = commerce.forReply(clockMs + 2000);
      for (const call of [() => reply.shopInfo(), () => reply.listStores()]) await settlesAt(call(), 1000);
      const third = reply.faqTopics();
      await settlesAt(third, 1000);
      await rejectsWith(third, 'SHOP_UNAVAILABLE');
    }
    assert.equal(commerce.breakerState(), 'open', 'three turns, three calls cut short: the breaker is open');
    assert.ok(calls.some(([method, result]) => method === 'faqTopics' && result === 'timeout'));
    assert.equal(calls.filter(([, result]) => result === 'ok').length, 6, 'the slow answers were still answers');
    // The next turn is answered at once instead of spending its budget on the slow shop.
    const asked = clockMs;
    const refused = commerce.forReply(asked + 2000).shopInfo();
    assert.equal(await settlesAt(refused, 1000), asked, 'refused without waiting');
    await rejectsWith(refused, 'SHOP_UNAVAILABLE');
  });

  test('all calls of one reply share a budget: the call that would overrun it is cut short', async () => {
    useMockClock();
    const commerce = wrap({ timeoutMs: 1000, breakAfterFailures: 1 });
    faults.set('*', { delayMs: 150 });
    const started = clockMs;
    const reply = commerce.forReply(started + 250);
    assert.equal(await settlesAt(reply.shopInfo(), 1000), 150);
    const stores = reply.listStores();
    assert.equal(await settlesAt(stores, 1000), 250, 'the budget of 250 ms held (without it: 300 ms)');
    await rejectsWith(stores, 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('listStores'), 1, 'no retry once the budget is spent');
    assert.equal(commerce.breakerState(), 'open', 'a call cut short by the budget counts towards the breaker');
    await rejectsWith(commerce.forReply(clockMs + 10).faqTopics(), 'SHOP_UNAVAILABLE');
    assert.equal(faults.count('faqTopics'), 0, 'an attempt that cannot finish in time is not started');
  });
});
