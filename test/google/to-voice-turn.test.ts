import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { DIALOGFLOW_INTENT_NAMES } from '../../src/models/dialogflow-names.js';
import { dialogflowTarget, localeOf, toVoiceTurn } from '../../src/platforms/google/to-voice-turn.js';
import { asWebhookRequest, type WebhookRequest } from '../../src/platforms/google/webhook-types.js';
import { dialogflowRequest, fixture } from './dialogflow-requests.js';

const now = DateTime.fromISO('2026-11-22T10:00:00', { zone: 'Europe/Berlin' });

function turnOf(body: unknown) {
  const request = asWebhookRequest(body);
  assert.ok(request, 'a WebhookRequest');
  return toVoiceTurn(request, { now });
}

describe('google toVoiceTurn: captured requests', () => {
  it('welcome intent → launch turn, new session, German', () => {
    const turn = turnOf(fixture('welcome-de'));
    assert.equal(turn.platform, 'google');
    assert.equal(turn.kind, 'launch');
    assert.equal(turn.intent, 'LaunchRequest');
    assert.equal(turn.locale, 'de-DE');
    assert.equal(turn.session.isNew, true);
    assert.deepEqual(turn.session.state, {});
    assert.equal(turn.session.id, '4c1e2f3a-9b8d-7e6f-5a4b-3c2d1e0f9a8b');
    assert.equal(turn.user.id, 'google:4c1e2f3a-9b8d-7e6f-5a4b-3c2d1e0f9a8b');
    assert.equal(turn.user.accessToken, undefined);
    assert.equal(turn.requestId, '2b6c1a0e-7f4d-4c86-9a3e-51f0f2c8d9b1-0820055c');
    assert.equal(turn.now, now);
  });

  it('product: entity value → id and canonical, `.original` → spoken value; state from the session context', () => {
    const turn = turnOf(fixture('product-lookup-de'));
    assert.equal(turn.intent, 'ProductLookupIntent');
    assert.equal(turn.kind, 'intent');
    assert.deepEqual(turn.slots, { product: { value: 'bio hafermilch', id: 'P-1001', canonical: 'P-1001' } });
    assert.equal(turn.session.isNew, false);
    assert.deepEqual(turn.session.state, { lastIntent: 'LaunchRequest' });
  });

  it('order number: @sys.number 10042 → "10042"; Actions payload → user id and access token; English', () => {
    const turn = turnOf(fixture('order-status-en'));
    assert.equal(turn.locale, 'en-US');
    assert.deepEqual(turn.slots, { orderNumber: { value: '10042' } });
    assert.deepEqual(turn.user, { id: 'google:ABwppHGq5Zp0xVn2cS8u3c9PZz1Fd4bY', accessToken: 'demo-token-anna' });
  });

  it('store hours: @sys.date → Alexa date form; environment session path → users/<u> as the user', () => {
    const turn = turnOf(fixture('store-hours-de'));
    assert.deepEqual(turn.slots, {
      day: { value: '2026-11-28' },
      store: { value: 'filiale münchen', id: 'S-MUC', canonical: 'S-MUC' },
    });
    assert.equal(turn.user.id, 'google:kunde-7');
    assert.equal(turn.session.id, '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b');
  });

  it('yes with a pending reorder in the session context', () => {
    const turn = turnOf(fixture('reorder-yes-de'));
    assert.equal(turn.intent, 'AMAZON.YesIntent');
    assert.equal(turn.confirmation, 'NONE');
    assert.deepEqual(turn.session.state.pending, {
      kind: 'reorder',
      orderNumber: '10042',
      totalCents: 1421,
    }, 'a key sent by the client is not read: the server derives it');
  });

  it('an intent the agent names but we do not know → AMAZON.FallbackIntent', () => {
    const turn = turnOf(fixture('fallback-en'));
    assert.equal(turn.intent, 'AMAZON.FallbackIntent');
    assert.equal(turn.kind, 'intent');
    assert.equal(turn.locale, 'en-US');
  });
});

