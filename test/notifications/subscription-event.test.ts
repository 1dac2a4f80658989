import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RequestEnvelope } from 'ask-sdk-model';
import { openSqliteOutbox } from '../../src/notifications/outbox-sqlite.js';
import { handleSubscriptionEvent } from '../../src/notifications/subscription-event.js';

/** A ProactiveSubscriptionChanged skill event as Alexa sends it to the skill endpoint. */
function subscriptionChanged(userId: string, eventNames: string[], locale?: string, accessToken?: string): RequestEnvelope {
  return {
    version: '1.0',
    context: { System: { application: { applicationId: 'amzn1.ask.skill.shopvoice' }, user: { userId, ...(accessToken ? { accessToken } : {}) }, apiEndpoint: 'https://api.eu.amazonalexa.com' } },
    request: {
      type: 'AlexaSkillEvent.ProactiveSubscriptionChanged',
      requestId: 'amzn1.echo-api.request.1',
      timestamp: '2026-11-24T09:00:00Z',
      ...(locale ? { locale } : {}),
      body: { subscriptions: eventNames.map((eventName) => ({ eventName })) },
    },
  } as RequestEnvelope;
}

test('subscribing, linking, unsubscribing: who gets order notifications follows the latest event', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-subs-'));
  const store = openSqliteOutbox(dir);
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const user = 'amzn1.ask.account.ANNA';
  assert.deepEqual(await handleSubscriptionEvent(subscriptionChanged(user, ['AMAZON.OrderStatus.Updated'], 'en-US'), store), { userId: user, eventNames: ['AMAZON.OrderStatus.Updated'] });
  await store.linkCustomer(user, 'C-ANNA', undefined, new Date('2026-11-24T09:01:00Z'));
  assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: user, locale: 'en-US' });
  await handleSubscriptionEvent(subscriptionChanged(user, []), store);
  assert.equal(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), undefined, 'an empty list is "notifications off"');
  await handleSubscriptionEvent(subscriptionChanged(user, ['AMAZON.OrderStatus.Updated']), store);
  assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: user });
});

test('a linked subscriber is linked to the shop customer behind the token at once; an unknown token links nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-subs-'));
  const store = openSqliteOutbox(dir);
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const customerOf = async (token: string) => ({ 'demo-token-anna': 'C-ANNA' } as Record<string, string>)[token];
  const recorded = await handleSubscriptionEvent(subscriptionChanged('amzn1.ask.account.ANNA', ['AMAZON.OrderStatus.Updated'], 'en-US', 'demo-token-anna'), store, { customerOf });
  assert.deepEqual(recorded, { userId: 'amzn1.ask.account.ANNA', eventNames: ['AMAZON.OrderStatus.Updated'], customerId: 'C-ANNA' });
  assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: 'amzn1.ask.account.ANNA', locale: 'en-US' });
  await handleSubscriptionEvent(subscriptionChanged('amzn1.ask.account.X', ['AMAZON.OrderStatus.Updated'], 'en-US', 'expired-token'), store, { customerOf });
  assert.deepEqual(await store.subscriberOf('C-ANNA', 'AMAZON.OrderStatus.Updated'), { userId: 'amzn1.ask.account.ANNA', locale: 'en-US' });
});

test('other requests and events without a user are ignored', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'shopvoice-subs-'));
  const store = openSqliteOutbox(dir);
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const disabled = { ...subscriptionChanged('u', []), request: { type: 'AlexaSkillEvent.SkillDisabled', requestId: 'r', timestamp: '2026-11-24T09:00:00Z' } } as RequestEnvelope;
  assert.equal(await handleSubscriptionEvent(disabled, store), undefined);
  const anonymous = subscriptionChanged('', ['AMAZON.OrderStatus.Updated']);
  assert.equal(await handleSubscriptionEvent(anonymous, store), undefined);
});
