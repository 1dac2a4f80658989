import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type DomainDeps } from '../../src/domain/deps.js';
import type { VoiceReply, VoiceTurn } from '../../src/domain/turn.js';
import { createGoogleLambdaHandler, type ApiGatewayEvent } from '../../src/server/lambda.js';
import type { AppDeps } from '../../src/server/open-deps.js';
import { basicAuth, fixture } from './dialogflow-requests.js';

const echo = async (turn: VoiceTurn): Promise<VoiceReply> => {
  const text = `${turn.intent} ${turn.locale}`;
  return { speech: { text, ssml: text }, endSession: false, state: {}, handledAs: turn.intent, outcome: 'ok' };
};

const AUTH = basicAuth('dialogflow', 'geheim-123');

function deps(): AppDeps {
  return {
    config: loadConfig({ SHOPVOICE_GOOGLE_USER: 'dialogflow', SHOPVOICE_GOOGLE_PASSWORD: 'geheim-123' }),
    log: silentLogger,
    commerce: {} as DomainDeps['commerce'],
    state: {} as DomainDeps['state'],
  };
}

/** API Gateway REST API (payload format 1.0). */
function restEvent(body: string | null, headers: Record<string, string> = {}, extra: Partial<ApiGatewayEvent> = {}): ApiGatewayEvent {
  return {
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: AUTH, ...headers },
    body,
    isBase64Encoded: false,
    ...extra,
  };
}

/** HTTP API / function URL (payload format 2.0): lower-case headers, method under requestContext.http. */
function httpEvent(body: string, headers: Record<string, string> = {}, extra: Partial<ApiGatewayEvent> = {}): ApiGatewayEvent {
  return {
    version: '2.0',
    requestContext: { http: { method: 'POST' } },
    headers: { 'content-type': 'application/json', authorization: AUTH, ...headers },
    body,
    isBase64Encoded: false,
    ...extra,
  };
}

describe('google Lambda handler', () => {
  it('answers REST (v1) and HTTP API (v2) events, base64 bodies too', async () => {
    const handler = createGoogleLambdaHandler(async () => deps(), { handleTurn: echo });
    const json = JSON.stringify(fixture('order-status-en'));
    for (const event of [
      restEvent(json),
      httpEvent(json),
      httpEvent(Buffer.from(json).toString('base64'), {}, { isBase64Encoded: true }),
      restEvent(Buffer.from(json).toString('base64'), {}, { isBase64Encoded: true }),
    ]) {
      const result = await handler(event);
      assert.equal(result.statusCode, 200);
      assert.match(result.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(JSON.parse(result.body).fulfillmentText, 'OrderStatusIntent en-US');
    }
  });

  it('opens its deps once per container, and again after a failed opening', async () => {
    let opened = 0;
    const handler = createGoogleLambdaHandler(async () => {
      opened += 1;
      if (opened === 1) throw new Error('database not reachable yet');
      return deps();
    }, { handleTurn: echo });
    const json = JSON.stringify(fixture('welcome-de'));
    await assert.rejects(handler(restEvent(json)), /not reachable/);
    assert.equal((await handler(restEvent(json))).statusCode, 200);
    assert.equal((await handler(httpEvent(json))).statusCode, 200);
    assert.equal(opened, 2);
  });

  it('applies the same checks as the HTTP route', async () => {
    const handler = createGoogleLambdaHandler(async () => deps(), { handleTurn: echo });
    const json = JSON.stringify(fixture('welcome-de'));
    const cases: Array<[ApiGatewayEvent, number, object]> = [
      [restEvent(json, { Authorization: basicAuth('dialogflow', 'nope') }), 401, { error: 'unauthorized' }],
      [httpEvent(json, { authorization: '' }), 401, { error: 'unauthorized' }],
      [restEvent('{"broken'), 400, { error: 'malformed JSON' }],
      [restEvent(null), 400, { error: 'malformed JSON' }],
      [httpEvent('{}'), 400, { error: 'not a Dialogflow ES WebhookRequest' }],
      [httpEvent(JSON.stringify({ pad: 'a'.repeat(65 * 1024) })), 413, { error: 'body too large' }],
      [httpEvent(json, { 'content-type': 'text/plain' }), 415, { error: 'expected application/json' }],
      [restEvent(json, {}, { httpMethod: 'GET' }), 405, { error: 'method not allowed' }],
      [httpEvent(json, {}, { requestContext: { http: { method: 'PUT' } } }), 405, { error: 'method not allowed' }],
    ];
    for (const [event, status, body] of cases) {
      const result = await handler(event);
      assert.equal(result.statusCode, status, JSON.stringify(body));
      assert.deepEqual(JSON.parse(result.body), body);
      assert.equal(result.isBase64Encoded, false);
    }
    const refused = await handler(restEvent(json, { Authorization: 'Basic eA==' }));
    assert.match(refused.headers['www-authenticate'] ?? '', /^Basic/);
  });
});
