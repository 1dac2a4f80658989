import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { silentLogger } from '../../src/domain/deps.js';
import { SHARED_INTENT_NAMES } from '../../src/domain/intents.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import { DIALOGFLOW_INTENT_NAMES } from '../../src/models/dialogflow-names.js';
import type { HttpAnswer } from '../../src/platforms/endpoint.js';
import { createGoogleEndpoint } from '../../src/platforms/google/google-endpoint.js';
import type { TurnHandler } from '../../src/platforms/request-context.js';
import { basicAuth, dialogflowRequest, fixture } from './dialogflow-requests.js';

// The neutral endpoint called as a transport would, without a socket, with a stand-in for the
// domain: the echo says which intent and locale the turn carried. The real domain is exercised
// in webhook-e2e.test.ts (over HTTP) and the Lambda tests.
const NOW = DateTime.fromISO('2026-11-22T10:00:00+01:00', { setZone: true });
const turns: VoiceTurn[] = [];
const echo: TurnHandler = async (turn: VoiceTurn): Promise<VoiceReply> => {
  turns.push(turn);
  if (turn.intent === 'AMAZON.HelpIntent' && turn.user.id.endsWith('boom')) throw new Error('secret detail');
  const text = `${turn.intent} ${turn.locale}`;
  return { speech: { text, ssml: text }, endSession: false, state: { lastIntent: turn.intent }, handledAs: turn.intent, outcome: 'ok' };
};

const AUTH = basicAuth('dialogflow', 'geheim-123');
const withAuth = createGoogleEndpoint({ handleTurn: echo, auth: { user: 'dialogflow', password: 'geheim-123', authOff: false }, clock: () => NOW, log: silentLogger });

function call(body: unknown, headers: Record<string, string> = {}, method = 'POST') {
  const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return withAuth({ method, headers: { 'content-type': 'application/json', authorization: AUTH, ...headers }, body: raw });
}
const json = (answer: HttpAnswer) => JSON.parse(answer.body);

