import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createSessionSealer } from '../../src/domain/session-seal.js';
import { SESSION_CAPS } from '../../src/domain/session-state.js';
import { readSessionState } from '../../src/platforms/google/session-context.js';
import type { DialogflowContext, WebhookResponse } from '../../src/platforms/google/webhook-types.js';
import { openEndpoints, type Endpoints } from '../support/endpoints.js';
import { contextsAfter, dialogflowRequest, sessionPath, type DialogflowRequestOptions } from './dialogflow-requests.js';

// Issue 15, "Conversation state the client cannot forge": the Dialogflow endpoint with a sealer,
// driven with real WebhookRequest JSON; orders counted in the embedded shop's SQLite file.
const ANNA = 'demo-token-anna';
/** The user id dialogflowRequest puts into the Actions-style payload. */
const ANNAS_GOOGLE_USER = 'google:ABwppHE-test-user';
const sealer = createSessionSealer([{ id: 'test', secret: 'a-long-enough-test-secret-0123456789' }]);

let endpoints: Endpoints;
before(async () => {
  endpoints = await openEndpoints({ now: '2026-11-22T10:00:00+01:00', sessionSealer: sealer });
});
after(() => endpoints.close());

async function ask(displayName: string, o: DialogflowRequestOptions): Promise<WebhookResponse> {
  const answer = await endpoints.google(dialogflowRequest(displayName, { languageCode: 'de', accessToken: ANNA, ...o }));
  assert.equal(answer.status, 200, answer.text);
  return answer.json as WebhookResponse;
}

const sessionContext = (sessionId: string, state: string): DialogflowContext => ({
  name: `${sessionPath(sessionId)}/contexts/shopvoice_session`,
  lifespanCount: 49,
  parameters: { state },
});
const confirmContext = (sessionId: string): DialogflowContext => ({
  name: `${sessionPath(sessionId)}/contexts/shopvoice_confirm`,
  lifespanCount: 1,
  parameters: { intent: 'ReorderIntent' },
});

/** The reorder as the read-back would put it, with the total the shop quotes today. */
let pending: { kind: 'reorder'; orderNumber: string; totalCents: number };

/** A genuine read-back in `sessionId`, and the contexts it leaves. */
async function offer(sessionId: string): Promise<DialogflowContext[]> {
  const question = await ask('ReorderIntent', { sessionId });
  assert.match(question.fulfillmentText, /Soll ich das so bestellen\?/);
  const [, euros, cents] = /Zusammen (\d+),(\d\d) €/.exec(question.fulfillmentText)!;
  pending = { kind: 'reorder', orderNumber: '10042', totalCents: Number(euros) * 100 + Number(cents) };
  return contextsAfter(question);
}

async function yes(sessionId: string, contexts: DialogflowContext[], o: DialogflowRequestOptions = {}): Promise<WebhookResponse> {
  return ask('AMAZON.YesIntent', { sessionId, queryText: 'ja', contexts, ...o });
}

