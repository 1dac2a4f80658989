// `shopvoice serve` with notifications configured, as a real child process: Alexa's
// ProactiveSubscriptionChanged event on /alexa records the subscriber (and the consent), the
// shop's signed webhook enqueues a status change, and the worker the server started delivers it
// to the (fake) Proactive Events API once; SIGTERM stops the worker and closes the outbox
// (exit 0); SkillDisabled forgets the subscriber and the consent records.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { signShopEvent } from '../../src/notifications/shop-events-router.js';
import { openSqliteStateStore } from '../../src/state/sqlite-state-store.js';
import { TEST_SKILL_ID } from '../support/alexa-requests.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';
import { freePort } from '../support/free-port.js';

const NOW = '2026-11-24T09:00:00Z';
const TS = String(Date.parse(NOW) / 1000);
const SECRET = 'shop-webhook-secret';
const ANNA = 'amzn1.ask.account.ANNA';

/** A skill event as Alexa sends it to the skill's events endpoint (no session). */
function skillEvent(type: string, body: Record<string, unknown>, o: { userId: string; accessToken?: string; locale?: string }): string {
  return JSON.stringify({
    version: '1.0',
    context: {
      System: {
        application: { applicationId: TEST_SKILL_ID },
        user: { userId: o.userId, ...(o.accessToken ? { accessToken: o.accessToken } : {}) },
        apiEndpoint: 'https://api.eu.amazonalexa.com',
        apiAccessToken: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
      },
    },
    request: { type, requestId: `amzn1.echo-api.request.${type}`, timestamp: NOW, locale: o.locale ?? 'en-US', eventCreationTime: NOW, eventPublishingTime: NOW, body },
  });
}

function start(env: Record<string, string>): { child: ChildProcess; output: { text: string }; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/fixed-clock-serve.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { text: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output.text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

function waitFor(output: { text: string }, text: string, ms = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`no "${text}" within ${ms} ms:\n${output.text}`));
    }, ms);
    const poll = setInterval(() => {
      if (!output.text.includes(text)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 25);
  });
}