describe('the Google endpoint, called without a socket', () => {
  it('answers a WebhookRequest with the right credentials, at the injected clock', async () => {
    const answer = await call(fixture('product-lookup-de'));
    assert.equal(answer.status, 200);
    assert.match(answer.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(json(answer).fulfillmentText, 'ProductLookupIntent de-DE');
    assert.equal(turns.at(-1)!.now.toISO(), NOW.toISO());
  });

  it('dispatches every shared intent and the welcome intent by display name; unknown names go to the fallback', async () => {
    for (const name of SHARED_INTENT_NAMES) assert.equal(json(await call(dialogflowRequest(DIALOGFLOW_INTENT_NAMES[name]))).fulfillmentText.split(' ')[0], name);
    assert.equal(json(await call(fixture('welcome-de'))).fulfillmentText, 'LaunchRequest de-DE');
    for (const unknown of ['Kaffeeklatsch', 'constructor', '__proto__', 'toString']) {
      assert.equal(json(await call(dialogflowRequest(unknown, { languageCode: 'en' }))).fulfillmentText, 'AMAZON.FallbackIntent en-US', unknown);
    }
    const nameless = fixture('welcome-de');
    delete nameless.queryResult.intent;
    assert.equal(json(await call(nameless)).fulfillmentText, 'AMAZON.FallbackIntent de-DE');
  });

  it('an unknown languageCode is answered in English, as an unknown Alexa locale is', async () => {
    for (const [code, locale] of [['fr', 'en-US'], ['', 'en-US'], ['de-AT', 'de-DE'], ['DE', 'de-DE'], ['en-gb', 'en-GB']]) {
      assert.equal(json(await call(dialogflowRequest('AMAZON.HelpIntent', { languageCode: code }))).fulfillmentText, `AMAZON.HelpIntent ${locale}`, code);
    }
  });

  it('payloads an SDK would throw on are read defensively', async () => {
    const body = fixture('order-status-en');
    body.originalDetectIntentRequest.payload.user.idToken = 'eyJhbGciOiJSUzI1NiJ9.e30.sig';
    body.originalDetectIntentRequest.payload.user.userStorage = '{not json';
    body.queryResult.outputContexts.push({ name: `${body.session}/contexts/_actions_on_google`, lifespanCount: 99, parameters: { data: '{oops' } });
    assert.equal(json(await call(body)).fulfillmentText, 'OrderStatusIntent en-US');
    const nullPayload = fixture('order-status-en');
    nullPayload.originalDetectIntentRequest.payload = null;
    nullPayload.queryResult.parameters = null;
    assert.equal(json(await call(nullPayload)).fulfillmentText, 'OrderStatusIntent en-US');
  });

  it('missing or wrong credentials → 401 with a generic body and a Basic challenge', async () => {
    for (const authorization of ['', basicAuth('dialogflow', 'falsch'), 'Bearer geheim-123']) {
      const answer = await call(fixture('product-lookup-de'), { authorization });
      assert.equal(answer.status, 401);
      assert.deepEqual(json(answer), { error: 'unauthorized' });
      assert.match(answer.headers['www-authenticate'] ?? '', /^Basic realm="shopvoice"/);
    }
  });

  it('auth comes before parsing: a bad body without credentials is still a 401', async () => {
    assert.equal((await call('{"broken', { authorization: '' })).status, 401);
    assert.equal((await call('x'.repeat(70 * 1024), { authorization: '' })).status, 401);
  });

  it('malformed JSON → 400; a body over 64 KiB → 413; just under passes', async () => {
    assert.deepEqual(json(await call('{"queryResult": ')), { error: 'malformed JSON' });
    const big = fixture('product-lookup-de');
    big.queryResult.queryText = 'a'.repeat(64 * 1024);
    const tooBig = await call(big);
    assert.equal(tooBig.status, 413);
    assert.deepEqual(json(tooBig), { error: 'body too large' });
    const fits = fixture('product-lookup-de');
    fits.queryResult.queryText = 'a'.repeat(60 * 1024);
    assert.equal((await call(fits)).status, 200);
  });

  it('JSON that is not a WebhookRequest → 400; a non-JSON content type or any Content-Encoding → 415', async () => {
    for (const body of ['null', {}, [], { session: 'x', queryResult: {} }]) {
      const answer = await call(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(json(answer), { error: 'not a Dialogflow ES WebhookRequest' });
    }
    const plain = await call(JSON.stringify(fixture('welcome-de')), { 'content-type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.deepEqual(json(plain), { error: 'expected application/json' });
    for (const encoding of ['gzip', 'deflate', 'br']) assert.equal((await call(fixture('welcome-de'), { 'content-encoding': encoding })).status, 415, encoding);
    assert.equal((await call(fixture('welcome-de'), { 'content-encoding': 'identity' })).status, 200);
  });

  it('a failing turn gives a generic 500 that leaks nothing; other methods → 405', async () => {
    const failed = await call(dialogflowRequest('AMAZON.HelpIntent', { payload: { user: { userId: 'boom' } } }));
    assert.equal(failed.status, 500);
    assert.deepEqual(json(failed), { error: 'internal error' });
    const get = await call('', {}, 'GET');
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
  });

  it('without credentials configured it refuses every call; with auth off it takes calls without', async () => {
    const closed = createGoogleEndpoint({ handleTurn: echo, auth: { authOff: false }, log: silentLogger });
    const open = createGoogleEndpoint({ handleTurn: echo, auth: { authOff: true }, clock: () => NOW, log: silentLogger });
    const body = Buffer.from(JSON.stringify(fixture('welcome-de')));
    for (const authorization of ['', AUTH, basicAuth('', '')]) {
      assert.equal((await closed({ method: 'POST', headers: { 'content-type': 'application/json', authorization }, body })).status, 401);
    }
    const answer = await open({ method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(json(answer).fulfillmentText, 'LaunchRequest de-DE');
  });
});
