import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { createAlexaCustomerProfile } from '../../src/platforms/alexa/customer-profile.js';
import { createHandoffWebhook } from '../../src/server/handoff-webhook.js';
import { silentLogger } from '../../src/domain/deps.js';
import { intentRequest } from '../support/alexa-requests.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';

// Issue 17, a real hand-off on Alexa: the mobile number through the Customer Profile API (a local
// fake shaped as Amazon documents it), the callback request stored for staff and posted, signed,
// to the merchant's webhook (a loopback receiver that verifies the signature).

const NOW = '2026-11-22T10:00:00+01:00';
const TIMESTAMP = '2026-11-22T09:00:00Z';
const SECRET = 'whsec-test-0123456789abcdef';
const GRANTED = 'token-with-mobile-permission';
const DENIED = 'token-without-permission';

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Amazon's Customer Profile API for the mobile number: GET, bearer token, 200 `{ countryCode, phoneNumber }` or 403. */
const profileCalls: Array<{ method?: string; path?: string; auth?: string }> = [];
const profile = createServer((req, res) => {
  profileCalls.push({ method: req.method, path: req.url, auth: req.headers.authorization });
  if (req.method !== 'GET' || req.url !== '/v2/accounts/~current/settings/Profile.mobileNumber') {
    res.writeHead(404).end();
  } else if (req.headers.authorization === `Bearer ${GRANTED}`) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ countryCode: '+49', phoneNumber: '170 5550123' }));
  } else {
    res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'ACCESS_DENIED', message: 'Access denied with reason: FORBIDDEN' }));
  }
});

