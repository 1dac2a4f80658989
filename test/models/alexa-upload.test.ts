import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, it } from 'node:test';
import { runModels } from '../../src/cli/commands/models.js';
import { loadUploadConfig } from '../../src/config.js';
import { captureIo } from './support/capture-io.js';
import { json, startLocalApi, type SeenRequest } from './support/local-api.js';

const SKILL = 'amzn1.ask.skill.0000-test';
const LOCALES = ['de-DE', 'en-GB', 'en-US'];
const CREDENTIALS = { SHOPVOICE_LWA_CLIENT_ID: 'amzn1.application-oa2-client.abc', SHOPVOICE_LWA_CLIENT_SECRET: 's3cr3t', SHOPVOICE_LWA_REFRESH_TOKEN: 'Atzr|refresh', SHOPVOICE_ALEXA_SKILL_ID: SKILL };
const modelText = (locale: string): Promise<string> => readFile(`interaction-models/alexa/skill-package/interactionModels/custom/${locale}.json`, 'utf8');

interface Behaviour {
  /** Status answers for PUTs, in order; afterwards 202. */
  putAnswers?: Array<(res: ServerResponse) => void>;
  /** Per poll: locale → status. */
  polls?: Array<Record<string, string>>;
  errors?: Record<string, string[]>;
  lwa?: (req: SeenRequest, res: ServerResponse) => boolean;
}

/** A fake LWA + SMAPI that checks each request the way the real services would read it. */
async function fakeAmazon(b: Behaviour = {}) {
  let tokens = 0;
  let polls = 0;
  const putAnswers = [...(b.putAnswers ?? [])];
  const issued = new Set<string>();
  return startLocalApi((req, res) => {
    if (req.method === 'POST' && req.path === '/auth/o2/token') {
      if (b.lwa?.(req, res)) return;
      assert.match(String(req.headers['content-type']), /^application\/x-www-form-urlencoded/);
      const form = Object.fromEntries(new URLSearchParams(req.body));
      assert.deepEqual(form, { grant_type: 'refresh_token', refresh_token: 'Atzr|refresh', client_id: CREDENTIALS.SHOPVOICE_LWA_CLIENT_ID, client_secret: 's3cr3t' });
      const token = `Atza|token-${++tokens}`;
      issued.add(token);
      return json(res, 200, { access_token: token, refresh_token: 'Atzr|refresh', token_type: 'bearer', expires_in: 3600 });
    }
    const auth = String(req.headers.authorization ?? '');
    if (!issued.has(auth.replace(/^Bearer /, ''))) return json(res, 401, { message: 'Token is invalid/expired' });
    const put = /^\/v1\/skills\/([^/]+)\/stages\/development\/interactionModel\/locales\/([a-zA-Z-]+)$/.exec(req.path);
    if (req.method === 'PUT' && put) {
      assert.equal(decodeURIComponent(put[1]!), SKILL);
      assert.equal(req.headers['content-type'], 'application/json');
      assert.ok(LOCALES.includes(put[2]!), put[2]);
      const answer = putAnswers.shift();
      if (answer) return answer(res);
      JSON.parse(req.body);
      res.writeHead(202, { location: `/v1/skills/${put[1]}/status?resource=interactionModel` }).end();
      return;
    }
    if (req.method === 'GET' && req.path === `/v1/skills/${encodeURIComponent(SKILL)}/status?resource=interactionModel`) {
      const states = b.polls?.[Math.min(polls++, (b.polls?.length ?? 1) - 1)] ?? {};
      const interactionModel = Object.fromEntries(LOCALES.map((l) => [l, {
        lastUpdateRequest: {
          status: states[l] ?? 'SUCCEEDED',
          ...(b.errors?.[l] ? { errors: b.errors[l]!.map((message) => ({ code: 'INVALID_INTERACTION_MODEL', message })) } : {}),
          buildDetails: { steps: [{ name: 'LANGUAGE_MODEL_FULL_BUILD', status: states[l] ?? 'SUCCEEDED' }] },
        },
        eTag: 'etag-1',
      }]));
      return json(res, 200, { interactionModel });
    }
    json(res, 404, { message: `unexpected ${req.method} ${req.path}` });
  });
}

