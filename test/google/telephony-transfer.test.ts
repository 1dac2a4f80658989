import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dialogflowRequest } from './dialogflow-requests.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';

// Issue 17: on Dialogflow's phone gateway a hand-off transfers the call to the shop's number with
// the ES fulfillment message `{ platform: 'TELEPHONY', telephonyTransferCall: { phoneNumber } }`
// (v2beta1 Intent.Message); anywhere else the hand-off speaks as before.

let endpoints: Endpoints;
before(async () => {
  endpoints = await openEndpoints({ now: '2026-11-22T10:00:00+01:00' });
});
after(() => endpoints.close());

const TRANSFER = { platform: 'TELEPHONY', telephonyTransferCall: { phoneNumber: '+49892154370' } };

test('a GOOGLE_TELEPHONY caller asking for a person is put through to the shop (E.164), and the call ends there', async () => {
  const request = dialogflowRequest('HumanHandoffIntent', { queryText: 'ich möchte mit einem menschen sprechen', payload: { telephony: { caller_id: '+4915100000001' } } }) as any;
  request.originalDetectIntentRequest.source = 'GOOGLE_TELEPHONY';
  const { status, json } = await endpoints.google(request);
  assert.equal(status, 200);
  assert.equal(json.fulfillmentText, 'Gern verbinde ich dich mit unserem Kundenservice. Einen Moment bitte.');
  assert.deepEqual(json.fulfillmentMessages.at(-1), TRANSFER);
  assert.equal(json.payload.google.expectUserResponse, false);
});

test('the caller id in the payload alone marks a phone call', async () => {
  const { json } = await endpoints.google(dialogflowRequest('HumanHandoffIntent', { languageCode: 'en', payload: { telephony: { caller_id: '+15550100' } } }));
  assert.deepEqual(json.fulfillmentMessages.at(-1), TRANSFER);
});

test('Messenger or the console get no transfer message', async () => {
  const { json } = await endpoints.google(dialogflowRequest('HumanHandoffIntent', { queryText: 'mensch bitte' }));
  assert.ok(json.fulfillmentMessages.every((m: Record<string, unknown>) => m.platform === undefined));
  assert.match(json.fulfillmentText, /Du erreichst uns telefonisch unter/);
});
