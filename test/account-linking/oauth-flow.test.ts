import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { askIntent } from '../support/alexa-turn.js';
import { FAKE_SHOPWARE_PASSWORD, hexId } from '../support/fake-shopware.js';
import { ALEXA_CLIENT, ALEXA_REDIRECT, GOOGLE_CLIENT, GOOGLE_REDIRECT, startLinkingServer, type LinkingServer } from './linking-server.js';
import { alexaAuthorize, basic, codeFrom, linkAccount, openLoginPage, pkcePair, submitLogin, tokenRequest } from './oauth-client.js';

const ANNA = 'anna.schmidt@example.com';
const BEN = 'ben.hoffmann@example.com';
const orderStatus = (server: LinkingServer, accessToken: string) =>
  askIntent(server, 'OrderStatusIntent', { accessToken, timestamp: '2026-11-24T09:00:00Z', slots: { orderNumber: {} } });

describe('account linking for a Shopware shop, over HTTP on loopback against the schema-checked fake', () => {
  let server: LinkingServer;
  before(async () => { server = await startLinkingServer(); });
  after(async () => {
    const violations = [...server.fake.violations];
    await server.close();
    assert.deepEqual(violations, [], 'every Store API request and response matched the schema');
  });

  test('authorize → login → code → token, and Alexa\'s OrderStatus with that token hears the customer\'s order', async () => {
    const { verifier, challenge } = pkcePair();
    const page = await openLoginPage(server.url, alexaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256' }));
    assert.equal(page.status, 200);
    assert.match(page.html, /<html lang="de">/);
    assert.match(page.html, /Mit Lindenhof Markt verbinden/);
    assert.match(page.html, /Alexa möchte auf dein Kundenkonto/);

    const login = await submitLogin(server.url, page, ANNA);
    assert.equal(login.status, 303);
    assert.ok(login.location?.startsWith(`${ALEXA_REDIRECT}?`), login.location);
    const { code, state } = codeFrom(login.location);
    assert.equal(state, 'alexa-state-123', 'the state comes back unchanged');

    const token = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT, code_verifier: verifier });
    assert.equal(token.status, 200, JSON.stringify(token.json));
    assert.equal(token.json.token_type, 'Bearer');
    assert.equal(token.json.expires_in, 3600);
    assert.match(token.json.access_token, /^svat_[A-Za-z0-9_-]{43}$/);
    assert.match(token.json.refresh_token, /^svrt_/);
    assert.equal(token.headers.get('cache-control'), 'no-store');

    const answer = await orderStatus(server, token.json.access_token);
    assert.match(answer.speech, /Deine Bestellung 10042 ist mit DHL unterwegs/);
  });

  test('the code goes back to the exact registered redirect URI; an unknown one is refused on our page, never redirected', async () => {
    const wrong = await openLoginPage(server.url, alexaAuthorize({ redirect_uri: 'https://evil.example/api/skill/link/M2AAAAAAAAAAAA' }));
    assert.equal(wrong.status, 400);
    assert.equal(wrong.headers.get('location'), null);
    assert.match(wrong.html, /unbekanntes Ziel/);
    const prefix = await openLoginPage(server.url, alexaAuthorize({ redirect_uri: `${ALEXA_REDIRECT}/../../evil` }));
    assert.equal(prefix.status, 400);
    const otherClients = await openLoginPage(server.url, alexaAuthorize({ redirect_uri: GOOGLE_REDIRECT }));
    assert.equal(otherClients.status, 400, 'Google\'s redirect is not Alexa\'s');
    const unknownClient = await openLoginPage(server.url, alexaAuthorize({ client_id: 'someone-else' }), 'en-US');
    assert.equal(unknownClient.status, 400);
    assert.match(unknownClient.html, /does not come from an app we know/);

    // A form whose hidden redirect_uri was changed is refused the same way, before any login.
    const page = await openLoginPage(server.url, alexaAuthorize());
    const tampered = await submitLogin(server.url, { ...page, fields: { ...page.fields, redirect_uri: 'https://evil.example/' } }, ANNA);
    assert.equal(tampered.status, 400);
    assert.equal(tampered.location, undefined);
  });

  test('errors the client may hear go back to its redirect URI with the state', async () => {
    const plain = await openLoginPage(server.url, alexaAuthorize({ code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' }));
    assert.equal(plain.status, 303);
    const back = new URL(plain.headers.get('location')!);
    assert.equal(back.origin + back.pathname, ALEXA_REDIRECT);
    assert.equal(back.searchParams.get('error'), 'invalid_request');
    assert.equal(back.searchParams.get('state'), 'alexa-state-123');
    const token = await openLoginPage(server.url, alexaAuthorize({ response_type: 'token' }));
    assert.equal(new URL(token.headers.get('location')!).searchParams.get('error'), 'unsupported_response_type');
  });

  test('a PKCE verifier that does not match the challenge gets no tokens', async () => {
    const { challenge } = pkcePair();
    const page = await openLoginPage(server.url, alexaAuthorize({ code_challenge: challenge, code_challenge_method: 'S256' }));
    const { code } = codeFrom((await submitLogin(server.url, page, ANNA)).location);
    const wrong = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT, code_verifier: pkcePair().verifier });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error, 'invalid_grant');
    assert.equal(wrong.json.access_token, undefined);
    const missing = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT });
    assert.equal(missing.json.error, 'invalid_grant', 'the code is spent, verifier or not');
  });

  test('a replayed code is refused and revokes the tokens it issued', async () => {
    const page = await openLoginPage(server.url, alexaAuthorize());
    const { code } = codeFrom((await submitLogin(server.url, page, BEN)).location);
    const first = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT });
    assert.equal(first.status, 200);
    assert.match((await orderStatus(server, first.json.access_token)).speech, /10039/);
    const replay = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT });
    assert.equal(replay.status, 400);
    assert.equal(replay.json.error, 'invalid_grant');
    const after = await orderStatus(server, first.json.access_token);
    assert.doesNotMatch(after.speech, /10039/);
    assert.match(after.speech, /verknüpf/i, 'the customer is asked to link again, not given an error');
    const refreshed = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: first.json.refresh_token });
    assert.equal(refreshed.json.error, 'invalid_grant');
  });

  test('a code is short-lived: after a minute it buys nothing', async () => {
    const page = await openLoginPage(server.url, alexaAuthorize());
    const { code } = codeFrom((await submitLogin(server.url, page, ANNA)).location);
    server.advance(61_000);
    try {
      const late = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT });
      assert.equal(late.json.error, 'invalid_grant');
    } finally {
      server.advance(-61_000);
    }
  });

  test('client authentication: HTTP Basic as Alexa sends it, or in the body; a wrong secret is 401', async () => {
    const page = await openLoginPage(server.url, alexaAuthorize());
    const { code } = codeFrom((await submitLogin(server.url, page, ANNA)).location);
    const wrong = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT }, basic(ALEXA_CLIENT.id, 'not-the-secret'));
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error, 'invalid_client');
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/);
    const other = await tokenRequest(server.url, { grant_type: 'authorization_code', code, redirect_uri: ALEXA_REDIRECT }, basic(GOOGLE_CLIENT.id, GOOGLE_CLIENT.secret));
    assert.equal(other.json.error, 'invalid_grant', 'a code issued to Alexa is not Google\'s');

    const page2 = await openLoginPage(server.url, alexaAuthorize());
    const code2 = codeFrom((await submitLogin(server.url, page2, ANNA)).location).code;
    const post = await tokenRequest(server.url, { grant_type: 'authorization_code', code: code2, redirect_uri: ALEXA_REDIRECT, client_id: ALEXA_CLIENT.id, client_secret: ALEXA_CLIENT.secret }, null);
    assert.equal(post.status, 200, JSON.stringify(post.json));
  });

  test('refresh rotates: the new pair works, the old refresh token used again ends the link', async () => {
    const first = await linkAccount(server.url, ANNA);
    const second = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(second.status, 200);
    assert.notEqual(second.json.refresh_token, first.refresh_token);
    assert.notEqual(second.json.access_token, first.access_token);
    assert.match((await orderStatus(server, second.json.access_token)).speech, /10042/);

    const reused = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(reused.json.error, 'invalid_grant');
    assert.doesNotMatch((await orderStatus(server, second.json.access_token)).speech, /10042/, 'a reused refresh token revokes the whole grant');
  });

  test('an access token expires after an hour; refreshing then still works', async () => {
    const tokens = await linkAccount(server.url, ANNA);
    server.advance(3_601_000);
    try {
      assert.match((await orderStatus(server, tokens.access_token)).speech, /verknüpf/i);
      const fresh = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
      assert.equal(fresh.status, 200);
      assert.match((await orderStatus(server, fresh.json.access_token)).speech, /10042/);
    } finally {
      server.advance(-3_601_000);
    }
  });

  test('revocation (RFC 7009) ends the link and the Shopware session; unknown tokens are answered 200 too', async () => {
    const tokens = await linkAccount(server.url, BEN);
    const logouts = server.fake.calls.get('logoutCustomer') ?? 0;
    const revoked = await tokenRequest(server.url, { token: tokens.refresh_token, token_type_hint: 'refresh_token' }, null, '/oauth/revoke');
    assert.equal(revoked.status, 401, 'revocation needs client authentication');
    const ok = await tokenRequest(server.url, { token: tokens.refresh_token }, basic(ALEXA_CLIENT.id, ALEXA_CLIENT.secret), '/oauth/revoke');
    assert.equal(ok.status, 200);
    assert.match((await orderStatus(server, tokens.access_token)).speech, /verknüpf/i);
    assert.equal((await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).json.error, 'invalid_grant');
    assert.equal(server.fake.calls.get('logoutCustomer'), logouts + 1, 'the customer\'s Shopware session was ended');
    const unknown = await tokenRequest(server.url, { token: 'svrt_nothing-we-issued' }, basic(ALEXA_CLIENT.id, ALEXA_CLIENT.secret), '/oauth/revoke');
    assert.equal(unknown.status, 200);
  });

  test('Google links through the same server with its own redirect URI', async () => {
    const { verifier, challenge } = pkcePair();
    const page = await openLoginPage(server.url, { response_type: 'code', client_id: GOOGLE_CLIENT.id, redirect_uri: GOOGLE_REDIRECT, state: 'g', code_challenge: challenge, code_challenge_method: 'S256' }, 'en-GB');
    assert.match(page.html, /Google would like to use your Lindenhof Markt customer account/);
    const login = await submitLogin(server.url, page, ANNA);
    assert.ok(login.location?.startsWith(`${GOOGLE_REDIRECT}?`));
    const token = await tokenRequest(server.url, { grant_type: 'authorization_code', code: codeFrom(login.location).code, redirect_uri: GOOGLE_REDIRECT, code_verifier: verifier }, basic(GOOGLE_CLIENT.id, GOOGLE_CLIENT.secret));
    assert.equal(token.status, 200);
  });

  test('a wrong password shows the form again with a clear message and no redirect', async () => {
    const page = await openLoginPage(server.url, alexaAuthorize(), 'en-US');
    const wrong = await submitLogin(server.url, page, 'clara.weber@example.com', 'not-her-password');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.location, undefined);
    assert.match(wrong.html, /The e-mail address or the password is not right/);
    assert.match(wrong.html, /value="clara.weber@example.com"/, 'the e-mail is kept');
  });

  test('a linked customer whose default payment method needs a browser hears so when reordering, and nothing is put in the cart', async () => {
    const tokens = await linkAccount(server.url, 'clara.weber@example.com');
    server.fake.setPaymentMethod(hexId('customer', 'C-1003'), 'payment_paypal');
    const carts = server.fake.calls.get('addLineItem') ?? 0;
    const de = await askIntent(server, 'ReorderIntent', { accessToken: tokens.access_token, timestamp: '2026-11-24T09:00:00Z' });
    assert.match(de.speech, /Deine Standard-Zahlungsart lässt sich nur im Browser bestätigen/);
    const en = await askIntent(server, 'ReorderIntent', { locale: 'en-GB', accessToken: tokens.access_token, timestamp: '2026-11-24T09:00:00Z' });
    assert.match(en.speech, /can only be confirmed in a browser/);
    assert.equal(server.fake.calls.get('addLineItem') ?? 0, carts);
  });

  test('the login page: strict CSP without inline script, no framing, CSRF token bound to a cookie', async () => {
    const page = await openLoginPage(server.url, alexaAuthorize());
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self' https:\/\/layla\.amazon\.com(;|$)/, 'the form may follow the redirect to Alexa, nowhere else');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.doesNotMatch(page.html, /<script|<style|\sstyle=|\son[a-z]+=/i);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('set-cookie') ?? '', /^__Host-shopvoice-oauth-csrf=[A-Za-z0-9_-]+; Path=\/; Secure; HttpOnly; SameSite=Strict/);
    assert.ok(page.fields.csrf_token && page.cookie.endsWith(page.fields.csrf_token));

    const noCookie = await submitLogin(server.url, { ...page, cookie: '' }, ANNA);
    assert.equal(noCookie.status, 403);
    assert.equal(noCookie.location, undefined);
    const otherToken = await submitLogin(server.url, { ...page, fields: { ...page.fields, csrf_token: 'forged' } }, ANNA);
    assert.equal(otherToken.status, 403);
    const css = await fetch(`${server.url}/oauth/login.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  test('tokens, codes and the Shopware context are not stored in clear: the state file\'s bytes do not contain them', async () => {
    const tokens = await linkAccount(server.url, 'david.miller@example.com');
    const files = readdirSync(server.dataDir).filter((f) => f.startsWith('state.sqlite'));
    assert.ok(files.length > 0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(server.dataDir, f))));
    for (const secret of [tokens.access_token, tokens.refresh_token, tokens.access_token.slice(5), FAKE_SHOPWARE_PASSWORD]) {
      assert.equal(bytes.includes(Buffer.from(secret)), false, `${secret.slice(0, 8)}… is not in the file`);
    }
    // The fake's context tokens are hexId('login', `<customer>:<n>`): none of them is in the file.
    for (let i = 0; i < 20; i++) {
      for (const customer of ['C-1001', 'C-1002', 'C-1004']) {
        assert.equal(bytes.includes(Buffer.from(hexId('login', `${hexId('customer', customer)}:${i}`))), false);
      }
    }
  });
});