test('serve starts the notification worker: a subscribed, linked customer gets the shipped event exactly once; SIGTERM stops it; SkillDisabled forgets', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-notify-serve-'));
  const fake = await startFakeAlexaEvents();
  const port = await freePort();
  const env = {
    PORT: String(port),
    SHOPVOICE_DATA_DIR: dataDir,
    SHOPVOICE_ALEXA_VERIFY: 'false',
    SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
    SHOPVOICE_GOOGLE_AUTH: 'off',
    SHOPVOICE_LOG_LEVEL: 'info',
    SHOPVOICE_ALEXA_CLIENT_ID: FAKE_CLIENT_ID,
    SHOPVOICE_ALEXA_CLIENT_SECRET: FAKE_CLIENT_SECRET,
    SHOPVOICE_ALEXA_EVENTS_URL: fake.eventsUrl,
    SHOPVOICE_LWA_URL: fake.tokenUrl.replace(/\/auth\/o2\/token$/, ''),
    SHOPVOICE_SHOP_EVENTS_SECRET: SECRET,
    SHOPVOICE_SHOP_ID: 'lindenhof',
    TEST_NOW: NOW,
  };
  let server = start(env);
  t.after(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  await waitFor(server.output, 'LISTENING');
  assert.match(server.output.text, /order notifications: sending to http:\/\/127\.0\.0\.1/);
  const url = `http://127.0.0.1:${port}`;
  const alexa = (body: string) => fetch(`${url}/alexa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  // Anna turns notifications on in the Alexa app; her account is linked (demo token).
  const subscribed = await alexa(skillEvent('AlexaSkillEvent.ProactiveSubscriptionChanged', { subscriptions: [{ eventName: 'AMAZON.OrderStatus.Updated' }] }, { userId: ANNA, accessToken: 'demo-token-anna' }));
  assert.equal(subscribed.status, 200);

  // The shop reports twice that her order shipped (a webhook retried): one event, sent once.
  const body = JSON.stringify({ customerId: 'C-1001', orderNumber: '10042', status: 'ORDER_SHIPPED', expectedArrival: '2026-11-26T16:00:00Z' });
  for (let i = 0; i < 2; i += 1) {
    const posted = await fetch(`${url}/shop/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopvoice-timestamp': TS, 'x-shopvoice-signature': signShopEvent(SECRET, TS, body) }, body });
    assert.equal(posted.status, 202);
    const answer = (await posted.json()) as { results: Array<{ outcome: string }> };
    assert.equal(answer.results[0]!.outcome, i === 0 ? 'enqueued' : 'duplicate');
  }
  await fake.requests(1);
  assert.deepEqual([...fake.accepted.values()], [1], 'delivered once, by the worker serve started');
  assert.deepEqual(fake.invalid, []);

  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, server.output.text);
  const outbox = openSqliteOutbox(dataDir);
  assert.equal((await outbox.backlog(new Date(NOW))).sent, 1);
  assert.equal((await outbox.subscriberOf('C-1001', 'AMAZON.OrderStatus.Updated'))?.userId, ANNA);
  await outbox.close();
  const state = openSqliteStateStore(dataDir);
  assert.deepEqual((await state.consentsOf(ANNA)).map((c) => [c.feature, c.granted, c.platform, c.textVersion]), [['notifications', true, 'alexa', 'alexa-app-1']]);
  state.close();

  // Ben subscribed before linking; his first linked session links him, so his order finds him.
  server = start(env);
  await waitFor(server.output, 'LISTENING');
  const BEN = 'amzn1.ask.account.BEN';
  assert.equal((await alexa(skillEvent('AlexaSkillEvent.ProactiveSubscriptionChanged', { subscriptions: [{ eventName: 'AMAZON.OrderStatus.Updated' }] }, { userId: BEN }))).status, 200);
  const launch = JSON.parse(skillEvent('LaunchRequest', {}, { userId: BEN, accessToken: 'demo-token-ben' }));
  launch.session = { new: true, sessionId: 'amzn1.echo-api.session.ben-1', application: { applicationId: TEST_SKILL_ID }, attributes: {}, user: launch.context.System.user };
  delete launch.request.body;
  assert.equal((await alexa(JSON.stringify(launch))).status, 200);
  // The link is written off the reply path: wait for it (while the server runs), then stop.
  const linked = openSqliteOutbox(dataDir);
  let subscriber: string | undefined;
  for (let i = 0; i < 200 && !subscriber; i += 1) {
    subscriber = (await linked.subscriberOf('C-1002', 'AMAZON.OrderStatus.Updated'))?.userId;
    if (!subscriber) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await linked.close();
  assert.equal(subscriber, BEN);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, server.output.text);

  // Restarted: she turns them off (consent withdrawn), then disables the skill (all forgotten).
  server = start(env);
  await waitFor(server.output, 'LISTENING');
  assert.equal((await alexa(skillEvent('AlexaSkillEvent.ProactiveSubscriptionChanged', { subscriptions: [] }, { userId: ANNA }))).status, 200);
  const afterOff = openSqliteStateStore(dataDir);
  assert.deepEqual((await afterOff.consentsOf(ANNA)).map((c) => c.granted), [true, false], 'the withdrawal is recorded after the consent');
  afterOff.close();
  assert.equal((await alexa(skillEvent('AlexaSkillEvent.SkillDisabled', { userInformationPersistenceStatus: 'NOT_PERSISTED' }, { userId: ANNA }))).status, 200);
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, server.output.text);
  const forgotten = openSqliteOutbox(dataDir);
  assert.equal(await forgotten.subscriberOf('C-1001', 'AMAZON.OrderStatus.Updated'), undefined);
  await forgotten.close();
  const cleared = openSqliteStateStore(dataDir);
  assert.deepEqual(await cleared.consentsOf(ANNA), []);
  cleared.close();
});
