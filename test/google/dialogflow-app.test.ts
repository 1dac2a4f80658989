import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { DIALOGFLOW_INTENT_NAMES } from '../../src/models/dialogflow-names.js';
import { loadDialogflowDispatcher } from '../../src/platforms/google/dialogflow-app.js';
import type { DialogflowTarget } from '../../src/platforms/google/to-voice-turn.js';
import { asWebhookRequest, type WebhookResponse } from '../../src/platforms/google/webhook-types.js';
import { dialogflowRequest, fixture } from './dialogflow-requests.js';

async function targetOf(body: unknown): Promise<DialogflowTarget> {
  const dispatcher = await loadDialogflowDispatcher();
  let seen: DialogflowTarget | undefined;
  const response = await dispatcher.dispatch(asWebhookRequest(body)!, async (target) => {
    seen = target;
    return { fulfillmentText: target, fulfillmentMessages: [] } satisfies WebhookResponse;
  });
  assert.equal(response.fulfillmentText, seen, 'the responder\'s answer is returned as it is');
  return seen!;
}

describe('google dialogflow() app', () => {
  it('routes every shared intent, the welcome intent and unknown names (→ fallback)', async () => {
    for (const name of SHARED_INTENT_NAMES) assert.equal(await targetOf(dialogflowRequest(DIALOGFLOW_INTENT_NAMES[name])), name);
    assert.equal(await targetOf(fixture('welcome-de')), 'launch');
    assert.equal(await targetOf(fixture('fallback-en')), 'AMAZON.FallbackIntent');
    assert.equal(await targetOf(dialogflowRequest('Kaffeeklatsch')), 'AMAZON.FallbackIntent');
    const nameless = fixture('welcome-de');
    delete nameless.queryResult.intent;
    assert.equal(await targetOf(nameless), 'AMAZON.FallbackIntent');
  });

  it('payloads the library would throw on never reach it', async () => {
    // An idToken makes the library verify it with a client id we do not configure; userStorage
    // and its own context are JSON.parsed unguarded.
    const body = fixture('order-status-en');
    body.originalDetectIntentRequest.payload.user.idToken = 'eyJhbGciOiJSUzI1NiJ9.e30.sig';
    body.originalDetectIntentRequest.payload.user.userStorage = '{not json';
    body.queryResult.outputContexts.push({ name: `${body.session}/contexts/_actions_on_google`, lifespanCount: 99, parameters: { data: '{oops' } });
    assert.equal(await targetOf(body), 'OrderStatusIntent');
    const nullPayload = fixture('order-status-en');
    nullPayload.originalDetectIntentRequest.payload = null;
    nullPayload.queryResult.parameters = null;
    assert.equal(await targetOf(nullPayload), 'OrderStatusIntent');
  });

  it('pins the library rule: its `verification` option in object form rejects even the right header', async () => {
    const { dialogflow } = await import('actions-on-google');
    const body = fixture('welcome-de');
    const objectForm = dialogflow({ verification: { headers: { 'x-shopvoice-secret': 's3cret' } } });
    objectForm.fallback((conv) => conv.ask('hallo'));
    const refused = await objectForm.handler(body, { 'x-shopvoice-secret': 's3cret' });
    assert.equal(refused.status, 403, 'object form: always rejected (platform-rules.md) — so the check is ours');
  });

  it('pins the library rule: it fills fulfillmentText only when it guesses the console simulator', async () => {
    const { dialogflow } = await import('actions-on-google');
    const app = dialogflow();
    app.fallback((conv) => conv.ask('Hallo'));
    const fromIntegration = await app.handler(fixture('order-status-en'), {});
    assert.equal((fromIntegration.body as { fulfillmentText?: string }).fulfillmentText, undefined);
    const fromConsole = await app.handler(fixture('welcome-de'), {});
    assert.equal((fromConsole.body as { fulfillmentText?: string }).fulfillmentText, 'Hallo');
  });
});

describe('actions-on-google debug serialisation', () => {
  it('its debug log text is built only while that debug output is on', async (t) => {
    await loadDialogflowDispatcher();
    const { createRequire } = await import('node:module');
    const common = createRequire(import.meta.url)('actions-on-google/dist/common.js') as {
      debug: { enabled: boolean };
      stringify: (root: unknown, ...exclude: string[]) => string;
    };
    const enabled = common.debug.enabled;
    t.after(() => {
      common.debug.enabled = enabled;
    });
    common.debug.enabled = false;
    assert.equal(common.stringify({ request: { secret: 1 }, intent: 'x' }, 'request'), '', 'nothing serialised while the log is off');
    // What the library logs with DEBUG=actions-on-google:* is unchanged.
    common.debug.enabled = true;
    assert.deepEqual(JSON.parse(common.stringify({ request: { secret: 1 }, intent: 'x' }, 'request')), { request: '[Excluded]', intent: 'x' });
    // Routing still works with the log off (the library calls it on every request).
    common.debug.enabled = false;
    assert.equal(await targetOf(fixture('welcome-de')), 'launch');
  });
});
