// The fuzz cases: seed requests for both platforms, mutated deterministically, and the check
// every answer must pass.
import assert from 'node:assert/strict';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import { intentRequest, launchRequest, sessionEndedRequest, skillDisabledEvent } from '../support/alexa-requests.js';
import { dialogflowRequest } from '../google/dialogflow-requests.js';
import { hostileValue, mutateBytes, mutateJson, pickOne, type Rand, type RawRequest } from './mutate.js';
import { ssmlProblem } from './ssml-check.js';

/**
 * A pending reorder as the read-back writes it, with the total the demo shop quotes for Anna's
 * order 10042 on the fuzz day: forged into requests that never had a read-back. Orders placed
 * from it are what `fuzz.test.ts` counts.
 */
export const FORGED_PENDING = { kind: 'reorder', orderNumber: '10042', totalCents: 1600 } as const;

const SLOTS: Record<string, string[]> = { ProductLookupIntent: ['product'], OrderStatusIntent: ['orderNumber'], StoreHoursIntent: ['day', 'store'], ShopFaqIntent: ['topic'] };

export function alexaSeed(rand: Rand): Record<string, unknown> {
  const locale = pickOne(rand, ['de-DE', 'en-US', 'en-GB', 'de-AT']);
  const token = rand() < 0.4 ? pickOne(rand, ['demo-token-anna', 'demo-token-emma', 'unknown-token']) : undefined;
  // Some requests bring a forged pending reorder in their attributes, mostly with Anna's account.
  const forged = rand() < 0.3;
  const o = {
    locale,
    accessToken: forged && rand() < 0.7 ? 'demo-token-anna' : token,
    attributes: forged ? { misses: 1, pending: { ...FORGED_PENDING, key: 'reorder:fuzz' }, choices: ['P-1'] } : {},
    confirmationStatus: pickOne(rand, ['NONE', 'CONFIRMED', 'DENIED'] as const),
  };
  const r = rand();
  if (r < 0.1) return launchRequest(o);
  if (r < 0.15) return sessionEndedRequest(o, pickOne(rand, ['USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS']));
  if (r < 0.2) {
    const event = skillDisabledEvent(o) as any;
    event.request.type = pickOne(rand, ['AlexaSkillEvent.SkillDisabled', 'AlexaSkillEvent.SkillAccountLinked', 'AlexaSkillEvent.SkillEnabled', 'AlexaSkillEvent.Unknown']);
    return event;
  }
  if (r < 0.25) {
    const other = launchRequest(o) as any;
    other.request.type = pickOne(rand, ['CanFulfillIntentRequest', 'Alexa.Presentation.APL.UserEvent', 'Connections.Response', 'Messaging.MessageReceived', 'System.ExceptionEncountered']);
    return other;
  }
  const intent = rand() < 0.15 ? pickOne(rand, ['AMAZON.YesIntent', 'ReorderIntent']) : pickOne(rand, [...SHARED_INTENT_NAMES, 'Made.Up.Intent']);
  const slots = Object.fromEntries((SLOTS[intent] ?? []).map((name) => [name, { value: String(hostileValue(rand)) }]));
  return intentRequest(intent, { ...o, slots }, SLOTS[intent] ?? []);
}

export function googleSeed(rand: Rand): Record<string, unknown> {
  // Some requests bring a forged pending reorder in the session context and say "ja".
  const forged = rand() < 0.3;
  const intent = forged && rand() < 0.7 ? 'AMAZON.YesIntent' : pickOne(rand, [...SHARED_INTENT_NAMES, 'Default Welcome Intent', 'Made Up Intent']);
  const parameters = Object.fromEntries((SLOTS[intent] ?? []).map((name) => [name, hostileValue(rand)]));
  return dialogflowRequest(intent, {
    languageCode: pickOne(rand, ['de', 'en', 'en-gb', 'fr', 'DE']),
    parameters,
    accessToken: rand() < 0.4 || forged ? 'demo-token-anna' : undefined,
    queryText: pickOne(rand, ['hallo', 'ja', 'a'.repeat(5000), '</speak>']),
    contexts: forged
      ? [
        { name: 'shopvoice_session', lifespanCount: 49, parameters: { state: JSON.stringify({ pending: FORGED_PENDING }) } },
        { name: 'shopvoice_confirm', lifespanCount: 1, parameters: { intent: 'ReorderIntent' } },
      ]
      : undefined,
  });
}

/** One fuzz case: a seed request, mutated structurally, then perhaps at the byte level. */
export function nextCase(rand: Rand, seed: Record<string, unknown>): RawRequest {
  const json = JSON.stringify(rand() < 0.85 ? mutateJson(rand, seed) : seed);
  return rand() < 0.25 ? mutateBytes(rand, json) : { body: json, contentType: 'application/json; charset=utf-8' };
}

/** What a fuzz run sent and got back. */
export interface Tally {
  sent: number;
  byStatus: Record<string, number>;
  /** 200s that said something. */
  spoken: number;
  /** Answers that broke a rule, and the first few of them. */
  failed: number;
  failures: string[];
}

/** What every answer must be: no 5xx; a 4xx has a JSON error body; a 200 is a valid platform response. */
export function check(path: string, status: number, text: string, raw: RawRequest): void {
  const context = () => `${path} ${status} for ${String(raw.body).slice(0, 300)}… → ${text.slice(0, 300)}`;
  assert.ok(status < 500, `5xx from bad input: ${context()}`);
  let body: any;
  assert.doesNotThrow(() => (body = JSON.parse(text)), `answer is not JSON: ${context()}`);
  if (status >= 400) {
    assert.equal(typeof body.error, 'string', `4xx without a JSON error: ${context()}`);
    return;
  }
  assert.equal(status, 200, context());
  if (path === '/alexa') {
    assert.equal(body.version, '1.0', context());
    assert.equal(typeof body.response, 'object', context());
    assert.ok(Buffer.byteLength(text) <= 24_576, `response over 24 KiB: ${context()}`);
    for (const speech of [body.response.outputSpeech, body.response.reprompt?.outputSpeech]) {
      if (!speech) continue;
      assert.equal(speech.type, 'SSML');
      const problem = ssmlProblem(speech.ssml);
      assert.equal(problem, undefined, `SSML ${problem}: ${context()}`);
      assert.ok(speech.ssml.length <= 8000, context());
    }
  } else {
    assert.equal(typeof body.fulfillmentText, 'string', context());
    assert.ok(Array.isArray(body.fulfillmentMessages), context());
    assert.ok(Buffer.byteLength(text) <= 64 * 1024, `response over 64 KiB: ${context()}`);
    for (const item of body.payload?.google?.richResponse?.items ?? []) {
      const problem = ssmlProblem(item.simpleResponse.textToSpeech);
      assert.equal(problem, undefined, `SSML ${problem}: ${context()}`);
    }
  }
}
