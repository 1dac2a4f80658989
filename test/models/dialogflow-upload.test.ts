import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, afterEach, before, describe, it } from 'node:test';
import { runModels } from '../../src/cli/commands/models.js';
import { loadUploadConfig } from '../../src/config.js';
import { captureIo } from './support/capture-io.js';
import { json, startLocalApi, type SeenRequest } from './support/local-api.js';

const PROJECT = 'lindenhof-shop';
const OPERATION = `projects/${PROJECT}/operations/8f2c1d7e`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Entries of a zip (local headers in order), inflated. */
function unzip(zip: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50;) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString();
    const data = zip.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    out.set(name, (method === 8 ? inflateRawSync(data) : data).toString());
    at += 30 + nameLength + extra + size;
  }
  return out;
}

function checkAssertion(req: SeenRequest, tokenUrl: string): void {
  assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
  const form = Object.fromEntries(new URLSearchParams(req.body));
  assert.equal(form.grant_type, 'urn:ietf:params:oauth:grant-type:jwt-bearer');
  const [header, claims, signature] = form.assertion!.split('.');
  assert.ok(createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature!, 'base64url')), 'RS256 signature');
  assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), { alg: 'RS256', typ: 'JWT', kid: 'key-1' });
  const c = JSON.parse(Buffer.from(claims!, 'base64url').toString());
  assert.equal(c.iss, 'shopvoice@lindenhof-shop.iam.gserviceaccount.com');
  assert.equal(c.aud, tokenUrl);
  assert.equal(c.scope, 'https://www.googleapis.com/auth/dialogflow');
  assert.equal(c.exp - c.iat, 3600);
}

interface Behaviour {
  restoreAnswers?: Array<(res: ServerResponse) => void>;
  /** Operation states per poll; the last one repeats. */
  operations?: object[];
}

describe('models upload --platform dialogflow (against a local Dialogflow API)', () => {
  let dir: string;
  let keyFile: string;
  let close: (() => Promise<void>) | undefined;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'df-upload-')); });
  after(() => rm(dir, { recursive: true, force: true }));
  afterEach(async () => close?.());

  async function upload(b: Behaviour, args: string[] = []) {
    let tokens = 0;
    let polls = 0;
    const restoreAnswers = [...(b.restoreAnswers ?? [])];
    const api = await startLocalApi((req, res) => {
      if (req.method === 'POST' && req.path === '/token') {
        checkAssertion(req, `${api.url}/token`);
        return json(res, 200, { access_token: `ya29.token-${++tokens}`, expires_in: 3599, token_type: 'Bearer' });
      }
      if (!/^Bearer ya29\.token-\d+$/.test(String(req.headers.authorization))) {
        return json(res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
      }
      if (req.method === 'POST' && req.path === `/v2/projects/${PROJECT}/agent:restore`) {
        assert.equal(req.headers['content-type'], 'application/json');
        const answer = restoreAnswers.shift();
        if (answer) return answer(res);
        const body = JSON.parse(req.body);
        assert.deepEqual(Object.keys(body), ['agentContent']);
        return json(res, 200, { name: OPERATION, metadata: { '@type': 'type.googleapis.com/google.protobuf.Struct' } });
      }
      if (req.method === 'GET' && req.path === `/v2/${OPERATION}`) {
        const ops = b.operations ?? [{ done: true, response: { '@type': 'type.googleapis.com/google.protobuf.Empty' } }];
        return json(res, 200, { name: OPERATION, ...ops[Math.min(polls++, ops.length - 1)] });
      }
      json(res, 404, { error: { code: 404, message: `unexpected ${req.method} ${req.path}`, status: 'NOT_FOUND' } });
    });
    close = api.close;
    keyFile = join(dir, 'key.json');
    await writeFile(keyFile, JSON.stringify({
      type: 'service_account', project_id: PROJECT, private_key_id: 'key-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), client_email: 'shopvoice@lindenhof-shop.iam.gserviceaccount.com',
      token_uri: `${api.url}/token`,
    }));
    const io = captureIo();
    const sleeps: number[] = [];
    const code = await runModels(['upload', '--platform', 'dialogflow', '--dialogflow-url', api.url, ...args], io, {
      upload: loadUploadConfig({ SHOPVOICE_DIALOGFLOW_KEY_FILE: keyFile }),
      sleep: async (ms) => { sleeps.push(ms); },
    });
    return { code, io, sleeps, seen: api.seen };
  }

  it('restores the built agent as a base64 zip and polls the operation until done', async () => {
    const { code, io, seen, sleeps } = await upload({ operations: [{ done: false }, { done: true, response: {} }] }, ['--webhook-url', 'https://shop.example/google']);
    assert.equal(code, 0, io.text());
    const restore = seen.find((r) => r.path.endsWith('agent:restore'))!;
    assert.equal(restore.headers.authorization, 'Bearer ya29.token-1');
    const files = unzip(Buffer.from(JSON.parse(restore.body).agentContent, 'base64'));
    assert.ok(files.has('package.json') && files.has('intents/AMAZON.HelpIntent.json') && files.has('entities/ProductName_entries_de.json'));
    assert.equal(JSON.parse(files.get('agent.json')!).webhook.url, 'https://shop.example/google');
    assert.deepEqual(sleeps, [2000, 2000]);
    assert.match(io.lines.join('\n'), new RegExp(`dialogflow: SUCCEEDED \\(${OPERATION}\\)`));
  });

  it('reports a failed restore with Google\'s message and exits 1', async () => {
    const { code, io } = await upload({ operations: [{ done: true, error: { code: 3, message: 'Invalid agent zip. Missing required json file agent.json' } }] });
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /dialogflow: FAILED — Invalid agent zip\. Missing required json file agent\.json/);
  });

  it('retries 429 after Retry-After and fetches a new token on 401', async () => {
    const { code, io, sleeps, seen } = await upload({
      restoreAnswers: [
        (res) => json(res, 429, { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }, { 'retry-after': '3' }),
        (res) => json(res, 401, { error: { code: 401, message: 'expired', status: 'UNAUTHENTICATED' } }),
      ],
    });
    assert.equal(code, 0, io.text());
    assert.equal(sleeps[0], 3000);
    assert.equal(seen.filter((r) => r.path === '/token').length, 2);
    assert.equal(seen.filter((r) => r.path.endsWith('agent:restore')).length, 3);
  });

  it('stops with the API error when the restore is refused', async () => {
    const { code, io } = await upload({
      restoreAnswers: [(res) => json(res, 403, { error: { code: 403, message: 'Dialogflow API has not been used in project', status: 'PERMISSION_DENIED' } })],
    });
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /Dialogflow refused the restore with 403: PERMISSION_DENIED: Dialogflow API has not been used in project/);
  });

  it('without a key file names the missing variable and exits 2', async () => {
    const io = captureIo();
    const code = await runModels(['upload', '--platform', 'dialogflow'], io, { upload: loadUploadConfig({}) });
    assert.equal(code, 2);
    assert.equal(io.errors.join('\n'), 'models upload --platform dialogflow: missing SHOPVOICE_DIALOGFLOW_KEY_FILE (or GOOGLE_APPLICATION_CREDENTIALS, or --key-file)');
  });
});
