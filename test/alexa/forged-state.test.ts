import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSessionSealer } from '../../src/domain/session-seal.js';
import { intentRequest, launchRequest, sessionEndedRequest, type AlexaRequestOptions } from '../support/alexa-requests.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';

// Issue 15, "Conversation state the client cannot forge": the Alexa endpoint with a sealer, driven
// with real request envelopes; orders counted in the embedded shop's SQLite file.
const ANNA = 'demo-token-anna';
const USER = 'amzn1.ask.account.TESTUSER';
const sealer = createSessionSealer([{ id: 'test', secret: 'a-long-enough-test-secret-0123456789' }]);

let endpoints: Endpoints;
before(async () => {
  endpoints = await openEndpoints({ now: '2026-11-22T10:00:00+01:00', sessionSealer: sealer });
});
after(() => endpoints.close());

interface Said {
  speech: string;
  attributes: Record<string, unknown>;
}

async function send(body: Record<string, unknown>): Promise<Said> {
  const answer = await endpoints.alexa(body);
  assert.equal(answer.status, 200, answer.text);
  return { speech: answer.json.response?.outputSpeech?.ssml ?? '', attributes: answer.json.sessionAttributes };
}

const newSession = () => `amzn1.echo-api.session.${randomUUID()}`;

/** The reorder as the read-back puts it, with the total the shop quotes today. */
let pending: { kind: 'reorder'; orderNumber: string; totalCents: number };

/** A genuine read-back in `sessionId`; its session attributes. */
async function offer(sessionId: string, o: AlexaRequestOptions = {}): Promise<Record<string, unknown>> {
  const said = await send(intentRequest('ReorderIntent', { accessToken: ANNA, sessionId, isNew: true, ...o }));
  assert.match(said.speech, /Soll ich das so bestellen\?/);
  const [, euros, cents] = /Zusammen (\d+),(\d\d) €/.exec(said.speech)!;
  pending = { kind: 'reorder', orderNumber: '10042', totalCents: Number(euros) * 100 + Number(cents) };
  return said.attributes;
}

/** "Ja" to the open question: a confirmed ReorderIntent or an AMAZON.YesIntent. */
function yes(sessionId: string, attributes: Record<string, unknown>, o: AlexaRequestOptions = {}, viaYesIntent = false): Promise<Said> {
  return viaYesIntent
    ? send(intentRequest('AMAZON.YesIntent', { accessToken: ANNA, sessionId, attributes, ...o }))
    : send(intentRequest('ReorderIntent', { accessToken: ANNA, sessionId, attributes, confirmationStatus: 'CONFIRMED', ...o }));
}

describe('Alexa: session state the client cannot forge', () => {
  it('session attributes carry only a sealed token', async () => {
    const sessionId = newSession();
    const attributes = await offer(sessionId);
    assert.deepEqual(Object.keys(attributes), ['s']);
    assert.doesNotMatch(String(attributes.s), /10042|reorder|pending/);
    assert.ok(sealer.open(attributes.s, { userId: USER, sessionId }));
    assert.equal(sealer.open(attributes.s, { userId: USER, sessionId: newSession() }), undefined);
  });

  it('the genuine flow (read back, then "ja") places exactly one order', async () => {
    const before = endpoints.orderCount();
    const sessionId = newSession();
    const attributes = await offer(sessionId);
    const placed = await yes(sessionId, attributes, {}, true);
    assert.match(placed.speech, /Erledigt!/);
    assert.equal(endpoints.orderCount(), before + 1);
  });

  it('forged plain attributes with a pending reorder and "ja" place nothing, logged once without content', async () => {
    await offer(newSession());
    const before = endpoints.orderCount();
    const warned = endpoints.warnings.length;
    const said = await yes(newSession(), { pending, misses: 0 });
    assert.doesNotMatch(said.speech, /Erledigt|eingegangen/);
    assert.equal(endpoints.orderCount(), before, 'no order without a read-back');
    const warnings = endpoints.warnings.slice(warned);
    assert.equal(warnings.filter((w) => w.fields.event === 'session.forged').length, 1, 'logged once');
    assert.doesNotMatch(JSON.stringify(warnings), /10042|reorder|pending/, 'no attribute content in the log');
  });

  it('state read back to one user, confirmed by another user, places nothing', async () => {
    const sessionId = newSession();
    const attributes = await offer(sessionId);
    const before = endpoints.orderCount();
    const said = await yes(sessionId, attributes, { userId: 'amzn1.ask.account.MALLORY' });
    assert.doesNotMatch(said.speech, /Erledigt/);
    assert.equal(endpoints.orderCount(), before);
  });

  it('a token sealed for another user or another session places nothing', async () => {
    await offer(newSession());
    const before = endpoints.orderCount();
    const sessionId = newSession();
    for (const binding of [{ userId: 'amzn1.ask.account.MALLORY', sessionId }, { userId: USER, sessionId: newSession() }]) {
      const said = await yes(sessionId, { s: sealer.seal({ pending }, binding) }, {}, true);
      assert.doesNotMatch(said.speech, /Erledigt/);
    }
    assert.equal(endpoints.orderCount(), before);
  });

  it('a read-back from session A replayed into session B places nothing; A itself still places one', async () => {
    const sessionA = newSession();
    const attributesA = await offer(sessionA);
    const before = endpoints.orderCount();
    const replayed = await yes(newSession(), attributesA);
    assert.doesNotMatch(replayed.speech, /Erledigt/);
    assert.equal(endpoints.orderCount(), before);
    const genuine = await yes(sessionA, attributesA);
    assert.match(genuine.speech, /Erledigt!/);
    assert.equal(endpoints.orderCount(), before + 1);
  });

  it('three forged attempts place zero orders', async () => {
    await offer(newSession());
    const before = endpoints.orderCount();
    for (const [i, orderNumber] of ['10042', '10041', '10042'].entries()) {
      await yes(newSession(), { pending: { ...pending, orderNumber }, misses: i }, {}, i === 1);
    }
    assert.equal(endpoints.orderCount(), before);
  });

  it('every response that carries attributes carries only sealed state; garbage tokens are no error', async () => {
    const sessionId = newSession();
    const forged = { pending: { kind: 'reorder', orderNumber: '10042', totalCents: 1600 } };
    const launch = await send(launchRequest({ sessionId, attributes: forged }));
    const other = launchRequest({ sessionId, attributes: forged }) as any;
    other.request.type = 'CanFulfillIntentRequest';
    const event = launchRequest({ sessionId, attributes: forged }) as any;
    event.request.type = 'AlexaSkillEvent.SkillAccountLinked';
    const ended = await send(sessionEndedRequest({ sessionId, attributes: { s: 'v1.test.AAAA.BBBB.CCCC' } }));
    for (const said of [launch, await send(other), await send(event), ended]) {
      const keys = Object.keys(said.attributes ?? {});
      assert.ok(keys.length === 0 || (keys.length === 1 && keys[0] === 's'), JSON.stringify(said.attributes));
      assert.doesNotMatch(JSON.stringify(said.attributes ?? {}), /10042|pending/);
    }
    const garbage = await endpoints.alexa(intentRequest('StoreHoursIntent', { sessionId, attributes: { s: 'x'.repeat(20_000) } }));
    assert.equal(garbage.status, 200);
  });
});