describe('google toVoiceTurn: mapping rules', () => {
  it('every shared intent display name maps back to its shared intent', () => {
    for (const name of SHARED_INTENT_NAMES) assert.equal(dialogflowTarget(DIALOGFLOW_INTENT_NAMES[name]), name);
    assert.equal(dialogflowTarget('Default Welcome Intent'), 'launch');
    for (const unknown of ['Default Fallback Intent', 'SomethingElse', '', undefined, 42]) {
      assert.equal(dialogflowTarget(unknown), 'AMAZON.FallbackIntent');
    }
  });

  it('languageCode → locale', () => {
    const cases: Array<[unknown, string]> = [
      ['de', 'de-DE'], ['de-DE', 'de-DE'], ['de-de', 'de-DE'], ['de-AT', 'de-DE'],
      ['en', 'en-US'], ['en-US', 'en-US'], ['en-us', 'en-US'], ['en-GB', 'en-GB'], ['en-gb', 'en-GB'], ['en-AU', 'en-US'],
      // Any other language: English, the same rule as an unknown Alexa locale (issue 12).
      ['fr', 'en-US'], ['', 'en-US'], [undefined, 'en-US'], [7, 'en-US'],
    ];
    for (const [code, locale] of cases) assert.equal(localeOf(code), locale, String(code));
  });

  it('unfilled parameters give no slot; numbers and dates in their other shapes', () => {
    const slotsOf = (intent: string, parameters: Record<string, unknown>) =>
      turnOf(dialogflowRequest(intent, { parameters })).slots;
    assert.deepEqual(slotsOf('OrderStatusIntent', { orderNumber: '' }), {});
    assert.deepEqual(slotsOf('OrderStatusIntent', { orderNumber: '10018' }), { orderNumber: { value: '10018' } });
    assert.deepEqual(slotsOf('OrderStatusIntent', { orderNumber: 10018.0 }), { orderNumber: { value: '10018' } });
    assert.deepEqual(slotsOf('OrderStatusIntent', { orderNumber: [10018] }), { orderNumber: { value: '10018' } });
    assert.deepEqual(slotsOf('OrderStatusIntent', { orderNumber: 'zehn' }), {});
    assert.deepEqual(slotsOf('StoreHoursIntent', { day: '', store: '' }), {});
    // The calendar day in the agent's offset: 00:30 on the 28th in Berlin stays the 28th.
    assert.deepEqual(slotsOf('StoreHoursIntent', { day: '2026-11-28T00:30:00+01:00' }), { day: { value: '2026-11-28' } });
    assert.deepEqual(slotsOf('StoreHoursIntent', { day: '2026-11-28T23:30:00-05:00' }), { day: { value: '2026-11-28' } });
    assert.deepEqual(slotsOf('StoreHoursIntent', { day: { startDate: '2026-12-05T00:00:00+01:00', endDate: '2026-12-06T23:59:59+01:00' } }), { day: { value: '2026-12-05' } });
    assert.deepEqual(slotsOf('StoreHoursIntent', { day: 'morgen' }), {});
    // Parameters the intent does not declare are not slots.
    assert.deepEqual(slotsOf('ReorderIntent', { product: 'P-1001' }), {});
  });

  it('without `.original` the entity value is also the spoken value', () => {
    const body = dialogflowRequest('ShopFaqIntent', { parameters: { topic: 'shipping_costs' } });
    const qr = (body as any).queryResult;
    qr.outputContexts = [];
    assert.deepEqual(turnOf(body).slots, { topic: { value: 'shipping_costs', id: 'shipping_costs', canonical: 'shipping_costs' } });
  });

  it('session state: absent → new session; unreadable or foreign → empty; unknown fields dropped', () => {
    const withState = (state: unknown) => {
      const body = dialogflowRequest('AMAZON.HelpIntent', {
        contexts: [{ name: 'x/contexts/shopvoice_session', lifespanCount: 5, parameters: { state } }],
      });
      return turnOf(body).session;
    };
    const unreadable = withState('not json');
    assert.equal(unreadable.isNew, false);
    assert.deepEqual(unreadable.state, {});
    assert.deepEqual(withState(JSON.stringify([1, 2])).state, {});
    assert.deepEqual(withState({ misses: 1 }).state, {});
    assert.deepEqual(withState('x'.repeat(9000)).state, {});
    assert.deepEqual(
      withState(JSON.stringify({ misses: 2, evil: true, pending: { kind: 'reorder', orderNumber: 10042 }, choices: ['P-1', 'P-2'] })).state,
      { misses: 2, choices: ['P-1', 'P-2'] },
    );
    assert.deepEqual(withState(JSON.stringify({ pending: { kind: 'handoff' } })).state, { pending: { kind: 'handoff' } });
    const fresh = turnOf(dialogflowRequest('AMAZON.HelpIntent')).session;
    assert.equal(fresh.isNew, true);
    assert.deepEqual(fresh.state, {});
  });

  it('access token only from payload.user.accessToken; odd payloads are ignored', () => {
    const userOf = (payload: unknown) => turnOf({ ...dialogflowRequest('ReorderIntent'), originalDetectIntentRequest: { payload } }).user;
    assert.equal(userOf({ user: { accessToken: 'demo-token-ben' } }).accessToken, 'demo-token-ben');
    assert.equal(userOf({ user: { accessToken: '' } }).accessToken, undefined);
    assert.equal(userOf({ user: { accessToken: 'x'.repeat(5000) } }).accessToken, undefined);
    assert.equal(userOf({ accessToken: 'demo-token-ben' }).accessToken, undefined);
    assert.equal(userOf({ user: { idToken: 'eyJhbGciOi.x.y' } }).accessToken, undefined);
    assert.equal(userOf(null).accessToken, undefined);
    assert.equal(userOf('text').accessToken, undefined);
    assert.match(userOf(undefined).id, /^google:[0-9a-f-]{36}$/);
  });

  it('asWebhookRequest refuses what is not a WebhookRequest', () => {
    const good = dialogflowRequest('AMAZON.HelpIntent') as Record<string, unknown>;
    assert.ok(asWebhookRequest(good));
    for (const bad of [null, [], 'x', 1, {}, { ...good, session: 'sessions/1' }, { ...good, session: 7 }, { ...good, queryResult: null }, { ...good, queryResult: [] }]) {
      assert.equal(asWebhookRequest(bad), undefined, JSON.stringify(bad)?.slice(0, 60));
    }
    const located = { ...good, session: 'projects/p/locations/europe-west3/agent/sessions/abc' } as unknown as WebhookRequest;
    assert.ok(asWebhookRequest(located));
    assert.equal(toVoiceTurn(located, { now }).session.id, 'abc');
  });
});