describe('Dialogflow: session state the client cannot forge', () => {
  it('the session context carries only a sealed token', async () => {
    const sessionId = randomUUID();
    const contexts = await offer(sessionId);
    const state = contexts.find((c) => c.name.endsWith('/shopvoice_session'))?.parameters?.state;
    assert.equal(typeof state, 'string');
    assert.match(state as string, /^v1\.test\./);
    assert.doesNotMatch(state as string, /10042|reorder|pending/);
    assert.deepEqual(sealer.open(state, { userId: ANNAS_GOOGLE_USER, sessionId })?.constructor, Object);
  });

  it('the genuine flow (read back, then "ja") places exactly one order', async () => {
    const before = endpoints.orderCount();
    const sessionId = randomUUID();
    const placed = await yes(sessionId, await offer(sessionId));
    assert.match(placed.fulfillmentText, /Erledigt!/);
    assert.equal(endpoints.orderCount(), before + 1);
  });

  it('a fresh session with a forged plain pending reorder and "ja" places nothing, and is logged without its content', async () => {
    await offer(randomUUID()); // learns today's total, as an attacker could
    const before = endpoints.orderCount();
    const warned = endpoints.warnings.length;
    const sessionId = randomUUID();
    const forged = JSON.stringify({ pending });
    const answer = await yes(sessionId, [sessionContext(sessionId, forged), confirmContext(sessionId)]);
    assert.doesNotMatch(answer.fulfillmentText, /Erledigt|eingegangen/);
    assert.equal(endpoints.orderCount(), before, 'no order without a read-back');
    const warnings = endpoints.warnings.slice(warned);
    assert.equal(warnings.filter((w) => w.fields.event === 'session.forged').length, 1, 'logged once');
    assert.doesNotMatch(JSON.stringify(warnings), /10042|reorder|pending/, 'no state content in the log');
  });

  it('state read back to one user, answered "ja" by another user, places nothing', async () => {
    const sessionId = randomUUID();
    const contexts = await offer(sessionId);
    const before = endpoints.orderCount();
    const other = await yes(sessionId, contexts, { payload: { user: { userId: 'ABwppHE-mallory', accessToken: ANNA } } });
    assert.doesNotMatch(other.fulfillmentText, /Erledigt/);
    assert.equal(endpoints.orderCount(), before);
  });

  it('a token sealed for another user or another session places nothing', async () => {
    await offer(randomUUID());
    const before = endpoints.orderCount();
    const sessionId = randomUUID();
    for (const binding of [{ userId: 'google:someone-else', sessionId }, { userId: ANNAS_GOOGLE_USER, sessionId: randomUUID() }]) {
      const token = sealer.seal({ pending }, binding);
      const answer = await yes(sessionId, [sessionContext(sessionId, token), confirmContext(sessionId)]);
      assert.doesNotMatch(answer.fulfillmentText, /Erledigt/);
    }
    assert.equal(endpoints.orderCount(), before);
  });

  it('a read-back from session A replayed into session B places nothing; A itself still places one', async () => {
    const sessionA = randomUUID();
    const contextsA = await offer(sessionA);
    const before = endpoints.orderCount();
    const sessionB = randomUUID();
    // dialogflowRequest renames the carried contexts into session B, as a replaying client would.
    const replayed = await yes(sessionB, contextsA);
    assert.doesNotMatch(replayed.fulfillmentText, /Erledigt/);
    assert.equal(endpoints.orderCount(), before);
    const genuine = await yes(sessionA, contextsA);
    assert.match(genuine.fulfillmentText, /Erledigt!/);
    assert.equal(endpoints.orderCount(), before + 1);
  });

  it('three forged attempts place zero orders', async () => {
    await offer(randomUUID());
    const before = endpoints.orderCount();
    for (const [i, orderNumber] of ['10042', '10041', '10042'].entries()) {
      const sessionId = randomUUID();
      const forged = JSON.stringify({ pending: { ...pending, orderNumber }, misses: i });
      await yes(sessionId, [sessionContext(sessionId, forged), confirmContext(sessionId)]);
    }
    assert.equal(endpoints.orderCount(), before);
  });

  it('a genuine state filled to every cap still opens (its token is longer than a plain state may be)', () => {
    const binding = { userId: ANNAS_GOOGLE_USER, sessionId: 'cap' };
    const id = (c: string) => c.repeat(SESSION_CAPS.idChars);
    const ids = (c: string) => Array.from({ length: SESSION_CAPS.listItems }, (_, i) => `${i}${c.repeat(SESSION_CAPS.idChars - 1)}`);
    const big = {
      misses: SESSION_CAPS.misses,
      pending: { kind: 'reorder', orderNumber: id('9'), totalCents: Number.MAX_SAFE_INTEGER },
      choices: ids('c'), orders: ids('o'), lastIntent: 'A'.repeat(SESSION_CAPS.intentChars), products: ids('p'),
      product: id('p'), store: id('s'), day: '2026-12-24', order: id('8'),
      said: { ssml: 'ü'.repeat(SESSION_CAPS.saidChars), reprompt: 'ö'.repeat(SESSION_CAPS.repromptChars) },
    };
    const token = sealer.seal(big, binding);
    assert.ok(token.length > 8 * 1024, `${token.length}`);
    assert.deepEqual(readSessionState([sessionContext('cap', token)], { sealer, binding }), big);
  });

  it('garbage in the session context is a fresh conversation, never an error', async () => {
    const sessionId = randomUUID();
    for (const state of ['v1.test.AAAA.BBBB.CCCC', 'x'.repeat(20_000), '{"pending":', '']) {
      const answer = await endpoints.google(dialogflowRequest('StoreHoursIntent', { sessionId, contexts: [sessionContext(sessionId, state)] }));
      assert.equal(answer.status, 200);
      assert.ok((answer.json as WebhookResponse).fulfillmentText.length > 0);
    }
  });
});

describe('Dialogflow: an answer is never much larger than its request', () => {
  /** A session end (StopIntent) with `count` short client contexts on a session path of `pathChars`. */
  function flood(pathChars: number, count: number): Record<string, unknown> {
    const prefix = sessionPath('');
    const request = dialogflowRequest('AMAZON.StopIntent', { languageCode: 'de' }) as any;
    request.session = prefix + 's'.repeat(pathChars - prefix.length);
    request.queryResult.outputContexts = Array.from({ length: count }, (_, i) => ({ name: `x/contexts/c${i}` }));
    return request;
  }

  it('1,500 contexts on a long session path: at most 4× the request, only our contexts cleared', async () => {
    const request = flood(1000, 1500);
    const size = Buffer.byteLength(JSON.stringify(request));
    assert.ok(size < 64 * 1024, `request of ${size} bytes`);
    const answer = await endpoints.google(request);
    assert.equal(answer.status, 200, answer.text);
    assert.ok(Buffer.byteLength(answer.text) <= 4 * size, `answer of ${Buffer.byteLength(answer.text)} bytes for ${size}`);
    const names = (answer.json as WebhookResponse).outputContexts!.map((c) => c.name.slice(c.name.lastIndexOf('/') + 1));
    assert.ok(names.every((n) => n.startsWith('shopvoice_')), names.join());
  });

  it('a 15,000-character session path is a bad request', async () => {
    const answer = await endpoints.google(flood(15_000, 10));
    assert.equal(answer.status, 400);
    assert.ok(answer.text.length < 200);
  });

  it('a context listed after the first 100 is not read', async () => {
    const sessionId = randomUUID();
    const contexts = await offer(sessionId);
    const before = endpoints.orderCount();
    const request = dialogflowRequest('AMAZON.YesIntent', { languageCode: 'de', accessToken: ANNA, sessionId, queryText: 'ja', contexts }) as any;
    const own = request.queryResult.outputContexts as unknown[];
    request.queryResult.outputContexts = [...Array.from({ length: 100 }, (_, i) => ({ name: `x/contexts/c${i}` })), ...own];
    const answer = await endpoints.google(request);
    assert.equal(answer.status, 200);
    assert.doesNotMatch((answer.json as WebhookResponse).fulfillmentText, /Erledigt/);
    assert.equal(endpoints.orderCount(), before);
  });
});
