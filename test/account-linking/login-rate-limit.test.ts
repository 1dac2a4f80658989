import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLinkingServer, type LinkingServer } from './linking-server.js';
import { alexaAuthorize, codeFrom, openLoginPage, submitLogin } from './oauth-client.js';

const MINUTE = 60_000;

describe('failed logins are limited per caller address and per e-mail (5 in 15 minutes), on the injected clock', () => {
  let server: LinkingServer;
  before(async () => { server = await startLinkingServer({ env: { SHOPVOICE_OAUTH_CLIENT_IP_HEADER: 'x-forwarded-for' } }); });
  after(() => server.close());

  const attempt = async (email: string, password: string | undefined, ip: string, language = 'de-DE') => {
    const page = await openLoginPage(server.url, alexaAuthorize(), language);
    return submitLogin(server.url, page, email, password, { 'x-forwarded-for': `203.0.113.250, ${ip}`, 'accept-language': language });
  };

  test('the sixth try for one e-mail is refused with 429 and a clear page, even with the right password, until the window has passed', async () => {
    const before = server.fake.calls.get('loginCustomer') ?? 0;
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt('anna.schmidt@example.com', `wrong-${i}`, `198.51.100.${i + 1}`);
      assert.equal(wrong.status, 401);
      server.advance(MINUTE);
    }
    const blocked = await attempt('Anna.Schmidt@example.com', undefined, '198.51.100.99');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.location, undefined);
    assert.match(blocked.html, /Zu viele Versuche/);
    assert.match(blocked.html, /Bitte warte 10 Minuten/);
    assert.equal(blocked.headers.get('retry-after'), String(10 * 60));
    assert.equal(server.fake.calls.get('loginCustomer'), before + 5, 'a blocked login does not reach the shop');

    server.advance(10 * MINUTE + 1);
    const stillOne = await attempt('anna.schmidt@example.com', undefined, '198.51.100.99');
    assert.equal(stillOne.status, 303, 'the oldest failure has left the window: four remain');
    assert.ok(codeFrom(stillOne.location).code);
  });

  test('the sixth failure from one address is refused whatever e-mail it tries; other addresses go on', async () => {
    server.advance(20 * MINUTE);
    for (let i = 0; i < 5; i++) assert.equal((await attempt(`nobody-${i}@example.com`, 'guess', '192.0.2.7', 'en-US')).status, 401);
    const blocked = await attempt('ben.hoffmann@example.com', undefined, '192.0.2.7', 'en-US');
    assert.equal(blocked.status, 429);
    assert.match(blocked.html, /too many failed sign-ins/);
    const elsewhere = await attempt('ben.hoffmann@example.com', undefined, '192.0.2.8', 'en-US');
    assert.equal(elsewhere.status, 303);
    server.advance(15 * MINUTE);
    assert.equal((await attempt('ben.hoffmann@example.com', undefined, '192.0.2.7', 'en-US')).status, 303);
  });
});
