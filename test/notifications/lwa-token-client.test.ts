import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLwaTokenClient, LwaError } from '../../src/notifications/lwa-token-client.js';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, startFakeAlexaEvents } from '../support/fake-alexa-events.js';

test('the token is cached until it expires minus a minute, then fetched again; concurrent callers share one request', async (t) => {
  const fake = await startFakeAlexaEvents({ expiresIn: 3600 });
  t.after(fake.close);
  let now = new Date('2026-11-24T09:00:00Z');
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: () => now });
  const first = await Promise.all([tokens.token(), tokens.token(), tokens.token()]);
  assert.deepEqual(first, ['Atc|fake-1', 'Atc|fake-1', 'Atc|fake-1']);
  assert.equal(fake.tokenRequests, 1);
  now = new Date('2026-11-24T09:58:59Z');
  assert.equal(await tokens.token(), 'Atc|fake-1', 'still good 61 s before expiry');
  now = new Date('2026-11-24T09:59:00Z');
  assert.equal(await tokens.token(), 'Atc|fake-2', 'renewed one minute before expiry');
  assert.equal(fake.tokenRequests, 2);
});

test('invalidate forgets only the token that was refused', async (t) => {
  const fake = await startFakeAlexaEvents();
  t.after(fake.close);
  const now = new Date('2026-11-24T09:00:00Z');
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: FAKE_CLIENT_SECRET, tokenUrl: fake.tokenUrl, now: () => now });
  assert.equal(await tokens.token(), 'Atc|fake-1');
  tokens.invalidate('Atc|some-older-token');
  assert.equal(await tokens.token(), 'Atc|fake-1');
  tokens.invalidate('Atc|fake-1');
  assert.equal(await tokens.token(), 'Atc|fake-2');
});

test('wrong credentials fail with LWA\'s reason and are not cached', async (t) => {
  const fake = await startFakeAlexaEvents();
  t.after(fake.close);
  const now = new Date('2026-11-24T09:00:00Z');
  const tokens = createLwaTokenClient({ clientId: FAKE_CLIENT_ID, clientSecret: 'wrong', tokenUrl: fake.tokenUrl, now: () => now });
  await assert.rejects(tokens.token(), (error: LwaError) => error instanceof LwaError && error.status === 401 && /invalid_client/.test(error.message) && !/wrong/.test(error.message));
  await assert.rejects(tokens.token(), LwaError);
  assert.equal(fake.tokenRequests, 2);
});
