// The console's gate over real HTTP: disabled without a password, login, cookie flags, CSRF and
// Origin checks on every POST, the Content-Security-Policy, and the JSON API behind the login.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startConsoleServer, type ConsoleServer } from '../support/console-server.js';

const NOW = '2026-11-24T10:00:00+01:00';
const PASSWORD = 'correct horse battery staple';

async function login(server: ConsoleServer, password = PASSWORD, origin = server.url) {
  const res = await fetch(`${server.url}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ password }),
  });
  return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

describe('console without a password', () => {
  let server: ConsoleServer;
  before(async () => (server = await startConsoleServer({ now: NOW })));
  after(() => server.close());

  test('every path answers 503 "console disabled", with the CSP', async () => {
    for (const path of ['/console/', '/console/login', '/console/api/me', '/console/app.js']) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 503, path);
      assert.match(await res.text(), /console disabled/);
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    }
    assert.equal((await login(server)).res.status, 503);
  });
});

describe('console with a password', () => {
  let server: ConsoleServer;
  let cookie: string;
  let csrf: string;
  before(async () => {
    server = await startConsoleServer({ now: NOW, password: PASSWORD });
    const done = await login(server);
    cookie = done.cookie!;
    csrf = ((await (await fetch(`${server.url}/console/api/me`, { headers: { cookie } })).json()) as { csrf: string }).csrf;
  });
  after(() => server.close());

  const api = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${server.url}/console/api/${path}`, { ...init, headers: { cookie, origin: server.url, 'content-type': 'application/json', 'x-csrf-token': csrf, ...init.headers } });

  test('without the cookie the page sends you to the login and the API answers 401', async () => {
    const page = await fetch(`${server.url}/console/`, { redirect: 'manual' });
    assert.equal(page.status, 303);
    assert.equal(page.headers.get('location'), '/console/login');
    assert.equal((await fetch(`${server.url}/console/api/kpis`)).status, 401);
    assert.equal((await fetch(`${server.url}/console/api/me`, { headers: { cookie: 'shopvoice_console=99999999999999.forged.sig' } })).status, 401);
  });

  test('a wrong password is refused; a right one sets an HttpOnly, SameSite=Strict cookie for /console', async () => {
    const wrong = await login(server, 'guess');
    assert.equal(wrong.res.headers.get('location'), '/console/login?failed=1');
    assert.equal(wrong.cookie, undefined);
    const right = await login(server);
    assert.equal(right.res.status, 303);
    const set = right.res.headers.get('set-cookie')!;
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Strict/);
    assert.match(set, /Path=\/console/);
    assert.doesNotMatch(set, /Secure/, 'plain HTTP on loopback: not Secure');
    assert.equal((await login(server, PASSWORD, 'https://evil.example')).res.status, 403, 'a login posted from another site');
  });

  test('after 10 wrong passwords in a minute even the right one waits for the next minute', async (t) => {
    t.after(() => server.setNow(NOW));
    server.setNow('2026-11-24T11:00:00+01:00');
    for (let i = 0; i < 10; i += 1) assert.equal((await login(server, `guess ${i}`)).res.status, 303);
    assert.equal((await login(server)).res.status, 429);
    server.setNow('2026-11-24T11:01:00+01:00');
    assert.equal((await login(server)).res.status, 303);
    assert.ok((await login(server)).cookie);
  });

  test('the session expires after 12 hours of the injected clock', async (t) => {
    t.after(() => server.setNow(NOW));
    server.setNow('2026-11-24T22:00:01+01:00');
    assert.equal((await api('me')).status, 401);
  });

  test('a POST needs the CSRF token and a same-origin request', async () => {
    const body = JSON.stringify({ locale: 'de-DE', say: 'habt ihr hafermilch', clock: NOW });
    assert.equal((await api('simulate', { method: 'POST', body, headers: { 'x-csrf-token': 'wrong' } })).status, 403);
    assert.equal((await api('simulate', { method: 'POST', body, headers: { origin: 'https://evil.example' } })).status, 403);
    const ok = await api('simulate', { method: 'POST', body });
    assert.equal(ok.status, 200);
    const answer = (await ok.json()) as any;
    assert.equal(answer.turns.alexa.intent, 'ProductLookupIntent');
    assert.equal(answer.turns.google.intent, 'ProductLookupIntent');
    assert.equal(answer.turns.alexa.request.request.intent.name, 'ProductLookupIntent');
    assert.ok(answer.turns.google.request.queryResult, 'the Dialogflow request is there too');
  });

  test('every response carries a strict CSP and no page has inline script or style', async () => {
    const page = await fetch(`${server.url}/console/`, { headers: { cookie } });
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe/);
    const dir = join(import.meta.dirname, '../../src/console/public');
    for (const file of ['index.html', 'login.html']) {
      const html = await readFile(join(dir, file), 'utf8');
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/i, file);
    }
    const chart = await fetch(`${server.url}/console/vendor/chart.umd.min.js`);
    assert.equal(chart.status, 200);
    assert.match(await chart.text(), /Chart\.js v4\.6\.1/);
  });

  test('a note is marked done once; an unknown one answers 404', async () => {
    const note = await server.backend.deps.state.addStaffNote({ at: Date.parse(NOW), kind: 'callback', platform: 'alexa', locale: 'de-DE', user: null, note: 'ab 14 Uhr' });
    const notes = async (query = '') => ((await (await api(`notes${query}`)).json()) as { notes: Array<{ id: string; doneAt?: number }> }).notes;
    assert.deepEqual((await notes()).map((n) => n.id), [note.id]);
    assert.equal((await api(`notes/${note.id}/done`, { method: 'POST' })).status, 200);
    assert.equal((await api(`notes/${note.id}/done`, { method: 'POST' })).status, 404);
    assert.deepEqual(await notes(), []);
    assert.equal((await notes('?all=1'))[0]!.doneAt, Date.parse(NOW));
  });

  test('add as sample appends to the intent in the model source; bad input is a 400', async () => {
    const add = (sentence: string, intent = 'ShopFaqIntent') => api('samples', { method: 'POST', body: JSON.stringify({ lang: 'de', intent, sentence }) });
    assert.deepEqual(await (await add('nehmt ihr kreditkarten')).json(), { added: true });
    assert.deepEqual(await (await add('nehmt ihr kreditkarten')).json(), { added: false, reason: 'exists' });
    assert.equal((await add('bestellung #')).status, 400);
    assert.equal((await add('hallo', 'NoSuchIntent')).status, 400);
    const source = await readFile(join(server.modelSourceDir, 'de.yaml'), 'utf8');
    assert.equal(source.split('\n').filter((l) => l.trim() === '- nehmt ihr kreditkarten').length, 1);
  });
});
