import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type DomainDeps } from '../../src/domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import { createGoogleWebhook, type GoogleRouteDeps, type TurnHandler } from '../../src/platforms/google/google-webhook.js';
import { GOOGLE_PATH, webhookRoute } from '../../src/platforms/google/webhook-route.js';
import { basicAuth, dialogflowRequest, fixture } from './dialogflow-requests.js';

// The route's HTTP behaviour with a stand-in for the domain: the echo says which intent and
// locale the turn carried. The real domain is exercised in webhook-e2e.test.ts.
const echo: TurnHandler = async (turn: VoiceTurn): Promise<VoiceReply> => {
  if (turn.intent === 'AMAZON.HelpIntent' && turn.slots && turn.user.id.endsWith('boom')) throw new Error('secret detail');
  const text = `${turn.intent} ${turn.locale}`;
  return { speech: { text, ssml: text }, endSession: false, state: { lastIntent: turn.intent }, handledAs: turn.intent, outcome: 'ok' };
};

interface Started {
  url: string;
  close(): Promise<void>;
}

async function start(env: Record<string, string>): Promise<Started> {
  const deps: GoogleRouteDeps = {
    config: loadConfig(env),
    log: silentLogger,
    commerce: {} as DomainDeps['commerce'],
    state: {} as DomainDeps['state'],
  };
  const app = express();
  app.use(GOOGLE_PATH, webhookRoute(deps, createGoogleWebhook(deps, echo)));
  // Another route on the same app: the Google JSON parser must not touch it (the Alexa route
  // needs the raw bytes).
  app.post('/other', (req, res) => res.json({ parsed: req.body !== undefined }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as any };
}

const AUTH = basicAuth('dialogflow', 'geheim-123');

describe('POST /google with basic auth configured', () => {
  let server: Started;
  let url: string;
  before(async () => {
    server = await start({ SHOPVOICE_GOOGLE_USER: 'dialogflow', SHOPVOICE_GOOGLE_PASSWORD: 'geheim-123' });
    url = server.url + '/google';
  });
  after(() => server.close());

  it('answers a WebhookRequest with the right credentials', async () => {
    const res = await post(url, fixture('product-lookup-de'), { authorization: AUTH });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.json.fulfillmentText, 'ProductLookupIntent de-DE');
  });

  it('missing or wrong credentials → 401 with a generic body and a Basic challenge', async () => {
    for (const headers of [{}, { authorization: basicAuth('dialogflow', 'falsch') }, { authorization: 'Bearer geheim-123' }] as Array<Record<string, string>>) {
      const res = await post(url, fixture('product-lookup-de'), headers);
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { error: 'unauthorized' });
      assert.match(res.headers.get('www-authenticate') ?? '', /^Basic realm="shopvoice"/);
    }
  });

  it('auth comes before parsing: a bad body without credentials is still a 401', async () => {
    assert.equal((await post(url, '{"broken', {})).status, 401);
    assert.equal((await post(url, 'x'.repeat(70 * 1024), {})).status, 401);
  });

  it('malformed JSON → 400 with a JSON body', async () => {
    const res = await post(url, '{"queryResult": ', { authorization: AUTH });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json, { error: 'malformed JSON' });
  });

  it('a body over 64 KiB → 413 with a JSON body; just under passes', async () => {
    const big = fixture('product-lookup-de');
    big.queryResult.queryText = 'a'.repeat(64 * 1024);
    const tooBig = await post(url, big, { authorization: AUTH });
    assert.equal(tooBig.status, 413);
    assert.deepEqual(tooBig.json, { error: 'body too large' });
    const fits = fixture('product-lookup-de');
    fits.queryResult.queryText = 'a'.repeat(60 * 1024);
    assert.equal((await post(url, fits, { authorization: AUTH })).status, 200);
  });

  it('JSON that is not a WebhookRequest → 400; a non-JSON content type → 415', async () => {
    // express.json is strict: a bare JSON value such as `null` is refused as malformed (also 400).
    assert.equal((await post(url, 'null', { authorization: AUTH })).status, 400);
    for (const body of [{}, [], { session: 'x', queryResult: {} }]) {
      const res = await post(url, body, { authorization: AUTH });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(res.json, { error: 'not a Dialogflow ES WebhookRequest' });
    }
    const plain = await post(url, JSON.stringify(fixture('welcome-de')), { authorization: AUTH, 'content-type': 'text/plain' });
    assert.equal(plain.status, 415);
    assert.deepEqual(plain.json, { error: 'expected application/json' });
  });

  it('an unknown intent is answered by the fallback, never a 500', async () => {
    const res = await post(url, dialogflowRequest('Wetterbericht', { languageCode: 'en' }), { authorization: AUTH });
    assert.equal(res.status, 200);
    assert.equal(res.json.fulfillmentText, 'AMAZON.FallbackIntent en-US');
  });

  it('a failing turn gives a generic 500 that leaks nothing', async () => {
    const res = await post(url, dialogflowRequest('AMAZON.HelpIntent', { payload: { user: { userId: 'boom' } } }), { authorization: AUTH });
    assert.equal(res.status, 500);
    assert.deepEqual(res.json, { error: 'internal error' });
  });

  it('other methods → 405; other routes never see the JSON parser', async () => {
    const get = await fetch(url, { headers: { authorization: AUTH } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
    const other = await post(server.url + '/other', { a: 1 });
    assert.deepEqual(other.json, { parsed: false });
  });
});

describe('POST /google without credentials configured', () => {
  let server: Started;
  before(async () => {
    server = await start({});
  });
  after(() => server.close());

  it('refuses every call', async () => {
    for (const headers of [{}, { authorization: AUTH }, { authorization: basicAuth('', '') }] as Array<Record<string, string>>) {
      const res = await post(server.url + '/google', fixture('welcome-de'), headers);
      assert.equal(res.status, 401);
      assert.deepEqual(res.json, { error: 'unauthorized' });
    }
  });
});

describe('POST /google with SHOPVOICE_GOOGLE_AUTH=off', () => {
  let server: Started;
  before(async () => {
    server = await start({ SHOPVOICE_GOOGLE_AUTH: 'off' });
  });
  after(() => server.close());

  it('accepts calls without credentials', async () => {
    const res = await post(server.url + '/google', fixture('welcome-de'));
    assert.equal(res.status, 200);
    assert.equal(res.json.fulfillmentText, 'LaunchRequest de-DE');
  });
});
