// SHOPVOICE_METRICS_TOKEN protects GET /metrics with a bearer token; unset, it stays open.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig, SettingError } from '../../src/config.js';
import { startHarness, type Harness } from '../server/harness.js';

const TOKEN = 'metrics-token-0123456789abcdef';

async function get(h: Harness, authorization?: string): Promise<{ status: number; text: string; challenge: string | null }> {
  const res = await fetch(h.url + '/metrics', { headers: authorization === undefined ? {} : { authorization } });
  return { status: res.status, text: await res.text(), challenge: res.headers.get('www-authenticate') };
}

describe('GET /metrics with SHOPVOICE_METRICS_TOKEN set', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ env: { SHOPVOICE_METRICS_TOKEN: TOKEN } });
  });
  after(() => h.close());

  test('answers the right bearer token', async () => {
    const res = await get(h, `Bearer ${TOKEN}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /shopvoice_http_requests_total/);
  });

  for (const [name, header] of [
    ['no header', undefined],
    ['a wrong token', `Bearer ${TOKEN.slice(0, -1)}x`],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, 8)}`],
    ['the token with more after it', `Bearer ${TOKEN}0`],
    ['basic auth with the token', `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`],
    ['the bare token', TOKEN],
    ['an empty bearer', 'Bearer '],
  ] as const) {
    test(`refuses ${name} with 401 and no metrics`, async () => {
      const res = await get(h, header);
      assert.equal(res.status, 401);
      assert.match(res.challenge ?? '', /^Bearer/);
      assert.doesNotMatch(res.text, /shopvoice_/);
    });
  }
});

describe('GET /metrics without a token', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  test('is open, as before (expose it internally only)', async () => {
    const res = await get(h);
    assert.equal(res.status, 200);
    assert.match(res.text, /shopvoice_http_requests_total/);
  });
});

test('SHOPVOICE_METRICS_TOKEN: unset is none; a short or spaced token is refused', () => {
  assert.equal(loadConfig({}).metricsToken, undefined);
  assert.equal(loadConfig({ SHOPVOICE_METRICS_TOKEN: TOKEN }).metricsToken, TOKEN);
  assert.throws(() => loadConfig({ SHOPVOICE_METRICS_TOKEN: 'short' }), SettingError);
  assert.throws(() => loadConfig({ SHOPVOICE_METRICS_TOKEN: 'a token with spaces in it' }), SettingError);
});
