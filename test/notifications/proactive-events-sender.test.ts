import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLwaTokenClient } from '../../src/notifications/lwa-token-client.js';
import { buildOrderStatusEvent } from '../../src/notifications/order-status-event.js';
import { createProactiveEventsSender, parseRetryAfter } from '../../src/notifications/proactive-events-sender.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents, type FakeAlexaEvents } from '../support/fake-alexa-events.js';

const NOW = new Date('2026-11-24T09:00:00Z');

function event(orderNumber: string, locales = ['en-US']) {
  return buildOrderStatusEvent({ shopId: 'lindenhof', orderNumber, status: 'ORDER_OUT_FOR_DELIVERY' }, 'amzn1.ask.account.ANNA', {
    sellerNames: { 'en-US': 'Lindenhof Markt', 'de-DE': 'Lindenhof Markt' },
    now: NOW,
    locales,
  });
}

async function setUp(t: { after(fn: () => unknown): void }): Promise<{ fake: FakeAlexaEvents; sender: ReturnType<typeof createProactiveEventsSender> }> {
  const fake = await startFakeAlexaEvents();
  t.after(fake.close);
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: () => NOW });
  return { fake, sender: createProactiveEventsSender({ url: fake.eventsUrl, tokens, now: () => NOW }) };
}

test('202 is sent; the same reference id again is 409 at Alexa and still counts as sent', async (t) => {
  const { fake, sender } = await setUp(t);
  const e = event('10042');
  assert.deepEqual(await sender.send(e), { kind: 'sent', status: 202 });
  assert.deepEqual(await sender.send(e), { kind: 'sent', status: 409 });
  assert.equal(fake.accepted.get(e.referenceId), 1);
  assert.equal(fake.tokenRequests, 1, 'one token for both');
});

test('400 (an event Alexa refuses, here a de-DE seller name) is a dead letter with Alexa\'s reason', async (t) => {
  const { fake, sender } = await setUp(t);
  const outcome = await sender.send(event('10042', ['en-US', 'de-DE']));
  assert.equal(outcome.kind, 'dead');
  assert.match((outcome as { reason: string }).reason, /^HTTP 400 .*locale de-DE is not supported/);
  assert.equal(fake.accepted.size, 0);
});

test('a refused token is renewed and the event sent again once; refused twice, it is retried later', async (t) => {
  const { fake, sender } = await setUp(t);
  await sender.send(event('1'));
  fake.revokeTokens();
  assert.deepEqual(await sender.send(event('2')), { kind: 'sent', status: 202 });
  assert.equal(fake.tokenRequests, 2);
  fake.cue({ status: 403 }, { status: 403 });
  const outcome = await sender.send(event('3'));
  assert.equal(outcome.kind, 'retry');
  assert.match((outcome as { reason: string }).reason, /HTTP 403/);
  assert.equal(fake.tokenRequests, 3, 'one renewal per send, no loop');
  assert.deepEqual(fake.log.map((l) => l.status), [202, 401, 202, 403, 403]);
});

test('429 and 5xx are retried, with Retry-After when Alexa gives one; 432 is given up', async (t) => {
  const { sender, fake } = await setUp(t);
  fake.cue({ status: 429, retryAfter: '120' }, { status: 500 }, { status: 503, retryAfter: 'Tue, 24 Nov 2026 09:05:00 GMT' }, { status: 432 }, { status: 404 });
  assert.deepEqual(await sender.send(event('1')), { kind: 'retry', reason: 'HTTP 429 {"message":"cued"}', retryAfterMs: 120_000 });
  assert.deepEqual(await sender.send(event('1')), { kind: 'retry', reason: 'HTTP 500 {"message":"cued"}' });
  assert.deepEqual(await sender.send(event('1')), { kind: 'retry', reason: 'HTTP 503 {"message":"cued"}', retryAfterMs: 300_000 });
  const limit = await sender.send(event('1'));
  assert.equal(limit.kind, 'dead');
  assert.match((limit as { reason: string }).reason, /HTTP 432: notification limit/);
  assert.equal((await sender.send(event('1'))).kind, 'dead', 'any other 4xx cannot be helped by sending again');
});

test('an unreachable API or LWA is a retry, never a throw', async (t) => {
  const { fake } = await setUp(t);
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: () => NOW });
  const nowhere = createProactiveEventsSender({ url: 'http://127.0.0.1:9/nothing', tokens, now: () => NOW, timeoutMs: 2000 });
  assert.equal((await nowhere.send(event('1'))).kind, 'retry');
  const noLwa = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: 'http://127.0.0.1:9/token', now: () => NOW });
  const outcome = await createProactiveEventsSender({ url: fake.eventsUrl, tokens: noLwa, now: () => NOW }).send(event('1'));
  assert.equal(outcome.kind, 'retry');
  assert.match((outcome as { reason: string }).reason, /LWA token request failed/);
});

test('Retry-After: seconds, HTTP dates, and nonsense', () => {
  assert.equal(parseRetryAfter('30', NOW), 30_000);
  assert.equal(parseRetryAfter('Tue, 24 Nov 2026 09:01:00 GMT', NOW), 60_000);
  assert.equal(parseRetryAfter('Tue, 24 Nov 2026 08:00:00 GMT', NOW), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', NOW), undefined);
  assert.equal(parseRetryAfter(null, NOW), undefined);
});
