import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { VoiceReply } from '../../src/domain/turn.js';
import { GOOGLE_CONTEXTS, SESSION_LIFESPAN } from '../../src/platforms/google/session-context.js';
import { toVoiceTurn } from '../../src/platforms/google/to-voice-turn.js';
import { toWebhookResponse } from '../../src/platforms/google/to-webhook-response.js';
import { asWebhookRequest, type WebhookRequest } from '../../src/platforms/google/webhook-types.js';
import { contextsAfter, dialogflowRequest, fixture } from './dialogflow-requests.js';

const request = asWebhookRequest(fixture('reorder-yes-de'))!;
const session = request.session;

const question: VoiceReply = {
  speech: { text: 'Soll ich Bestellung 10042 für 14,21 € noch einmal bestellen?', ssml: 'Soll ich Bestellung <say-as interpret-as="digits">10042</say-as> für 14,21 € noch einmal bestellen?' },
  reprompt: { text: 'Ja oder nein?', ssml: 'Ja oder nein?' },
  endSession: false,
  state: { pending: { kind: 'reorder', orderNumber: '10042', totalCents: 1421 }, lastIntent: 'ReorderIntent' },
  dialog: { type: 'confirm-intent', intent: 'ReorderIntent' },
  handledAs: 'ReorderIntent',
  outcome: 'ok',
};

const final: VoiceReply = {
  speech: { text: 'Tom & Jerry sagen tschüss.', ssml: 'Tom &amp; Jerry sagen tschüss.' },
  card: { type: 'simple', title: 'Bestellung 10051', text: 'Gesamt 14,21 € inkl. MwSt.' },
  endSession: true,
  state: {},
  handledAs: 'AMAZON.StopIntent',
  outcome: 'ok',
};

describe('google toWebhookResponse', () => {
  it('a question: plain fulfillmentText, a text message, SSML payload expecting an answer, state and dialog contexts', () => {
    const response = toWebhookResponse(question, request);
    assert.equal(response.fulfillmentText, question.speech!.text);
    assert.deepEqual(response.fulfillmentMessages, [{ text: { text: [question.speech!.text] } }]);
    assert.deepEqual(response.payload, {
      google: {
        expectUserResponse: true,
        richResponse: { items: [{ simpleResponse: { textToSpeech: `<speak>${question.speech!.ssml}</speak>`, displayText: question.speech!.text } }] },
        noInputPrompts: [{ textToSpeech: '<speak>Ja oder nein?</speak>', displayText: 'Ja oder nein?' }],
      },
    });
    assert.deepEqual(response.outputContexts, [
      { name: `${session}/contexts/shopvoice_session`, lifespanCount: SESSION_LIFESPAN, parameters: { state: JSON.stringify(question.state) } },
      { name: `${session}/contexts/shopvoice_confirm`, lifespanCount: 1, parameters: { intent: 'ReorderIntent' } },
    ]);
  });

  it('context names keep the format projects/<p>/agent/sessions/<s>/contexts/<name>', () => {
    for (const context of toWebhookResponse(question, request).outputContexts ?? []) {
      assert.match(context.name, /^projects\/[^/]+\/agent\/sessions\/[^/]+\/contexts\/[a-z0-9_-]+$/);
    }
    const envRequest = asWebhookRequest(fixture('store-hours-de'))!;
    const [context] = toWebhookResponse(question, envRequest).outputContexts ?? [];
    assert.equal(context?.name, `${envRequest.session}/contexts/shopvoice_session`);
  });

  it('fulfillmentText never carries SSML; escaped characters come out as text', () => {
    const response = toWebhookResponse(final, request);
    assert.equal(response.fulfillmentText, 'Tom & Jerry sagen tschüss.');
    assert.doesNotMatch(response.fulfillmentText, /<|&amp;/);
    assert.equal(response.payload?.google.richResponse?.items[0]?.simpleResponse.textToSpeech, '<speak>Tom &amp; Jerry sagen tschüss.</speak>');
  });

  it('a card becomes a card message after the text; a link-account card too', () => {
    const response = toWebhookResponse(final, request);
    assert.deepEqual(response.fulfillmentMessages[1], { card: { title: 'Bestellung 10051', subtitle: 'Gesamt 14,21 € inkl. MwSt.' } });
    const link = toWebhookResponse({ ...question, card: { type: 'link-account', title: 'Konto verknüpfen', text: 'Verknüpfe dein Konto in der App.' } }, request);
    assert.deepEqual(link.fulfillmentMessages.at(-1), { card: { title: 'Konto verknüpfen', subtitle: 'Verknüpfe dein Konto in der App.' } });
  });

  it('session end: every context the request brought and ours get lifespan 0; system contexts stay', () => {
    const response = toWebhookResponse(final, request);
    assert.equal(response.payload?.google.expectUserResponse, false);
    assert.equal(response.payload?.google.noInputPrompts, undefined);
    assert.deepEqual(
      response.outputContexts,
      [
        { name: `${session}/contexts/shopvoice_session`, lifespanCount: 0 },
        { name: `${session}/contexts/shopvoice_confirm`, lifespanCount: 0 },
      ],
    );
    const fresh = asWebhookRequest(dialogflowRequest('AMAZON.StopIntent'))!;
    assert.deepEqual(toWebhookResponse(final, fresh).outputContexts, [{ name: `${fresh.session}/contexts/shopvoice_session`, lifespanCount: 0 }]);
  });

  it('an elicit-slot reply marks the slot for one turn', () => {
    const reply: VoiceReply = { ...question, dialog: { type: 'elicit-slot', intent: 'ProductLookupIntent', slot: 'product' } };
    const elicit = toWebhookResponse(reply, request).outputContexts?.find((c) => c.name.endsWith(`/${GOOGLE_CONTEXTS.elicit}`));
    assert.deepEqual(elicit?.parameters, { intent: 'ProductLookupIntent', slot: 'product' });
    assert.equal(elicit?.lifespanCount, 1);
  });

  it('no speech: empty text, no messages, no Google payload (Dialogflow then uses the intent\'s own response)', () => {
    const response = toWebhookResponse({ endSession: true, state: {}, handledAs: 'SessionEndedRequest', outcome: 'ok' }, request);
    assert.equal(response.fulfillmentText, '');
    assert.deepEqual(response.fulfillmentMessages, []);
    assert.equal(response.payload, undefined);
  });

  it('state written into the context comes back as the same SessionState on the next request', () => {
    const first = toWebhookResponse(question, request);
    const next = asWebhookRequest(
      dialogflowRequest('AMAZON.YesIntent', { sessionId: session.split('/').at(-1), contexts: contextsAfter(first) }),
    ) as WebhookRequest;
    const turn = toVoiceTurn(next, { now: DateTime.now() });
    assert.deepEqual(turn.session.state, question.state);
    assert.equal(turn.session.isNew, false);
  });
});