/** The merchant's receiver: verifies `X-Shopvoice-Signature: t=…,v1=…` over `t.body`; the first call fails (the retry). */
const received: Array<{ verified: boolean; body: any }> = [];
let receiverCalls = 0;
const receiver = createServer(async (req, res) => {
  receiverCalls += 1;
  const body = await bodyOf(req);
  const header = String(req.headers['x-shopvoice-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', SECRET).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  const verified = given.length === expected.length && timingSafeEqual(given, expected) && Number(parts.t) === Math.floor(Date.parse(TIMESTAMP) / 1000);
  if (receiverCalls === 1) return void res.writeHead(503).end();
  received.push({ verified, body: JSON.parse(body) });
  res.writeHead(204).end();
});

let endpoints: Endpoints;
let profileOrigin: string;
let webhook: ReturnType<typeof createHandoffWebhook>;
const warnings: unknown[] = [];

before(async () => {
  profileOrigin = await listen(profile);
  const receiverUrl = await listen(receiver);
  webhook = createHandoffWebhook({ url: `${receiverUrl}/callbacks`, secret: SECRET, now: () => Date.parse(TIMESTAMP), retryAfterMs: 10, timeoutMs: 2000, log: { ...silentLogger, warn: (fields) => warnings.push(fields) } });
  endpoints = await openEndpoints({
    now: NOW,
    deps: { customerProfile: createAlexaCustomerProfile({ allowEndpoint: (origin) => origin === profileOrigin }), callbacks: webhook },
  });
});

after(async () => {
  await endpoints.close();
  profile.close();
  receiver.close();
});

function request(intent: string, o: { token: string; userId: string; attributes?: Record<string, unknown> }) {
  const body = intentRequest(intent, { locale: 'de-DE', timestamp: TIMESTAMP, userId: o.userId, attributes: o.attributes ?? {} }) as any;
  body.context.System.apiEndpoint = profileOrigin;
  body.context.System.apiAccessToken = o.token;
  return body;
}

test('with the permission: the offer says what the number is for, "ja" reads it, stores it for staff and posts it signed', async () => {
  const userId = 'amzn1.ask.account.CALLBACK-GRANTED';
  const offer = await endpoints.alexa(request('HumanHandoffIntent', { token: GRANTED, userId, attributes: { recent: ['ProductLookupIntent product="einhornmilch" (ok)'] } }));
  assert.equal(offer.status, 200);
  assert.match(offer.json.response.outputSpeech.ssml, /Handynummer aus deinem Amazon-Konto an unser Team weiter, nur für diesen Rückruf\. Soll dich jemand zurückrufen\?/);
  assert.equal(offer.json.response.shouldEndSession, false);
  // Nothing is read before the customer agreed.
  assert.equal(profileCalls.length, 0);

  const yes = await endpoints.alexa(request('AMAZON.YesIntent', { token: GRANTED, userId, attributes: offer.json.sessionAttributes }));
  assert.match(yes.json.response.outputSpeech.ssml, /ruft dich so bald wie möglich zurück/);
  assert.deepEqual(profileCalls, [{ method: 'GET', path: '/v2/accounts/~current/settings/Profile.mobileNumber', auth: `Bearer ${GRANTED}` }]);

  const [note] = await endpoints.deps.state.listCallbacks();
  assert.equal(note?.kind, 'callback');
  assert.equal(note?.platform, 'alexa');
  assert.match(note?.note ?? '', /^phone: \+49 170 5550123\nreason: ProductLookupIntent product="einhornmilch" \(ok\)\nlast turns: ProductLookupIntent/);
  assert.ok(!note?.user?.includes(userId), 'staff see no platform user id');
  const consents = await endpoints.deps.state.consentsOf(userId);
  assert.deepEqual(consents.map((c) => [c.feature, c.granted, c.textVersion, c.platform]), [['callback', true, 'callback-1', 'alexa']]);

  await webhook.idle();
  assert.equal(receiverCalls, 2, 'one retry after the 503');
  assert.equal(received.length, 1);
  assert.equal(received[0]!.verified, true);
  assert.deepEqual(
    { ...received[0]!.body, at: undefined },
    { type: 'callback.requested', id: note!.id, at: undefined, platform: 'alexa', locale: 'de-DE', phone: '+49 170 5550123', reason: 'ProductLookupIntent product="einhornmilch" (ok)', recentTurns: ['ProductLookupIntent product="einhornmilch" (ok)'], shop: 'Lindenhof Markt' },
  );
  assert.equal(warnings.length, 1);
  assert.ok(!JSON.stringify(warnings).includes('170'), 'the number is never logged');

  // Deleted with the user (SkillDisabled and "lösche meine Daten" run this).
  assert.equal((await endpoints.deps.state.storedAbout(userId)).staffNotes, 1);
  await endpoints.deps.state.forgetUser(userId);
  assert.equal((await endpoints.deps.state.listCallbacks({ includeDone: true })).filter((n) => n.kind === 'callback').length, 0);
});

test('without the permission: an AskForPermissionsConsent card for the mobile number, said so, and the shop\'s contact', async () => {
  const userId = 'amzn1.ask.account.CALLBACK-DENIED';
  const offer = await endpoints.alexa(request('HumanHandoffIntent', { token: DENIED, userId }));
  const yes = await endpoints.alexa(request('AMAZON.YesIntent', { token: DENIED, userId, attributes: offer.json.sessionAttributes }));
  assert.deepEqual(yes.json.response.card, { type: 'AskForPermissionsConsent', permissions: ['alexa::profile:mobile_number:read'] });
  assert.match(yes.json.response.outputSpeech.ssml, /Dafür brauche ich deine Erlaubnis, deine Handynummer zu lesen/);
  assert.match(yes.json.response.outputSpeech.ssml, /Du erreichst uns telefonisch unter/);
  assert.equal(yes.json.response.shouldEndSession, true);
  assert.deepEqual(await endpoints.deps.state.consentsOf(userId), [], 'nothing stored without a number');
});

test('an apiEndpoint that is not Amazon\'s is never called', async () => {
  const calls: string[] = [];
  const client = createAlexaCustomerProfile({ fetch: (async (url: string) => { calls.push(url); return new Response('{}'); }) as typeof fetch });
  assert.deepEqual(await client.mobileNumber({ endpoint: 'https://evil.example', token: 't' }), { kind: 'none' });
  assert.deepEqual(calls, []);
});

test('with a linked account: its number, and the reason staff read is the product not found (redacted last turns)', async () => {
  const userId = 'amzn1.ask.account.CALLBACK-LINKED';
  const o = { locale: 'de-DE', timestamp: TIMESTAMP, userId, accessToken: 'demo-token-anna' };
  const lookup = await endpoints.alexa(intentRequest('ProductLookupIntent', { ...o, slots: { product: { value: 'einhornmilch 3000' } } }));
  const offer = await endpoints.alexa(intentRequest('HumanHandoffIntent', { ...o, attributes: lookup.json.sessionAttributes }));
  assert.match(offer.json.response.outputSpeech.ssml, /Telefonnummer aus deinem Kundenkonto/);
  const before = profileCalls.length;
  await endpoints.alexa(intentRequest('AMAZON.YesIntent', { ...o, attributes: offer.json.sessionAttributes }));
  assert.equal(profileCalls.length, before, 'the linked number needs no profile call');
  const note = (await endpoints.deps.state.listCallbacks()).find((n) => n.note?.includes('23456789'));
  assert.equal(note?.note, 'phone: +49 151 23456789\nreason: ProductLookupIntent product="einhornmilch #" (not found)\nlast turns: ProductLookupIntent product="einhornmilch #" (not found)');
  await webhook.idle();
});
