import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { createPseudonymizer, parseAnalyticsKeys } from '../../src/analytics/pseudonym.js';
import { forgettingAnalytics } from '../../src/analytics/forgetting-state.js';
import { redactSentence } from '../../src/analytics/redact.js';
import type { StateStore } from '../../src/state/state-store.js';

test('SHOPVOICE_ANALYTICS_KEY: the current key first, retired keys after; bad keys refused', () => {
  assert.deepEqual(parseAnalyticsKeys(' 2026b:0123456789abcdefX , 2026a:fedcba9876543210 '), [
    { id: '2026b', secret: '0123456789abcdefX' },
    { id: '2026a', secret: 'fedcba9876543210' },
  ]);
  assert.deepEqual(parseAnalyticsKeys(undefined), []);
  assert.deepEqual(parseAnalyticsKeys('  '), []);
  assert.throws(() => parseAnalyticsKeys('k:short'), /at least 16/);
  assert.throws(() => parseAnalyticsKeys('no-colon-here-0123456789'), /id:secret/);
  assert.throws(() => parseAnalyticsKeys('bad id:0123456789abcdef'), /id:secret/);
});

test('the pseudonym is HMAC-SHA256 under the current key; rotation changes it and keeps the old one findable', () => {
  const before = createPseudonymizer([{ id: 'a', secret: 'first-secret-0123' }]);
  const after = createPseudonymizer([{ id: 'b', secret: 'second-secret-012' }, { id: 'a', secret: 'first-secret-0123' }]);
  const expected = createHmac('sha256', 'first-secret-0123').update('amzn1.ask.account.A').digest('base64url');
  assert.deepEqual(before.user('amzn1.ask.account.A'), { user: expected, keyId: 'a' });
  assert.notEqual(after.user('amzn1.ask.account.A').user, expected);
  assert.equal(after.user('amzn1.ask.account.A').keyId, 'b');
  assert.deepEqual(after.allOf('amzn1.ask.account.A'), [after.user('amzn1.ask.account.A').user, expected]);
  assert.notEqual(before.user('amzn1.ask.account.B').user, expected);
});

test('without a key no user is recorded, sessions are still hashed', () => {
  const none = createPseudonymizer([]);
  assert.deepEqual(none.user('amzn1.ask.account.A'), { user: null, keyId: null });
  assert.deepEqual(none.allOf('amzn1.ask.account.A'), []);
  assert.equal(none.session('amzn1.echo-api.session.1'), none.session('amzn1.echo-api.session.1'));
  assert.doesNotMatch(none.session('amzn1.echo-api.session.1'), /amzn1/);
});

test('forgettingAnalytics passes every pseudonym of the user to forgetUser', async () => {
  const calls: unknown[] = [];
  const state = { forgetUser: async (...args: unknown[]) => (calls.push(args), 3), ping: async () => {} } as unknown as StateStore;
  const p = createPseudonymizer([{ id: 'b', secret: 'second-secret-012' }, { id: 'a', secret: 'first-secret-0123' }]);
  const wrapped = forgettingAnalytics(state, p);
  assert.equal(await wrapped.forgetUser('user-1'), 3);
  assert.deepEqual(calls, [['user-1', p.allOf('user-1')]]);
  await wrapped.ping();
});

test('fallen-back sentences lose numbers, addresses and long words', () => {
  assert.equal(redactSentence('Wo ist Bestellung 10042 von anna@example.com?'), 'wo ist bestellung # von [email]');
  assert.equal(redactSentence('ruf mich an unter 0171 2345678 bitte'), 'ruf mich an unter # bitte');
  assert.equal(redactSentence('siehe https://example.com/x?y=1'), 'siehe [link]');
  assert.equal(redactSentence('Donaudampfschifffahrtsgesellschaftskapitän grüßt'), 'grüßt');
  assert.equal(redactSentence('a '.repeat(200)).length, 160);
});
