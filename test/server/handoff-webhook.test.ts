import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { loadConfig, SettingError } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createHandoffWebhook, signHandoffBody } from '../../src/server/handoff-webhook.js';

// Issue 17: the merchant's hand-off webhook. The end-to-end run (a loopback receiver verifying the
// signature, one retry) is in test/alexa/handoff-callback.test.ts; here the signature's form, the
// settings, and that a dead receiver never fails anything.

const SECRET = 'whsec-0123456789abcdef';

test('the signature is t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">', () => {
  const body = '{"type":"callback.requested","id":"7"}';
  const expected = createHmac('sha256', SECRET).update(`1795338000.${body}`).digest('hex');
  assert.equal(signHandoffBody(body, SECRET, 1795338000), `t=1795338000,v1=${expected}`);
  assert.notEqual(signHandoffBody(body, SECRET, 1795338001), signHandoffBody(body, SECRET, 1795338000), 'the timestamp is signed');
});

test('URL and secret come together; a short secret or a non-http URL stops the start with the setting named', () => {
  const base = { SHOPVOICE_DATA_DIR: '/tmp/shopvoice-config-test' };
  assert.equal(loadConfig(base).handoffWebhook, undefined);
  assert.deepEqual(loadConfig({ ...base, SHOPVOICE_HANDOFF_WEBHOOK_URL: 'https://shop.example/callbacks', SHOPVOICE_HANDOFF_WEBHOOK_SECRET: SECRET }).handoffWebhook, { url: 'https://shop.example/callbacks', secret: SECRET });
  assert.throws(() => loadConfig({ ...base, SHOPVOICE_HANDOFF_WEBHOOK_URL: 'https://shop.example/callbacks' }), (e: unknown) => e instanceof SettingError && e.setting === 'SHOPVOICE_HANDOFF_WEBHOOK_SECRET');
  assert.throws(() => loadConfig({ ...base, SHOPVOICE_HANDOFF_WEBHOOK_URL: 'https://shop.example/callbacks', SHOPVOICE_HANDOFF_WEBHOOK_SECRET: 'short' }), SettingError);
  assert.throws(() => loadConfig({ ...base, SHOPVOICE_HANDOFF_WEBHOOK_URL: 'ftp://shop.example', SHOPVOICE_HANDOFF_WEBHOOK_SECRET: SECRET }), (e: unknown) => e instanceof SettingError && e.setting === 'SHOPVOICE_HANDOFF_WEBHOOK_URL');
  assert.throws(() => loadConfig({ ...base, SHOPVOICE_HANDOFF_WEBHOOK_SECRET: SECRET }), SettingError);
});

test('a receiver that never answers: two attempts, two log lines without the number, and created() returns at once', async () => {
  const warnings: Array<Record<string, unknown>> = [];
  let attempts = 0;
  const webhook = createHandoffWebhook({
    url: 'http://127.0.0.1:9/callbacks', secret: SECRET, retryAfterMs: 1, now: () => 0,
    log: { ...silentLogger, warn: (fields) => warnings.push(fields as Record<string, unknown>) },
    fetch: (async () => { attempts += 1; throw new TypeError('fetch failed'); }) as typeof fetch,
  });
  webhook.created({ id: '1', at: '2026-11-22T09:00:00.000Z', platform: 'google', locale: 'en-US', phone: '+44 7700 900123', reason: 'HumanHandoffIntent', recentTurns: [], shop: 'Lindenhof Markt' });
  await webhook.idle();
  assert.equal(attempts, 2);
  assert.deepEqual(warnings.map((w) => [w.event, w.attempt, w.outcome]), [['handoff.webhook.failed', 1, 'TypeError'], ['handoff.webhook.failed', 2, 'TypeError']]);
  assert.ok(!JSON.stringify(warnings).includes('7700'));
});