describe('models upload --platform alexa (against a local SMAPI)', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function upload(b: Behaviour) {
    const api = await fakeAmazon(b);
    close = api.close;
    const io = captureIo();
    const sleeps: number[] = [];
    const code = await runModels(['upload', '--platform', 'alexa', '--smapi-url', api.url, '--lwa-url', api.url], io, {
      upload: loadUploadConfig(CREDENTIALS),
      sleep: async (ms) => { sleeps.push(ms); },
    });
    return { code, io, sleeps, seen: api.seen };
  }

  it('PUTs every locale with the model file as body, polls the build and reports each locale', async () => {
    const { code, io, sleeps, seen } = await upload({ polls: [{ 'de-DE': 'IN_PROGRESS', 'en-GB': 'IN_PROGRESS', 'en-US': 'SUCCEEDED' }, {}] });
    assert.equal(code, 0, io.text());
    const puts = seen.filter((r) => r.method === 'PUT');
    assert.deepEqual(puts.map((r) => r.path.split('/').pop()), LOCALES);
    for (const put of puts) {
      assert.equal(put.body, await modelText(put.path.split('/').pop()!));
      assert.equal(put.headers.authorization, 'Bearer Atza|token-1');
    }
    assert.equal(seen.filter((r) => r.method === 'GET').length, 2);
    assert.deepEqual(sleeps, [5000]);
    for (const l of LOCALES) assert.match(io.lines.join('\n'), new RegExp(`^${l}: SUCCEEDED$`, 'm'));
  });

  it('fetches a new token once on 401', async () => {
    let first = true;
    const { code, io, seen } = await upload({
      putAnswers: [(res) => { first = false; json(res, 401, { message: 'Token is invalid/expired' }); }],
    });
    assert.equal(code, 0, io.text());
    assert.equal(first, false);
    assert.equal(seen.filter((r) => r.path === '/auth/o2/token').length, 2);
    assert.equal(seen.filter((r) => r.method === 'PUT').at(-1)?.headers.authorization, 'Bearer Atza|token-2');
  });

  it('waits as Retry-After says on 429 and tries again', async () => {
    const { code, io, sleeps, seen } = await upload({
      putAnswers: [(res) => json(res, 429, { message: 'Rate exceeded' }, { 'retry-after': '2' })],
    });
    assert.equal(code, 0, io.text());
    assert.equal(sleeps[0], 2000);
    assert.equal(seen.filter((r) => r.method === 'PUT' && r.path.endsWith('/de-DE')).length, 2);
  });

  it('reports a FAILED build with its errors and exits 1', async () => {
    const { code, io } = await upload({
      polls: [{ 'en-GB': 'FAILED' }],
      errors: { 'en-GB': ["Sample utterance \"where's order 12\" in intent \"OrderStatusIntent\" cannot include numbers"] },
    });
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /^en-GB: FAILED — Sample utterance "where's order 12" in intent "OrderStatusIntent" cannot include numbers$/m);
    assert.match(io.lines.join('\n'), /^de-DE: SUCCEEDED$/m);
  });

  it('stops with SMAPI\'s message when a model is refused (400)', async () => {
    const { code, io } = await upload({
      putAnswers: [(res) => json(res, 400, { message: 'Interaction model is invalid.', violations: [{ code: 'X', message: 'Invocation name must be two words' }] })],
    });
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /SMAPI refused the de-DE model with 400: Interaction model is invalid\.; Invocation name must be two words/);
  });

  it('says which credentials LWA refused', async () => {
    const { code, io } = await upload({
      lwa: (_req, res) => { json(res, 400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' }); return true; },
    });
    assert.equal(code, 1);
    assert.match(io.errors.join('\n'), /Login with Amazon refused the refresh token \(invalid_grant: The request has an invalid grant parameter : refresh_token\); check SHOPVOICE_LWA_CLIENT_ID/);
  });

  it('without credentials names the missing variables and exits 2, calling nothing', async () => {
    const io = captureIo();
    const calls: string[] = [];
    const code = await runModels(['upload', '--platform', 'alexa', '--smapi-url', 'http://127.0.0.1:9'], io, {
      upload: loadUploadConfig({ SHOPVOICE_LWA_CLIENT_ID: 'x' }),
      fetch: async (url) => { calls.push(url); return new Response(null, { status: 500 }); },
    });
    assert.equal(code, 2);
    assert.deepEqual(calls, []);
    assert.equal(io.errors.join('\n'), 'models upload --platform alexa: missing SHOPVOICE_LWA_CLIENT_SECRET, SHOPVOICE_LWA_REFRESH_TOKEN, SHOPVOICE_ALEXA_SKILL_ID (or --skill-id)');
  });
});
