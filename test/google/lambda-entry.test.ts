import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { basicAuth, dialogflowRequest } from './dialogflow-requests.js';

// The deployed entry point, `handler`, configured only through the environment as on Lambda
// (each test file runs in its own process, so setting process.env here stays here).
const dataDir = mkdtempSync(join(tmpdir(), 'shopvoice-lambda-'));
Object.assign(process.env, {
  SHOPVOICE_DATA_DIR: dataDir,
  SHOPVOICE_GOOGLE_USER: 'dialogflow',
  SHOPVOICE_GOOGLE_PASSWORD: 'lambda-secret',
  SHOPVOICE_LOG_LEVEL: 'silent',
});
const { googleHandler: handler } = await import('../../src/server/lambda.js');

after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('google Lambda entry point (`handler`)', () => {
  it('opens the embedded demo shop from the environment and answers a function-URL event', async () => {
    const body = dialogflowRequest('ProductLookupIntent', { languageCode: 'en', parameters: { product: 'P-1001' } });
    const event = {
      version: '2.0',
      rawPath: '/',
      requestContext: { http: { method: 'POST', path: '/' } },
      headers: { 'content-type': 'application/json', authorization: basicAuth('dialogflow', 'lambda-secret') },
      body: Buffer.from(JSON.stringify(body)).toString('base64'),
      isBase64Encoded: true,
    };
    const first = await handler(event);
    assert.equal(first.statusCode, 200, first.body);
    assert.match(JSON.parse(first.body).fulfillmentText, /Organic Oat Milk 1 l costs €1\.49/);
    const refused = await handler({ ...event, headers: { 'content-type': 'application/json' } });
    assert.equal(refused.statusCode, 401);
  });
});
