// The console in Debian's Chromium, driven by playwright-core: refused without login, log in,
// simulate a German and an English sentence, run a script, see a KPI change after recorded
// traffic, add a fallen-back sentence as a sample, mark a callback done, switch to German; the
// CSP holds and the page logs no error. Screenshots of each screen go to $SHOPVOICE_SCREENSHOTS
// (docs/screenshots for the README), else to a temporary folder.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createPseudonymizer } from '../../src/analytics/pseudonym.js';
import { createTurnRecorder } from '../../src/analytics/turn-recorder.js';
import { silentLogger } from '../../src/domain/deps.js';
import { openConversation } from '../../src/simulator/conversation.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { observedTransport } from '../analytics/observed-transport.js';
import { startConsoleServer, type ConsoleServer } from '../support/console-server.js';

/** Functions handed to page.evaluate run in the browser; the tests are type-checked without the DOM library. */
declare const document: any;

const CHROMIUM = process.env.SHOPVOICE_CHROMIUM ?? '/usr/bin/chromium';
const NOW = '2026-11-24T10:00:00+01:00';
const PASSWORD = 'console-test-password';
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;

let server: ConsoleServer;
let context: BrowserContext;
let page: Page;
let profile: string;
let shots: string;
const problems: string[] = [];

/** The browser's environment without libfaketime: Chromium runs on the real clock, only the server's is injected. */
function browserEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME')) env[k] = v;
  return env;
}

before(async () => {
  if (skip) return;
  server = await startConsoleServer({ now: NOW, password: PASSWORD });
  profile = await mkdtemp(join(tmpdir(), 'shopvoice-chromium-'));
  shots = process.env.SHOPVOICE_SCREENSHOTS || join(profile, 'screenshots');
  await mkdir(shots, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
    env: browserEnv(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (msg) => void (msg.type() === 'error' && problems.push(`console: ${msg.text()}`)));
  page.on('pageerror', (err) => problems.push(`page: ${err.message}`));
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

test('without login the console sends you to the login page and its API refuses', { skip }, async () => {
  await page.goto(`${server.url}/console/`);
  assert.equal(new URL(page.url()).pathname, '/console/login');
  const status = await page.evaluate(async () => (await fetch('api/kpis')).status);
  assert.equal(status, 401);
  await page.fill('#password', 'wrong');
  await page.click('button[type=submit]');
  await page.waitForSelector('#login-failed:not([hidden])');
  await page.screenshot({ path: join(shots, 'login.png') });
});

test('log in, then simulate a German and an English sentence: intent and speech per platform', { skip }, async () => {
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${server.url}/console/`), page.click('button[type=submit]')]);
  await page.waitForSelector('#simulator:not([hidden])');
  assert.equal(await page.inputValue('#sim-clock'), '2026-11-24T10:00:00.000+01:00', 'the clock starts at the server’s injected now');

  await page.selectOption('#sim-locale', 'de-DE');
  await page.fill('#sim-say', 'habt ihr bio hafermilch');
  await page.click('#sim-form button[type=submit]');
  const german = page.locator('.turn').first();
  await german.waitFor();
  assert.equal(await german.locator('[data-platform=alexa] [data-testid=turn-intent]').textContent(), 'ProductLookupIntent');
  assert.equal(await german.locator('[data-platform=google] [data-testid=turn-intent]').textContent(), 'ProductLookupIntent');
  assert.match((await german.locator('[data-platform=alexa] [data-testid=turn-speech]').textContent())!, /^Die Bio-Hafermilch 1 l kostet 1,49 €/);
  assert.match((await german.locator('[data-platform=alexa] [data-testid=turn-recognised]').textContent())!, /^literal/);

  await page.selectOption('#sim-locale', 'en-US');
  await page.fill('#sim-say', 'is the munich store open on saturday');
  await page.click('#sim-form button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('.turn').length === 2);
  const english = page.locator('.turn').first();
  assert.equal(await english.locator('[data-platform=alexa] [data-testid=turn-intent]').textContent(), 'StoreHoursIntent');
  assert.match((await english.locator('[data-platform=google] [data-testid=turn-speech]').textContent())!, /Saturday/);
  await english.locator('[data-platform=alexa] details').first().click();
  assert.match((await english.locator('[data-platform=alexa] pre.json').first().textContent())!, /"type": "IntentRequest"/);
  await page.screenshot({ path: join(shots, 'simulator.png'), fullPage: true });
});

test('run a conversation script and see it pass, then a broken one fail', { skip }, async () => {
  await page.click('#script-run');
  await page.waitForSelector('[data-testid=script-verdict]');
  assert.equal(await page.textContent('[data-testid=script-verdict]'), 'passed');
  await page.fill('#script-text', 'name: wrong\nlocales: [de-DE]\nsteps:\n  - say: habt ihr hafermilch\n    expect: { intent: StoreHoursIntent }\n');
  await page.click('#script-run');
  await page.waitForFunction(() => document.querySelector('[data-testid=script-verdict]')?.textContent === 'failed');
  assert.match((await page.textContent('#script-result'))!, /StoreHoursIntent/);
});

test('the dashboard shows a KPI change after traffic, and a fallen-back sentence becomes a sample', { skip }, async () => {
  await page.goto(`${server.url}/console/#dashboard`);
  const conversations = page.locator('[data-kpi=conversations] .value');
  await conversations.waitFor();
  assert.equal(await conversations.textContent(), '0');

  const recorder = createTurnRecorder({
    state: server.backend.deps.state, pseudonyms: createPseudonymizer([]), log: silentLogger, now: () => new Date(NOW), ticker: { every: () => ({ stop() {} }) },
  });
  const transport = observedTransport(server.backend.deps, (turn, reply, ms) => recorder.record(turn, reply, ms, { utterance: said }));
  let said = '';
  const models = openModelSet(defaultModelsRoot());
  for (const [locale, sentences] of [['de-DE', ['habt ihr raketentreibstoff', 'wie ist das wetter morgen']], ['en-US', ['do you have organic oat milk']]] as const) {
    const c = await openConversation({ platform: 'alexa', locale, models, transport, clock: '2026-11-24T09:00:00+01:00', seed: locale });
    for (const s of sentences) await c.turn({ utterance: (said = s) });
  }
  await recorder.close();

  await page.click('#kpi-form button[type=submit]');
  await page.waitForFunction(() => document.querySelector('[data-kpi=conversations] .value')?.textContent === '2');
  assert.equal(await page.textContent('[data-kpi=fallbackRate] .value'), '33.3%');
  assert.match((await page.textContent('[data-kpi=conversations] small'))!, /Sessions with at least one turn/);
  assert.match((await page.textContent('[data-testid=not-found]'))!, /raketentreibstoff/);
  const row = page.locator('[data-testid=fallbacks] tr', { hasText: 'wie ist das wetter morgen' });
  await row.locator('select').selectOption('ShopFaqIntent');
  await row.locator('button').click();
  await row.locator('.status', { hasText: 'added' }).waitFor();
  assert.match(await readFile(join(server.modelSourceDir, 'de.yaml'), 'utf8'), /\n {6}- wie ist das wetter morgen\n/);
  assert.equal(await page.evaluate(() => document.querySelectorAll('canvas').length), 4);
  await page.screenshot({ path: join(shots, 'dashboard.png'), fullPage: true });
});

test('hand-offs and feedback: newest first, marked done', { skip }, async () => {
  const { state } = server.backend.deps;
  await state.addStaffNote({ at: Date.parse('2026-11-24T08:00:00Z'), kind: 'callback', platform: 'alexa', locale: 'de-DE', user: null, note: 'Rückruf ab 14 Uhr' });
  await state.addStaffNote({ at: Date.parse('2026-11-24T08:30:00Z'), kind: 'feedback', platform: 'google', locale: 'en-US', user: null, score: 5, note: 'quick and friendly' });
  await page.goto(`${server.url}/console/#notes`);
  await page.waitForSelector('#notes-list tbody tr');
  assert.deepEqual(await page.locator('#notes-list tbody tr td:nth-child(5)').allTextContents(), ['quick and friendly', 'Rückruf ab 14 Uhr']);
  await page.screenshot({ path: join(shots, 'notes.png'), fullPage: true });
  await page.locator('#notes-list tbody tr', { hasText: 'Rückruf' }).locator('button').click();
  await page.waitForFunction(() => document.querySelectorAll('#notes-list tbody tr').length === 1);
  assert.equal((await state.listCallbacks({ includeDone: true })).find((n) => n.note === 'Rückruf ab 14 Uhr')?.doneAt, Date.parse(NOW));
});

test('the console speaks German too', { skip }, async () => {
  await page.click('#lang-de');
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.equal(await page.textContent('nav a[data-screen=dashboard]'), 'Kennzahlen');
  await page.goto(`${server.url}/console/#dashboard`);
  await page.waitForSelector('[data-kpi=conversations] .name');
  assert.equal(await page.textContent('[data-kpi=conversations] .name'), 'Gespräche');
});

test('every page was served with the strict CSP and logged no error', { skip }, async () => {
  const res = await page.goto(`${server.url}/console/`);
  assert.match((await res!.headerValue('content-security-policy'))!, /^default-src 'self'; script-src 'self'; style-src 'self'/);
  await page.waitForSelector('#simulator:not([hidden])');
  assert.deepEqual(problems.filter((p) => !/Failed to load resource: the server responded with a status of 401/.test(p)), []);
});
