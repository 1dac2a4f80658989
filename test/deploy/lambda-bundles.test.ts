// The Lambda bundles of `npm run build:lambda`, each run as Lambda runs it (a process of its own
// with the function's environment, `index.handler` of a folder with nothing else in reach: no
// node_modules, no repository) and invoked with the events Lambda hands it: Alexa's own trigger
// (the request envelope as the event), API Gateway HTTP API (payload 2.0) and function-URL events.
// State in a real PostgreSQL database; the catalog is the merchant's shop API over real HTTP
// (the demo shop behind the catalog API router), since the embedded shop runs on SQLite.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import pg from 'pg';
import { bundleLambda, EXCLUDED_PACKAGES, type LambdaBundle } from '../../scripts/bundle-lambda.mjs';
import { openEmbeddedShop, type EmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createCatalogApiRouter } from '../../src/catalog/http/catalog-api-router.js';
import { alexaHeaders, makeChain, signAlexaBody, ALEXA_CERT_URL } from '../support/alexa-certs.js';
import { intentRequest, launchRequest, TEST_SKILL_ID, type AlexaRequestOptions } from '../support/alexa-requests.js';
import { createTestDatabase } from '../support/postgres-database.js';
import { spoken } from '../support/test-server.js';
import { basicAuth, dialogflowRequest } from '../google/dialogflow-requests.js';
import { functionUrlEvent, httpApiEvent, startLambda, type LambdaProcess } from './lambda-invoke.js';

/** Sunday 22 November 2026, 10:00 in Berlin: the instant of every Alexa turn (its request timestamp). */
const CLOCK = '2026-11-22T09:00:00Z';
const SHOP_TOKEN = 'shop-api-secret-for-lambda';
const GOOGLE = { user: 'dialogflow', password: 'lambda-webhook-secret' };
const ANNA = 'demo-token-anna';
/** libfaketime (Debian's `faketime`, which CI installs): gives a function's process the test's instant as its clock. */
const FAKETIME_LIB = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1'].find((path) => existsSync(path));
/** Routes the function's certificate download for s3.amazonaws.com to a local HTTPS server (the bench's preload). */
const S3_STAND_IN = new URL('../../bench/lib/s3-stand-in.mjs', import.meta.url).pathname;

describe('the Lambda bundles, invoked the way Lambda does', () => {
  let work: string;
  let bundles: Record<'alexa' | 'google', LambdaBundle>;
  let shop: EmbeddedShop;
  let api: Server;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let env: Record<string, string>;
  /** The Alexa function with verification on (the default): Alexa's trigger and signed HTTP. */
  let alexa: LambdaProcess;
  /** A second Alexa function, verification off (`SHOPVOICE_ALEXA_VERIFY=false`), for unsigned HTTP events. */
  let alexaUnverified: LambdaProcess;
  let google: LambdaProcess;
  const started: LambdaProcess[] = [];

  const launch = async (platform: 'alexa' | 'google', extra: Record<string, string> = {}, without: string[] = [], execArgv: string[] = []) => {
    const settings = { ...env, ...extra };
    for (const name of without) delete settings[name];
    const lambda = await startLambda(join(work, 'build', platform), settings, { execArgv });
    started.push(lambda);
    return lambda;
  };

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'shopvoice-lambda-bundles-'));
    const outDir = join(work, 'build');
    bundles = { alexa: await bundleLambda('alexa', { outDir }), google: await bundleLambda('google', { outDir }) };
    shop = await openEmbeddedShop({ dataDir: join(work, 'shop') });
    const app = express();
    app.use(createCatalogApiRouter(shop, { token: SHOP_TOKEN }));
    api = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    db = await createTestDatabase();
    env = {
      SHOPVOICE_STATE_URL: db.url,
      SHOPVOICE_STATE_KEYS: `k1:${randomUUID()}${randomUUID()}`,
      SHOPVOICE_SHOP_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
      SHOPVOICE_SHOP_API_TOKEN: SHOP_TOKEN,
      SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
      SHOPVOICE_GOOGLE_USER: GOOGLE.user,
      SHOPVOICE_GOOGLE_PASSWORD: GOOGLE.password,
      // Lambda's only writable folder is /tmp.
      SHOPVOICE_DATA_DIR: join(work, 'lambda-tmp'),
      SHOPVOICE_LOG_LEVEL: 'warn',
    };
    [alexa, alexaUnverified, google] = await Promise.all([launch('alexa'), launch('alexa', { SHOPVOICE_ALEXA_VERIFY: 'false' }), launch('google')]);
  });

  after(async () => {
    await Promise.all(started.map((lambda) => lambda.close()));
    await db?.drop();
    if (api) {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
    await shop?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  const speechOf = (envelope: any) => spoken(envelope?.response?.outputSpeech?.ssml);
  const asked = (intent: string, o: AlexaRequestOptions = {}, slots: string[] = []) => intentRequest(intent, { locale: 'de-DE', timestamp: CLOCK, ...o }, slots);

  test('neither bundle contains actions-on-google, googleapis, express or better-sqlite3', () => {
    for (const bundle of Object.values(bundles)) {
      const names = bundle.packages.map((p) => p.name);
      assert.deepEqual(names.filter((name) => EXCLUDED_PACKAGES.includes(name)), [], `${bundle.platform}: ${names.join(', ')}`);
      const sources = Object.values(bundle.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0).map(([path]) => path));
      // Only the stubs that name the setting to use (each SQLite store's), and the public-holiday calendar a shop file uses.
      const STUBS_AND_CALENDAR = [
        'src/account-linking/link-store-sqlite.ts', 'src/catalog/embedded/embedded-shop.ts', 'src/catalog/embedded/store-calendar.ts',
        'src/notifications/outbox-sqlite.ts', 'src/state/purchase-code-sqlite.ts', 'src/state/sqlite-state-store.ts',
      ];
      const sqliteOrEmbedded = sources.filter((path) => /sqlite|src\/catalog\/embedded\//.test(path));
      assert.deepEqual(sqliteOrEmbedded.filter((path) => !STUBS_AND_CALENDAR.includes(path)), [], `${bundle.platform}: no SQLite code`);
      assert.ok(sqliteOrEmbedded.includes('src/state/sqlite-state-store.ts'), 'the state store stub names the setting');
      for (const file of bundle.files) assert.doesNotMatch(readFileSync(file, 'utf8'), /better-sqlite3|actions-on-google/, file);
    }
    assert.ok(bundles.alexa.packages.some((p) => p.name === 'ask-sdk-core'));
    assert.ok(bundles.alexa.packages.some((p) => p.name === 'pg'));
  });

  test("Alexa's own trigger: the envelope in, the response envelope out; another skill's request fails the invocation", async () => {
    const hello = await alexa.invoke(launchRequest({ timestamp: CLOCK }));
    assert.match(speechOf(hello), /Willkommen bei Lindenhof Markt/);
    const product = await alexa.invoke(asked('ProductLookupIntent', { isNew: true, slots: { product: { value: 'bio hafermilch' } } }, ['product']));
    assert.match(speechOf(product), /Die Bio-Hafermilch 1 l kostet 1,49 €/);
    const english = await alexa.invoke(asked('OrderStatusIntent', { locale: 'en-US', accessToken: 'demo-token-ben', slots: { orderNumber: {} } }));
    assert.match(speechOf(english), /Your order 10039 was delivered on Wednesday, November 18th\./);
    await assert.rejects(alexa.invoke(launchRequest({ timestamp: CLOCK, skillId: 'amzn1.ask.skill.someone-else' })), /Alexa request refused: 400/);
  });

  test('a reorder read back on Alexa’s trigger, confirmed through a function URL and again through API Gateway, is placed once', async () => {
    const customer = (await shop.customerByToken(ANNA))!;
    const ordersBefore = (await shop.listOrders(customer.id)).length;
    const sessionId = `amzn1.echo-api.session.${randomUUID()}`;
    const offered = await alexa.invoke(asked('ReorderIntent', { accessToken: ANNA, sessionId, isNew: true }));
    assert.match(speechOf(offered), /Soll ich das so bestellen\?$/);
    const confirm = JSON.stringify(asked('ReorderIntent', { accessToken: ANNA, sessionId, attributes: offered.sessionAttributes, confirmationStatus: 'CONFIRMED' }));

    const viaUrl = await alexaUnverified.invoke(functionUrlEvent(confirm));
    assert.equal(viaUrl.statusCode, 200, viaUrl.body);
    assert.match(speechOf(JSON.parse(viaUrl.body)), /^Erledigt! Deine Bestellung \d+ bei Lindenhof Markt über \d+,\d\d € ist eingegangen/);
    const viaApi = await alexaUnverified.invoke(httpApiEvent('/alexa', confirm, { base64: true }));
    assert.equal(viaApi.statusCode, 200, viaApi.body);
    assert.match(speechOf(JSON.parse(viaApi.body)), /schon aufgegeben/);

    assert.equal((await shop.listOrders(customer.id)).length, ordersBefore + 1, 'one order in the shop');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      assert.equal(Number((await client.query('SELECT count(*) AS n FROM reorder_claims')).rows[0].n), 1, 'its claim is in PostgreSQL');
    } finally {
      await client.end();
    }
    assert.deepEqual((await readdir(env.SHOPVOICE_DATA_DIR!).catch(() => [])).filter((name) => name.endsWith('.sqlite')), [], 'no SQLite file in /tmp');
  });

  test('behind API Gateway with verification on: an unsigned or stale request is refused with 400', async () => {
    const chain = await makeChain();
    const body = JSON.stringify(asked('AMAZON.HelpIntent'));
    const unsigned = await alexa.invoke(httpApiEvent('/alexa', body));
    assert.equal(unsigned.statusCode, 400);
    assert.deepEqual(JSON.parse(unsigned.body), { error: 'invalid request' });
    // Signed like Alexa, but its timestamp is the test's fixed instant, far from the function's clock.
    const stale = await alexa.invoke(functionUrlEvent(body, { headers: { 'Signature-256': signAlexaBody(body, chain.leafKey)['signature-256'], SignatureCertChainUrl: ALEXA_CERT_URL } }));
    assert.equal(stale.statusCode, 400);
  });

  test('behind a function URL with verification on: a request signed like Alexa’s is answered, its certificate downloaded', { skip: FAKETIME_LIB ? false : 'faketime is not installed (apt-get install faketime)' }, async () => {
    // The function checks the request's timestamp against its own clock (150 s at most), so its
    // process runs at the test's instant; the certificates are valid around it.
    const validity = { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-12-31T00:00:00Z') };
    const signing = await makeChain(validity);
    const tls = await makeChain({ san: ['s3.amazonaws.com'], ...validity });
    let downloads = 0;
    const s3 = createHttpsServer({ key: tls.leafKeyPem, cert: `${tls.leafPem}\n${tls.intermediatePem}` }, (req, res) => {
      downloads++;
      res.writeHead(req.url === '/echo.api/echo-api-cert-12.pem' ? 200 : 404, { 'content-type': 'application/x-pem-file' }).end(signing.chainPem);
    });
    await new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve));
    try {
      writeFileSync(join(work, 'alexa-root.pem'), signing.rootPem);
      writeFileSync(join(work, 's3-root.pem'), tls.rootPem);
      const verified = await launch('alexa', {
        SHOPVOICE_ALEXA_EXTRA_ROOTS: join(work, 'alexa-root.pem'),
        NODE_EXTRA_CA_CERTS: join(work, 's3-root.pem'),
        BENCH_S3_CONNECT_TO: `127.0.0.1:${(s3.address() as AddressInfo).port}`,
        LD_PRELOAD: FAKETIME_LIB!,
        FAKETIME: '@2026-11-22 09:00:00',
        FAKETIME_DONT_FAKE_MONOTONIC: '1',
        FAKETIME_DONT_RESET: '1',
        TZ: 'UTC',
      }, [], ['--import', S3_STAND_IN]);
      const body = JSON.stringify(asked('ProductLookupIntent', { isNew: true, slots: { product: { value: 'bio hafermilch' } } }, ['product']));
      const answered = await verified.invoke(functionUrlEvent(body, { headers: alexaHeaders(body, signing.leafKey, ALEXA_CERT_URL) }));
      assert.equal(answered.statusCode, 200, `${answered.body}\n${verified.output.text}`);
      assert.match(speechOf(JSON.parse(answered.body)), /Die Bio-Hafermilch 1 l kostet 1,49 €/);
      assert.equal(downloads, 1, 'the certificate chain was downloaded once');
      const tampered = await verified.invoke(httpApiEvent('/alexa', body.replace('bio hafermilch', 'bio haferdrink'), { headers: alexaHeaders(body, signing.leafKey, ALEXA_CERT_URL) }));
      assert.equal(tampered.statusCode, 400);
    } finally {
      s3.closeAllConnections();
      await new Promise((resolve) => s3.close(resolve));
    }
  });

  test('Dialogflow through an HTTP API and a function URL, with basic auth', async () => {
    const authorization = basicAuth(GOOGLE.user, GOOGLE.password);
    const english = await google.invoke(httpApiEvent('/google', JSON.stringify(dialogflowRequest('ProductLookupIntent', { languageCode: 'en', parameters: { product: 'P-1001' } })), { headers: { authorization } }));
    assert.equal(english.statusCode, 200, english.body);
    assert.match(JSON.parse(english.body).fulfillmentText, /Organic Oat Milk 1 l costs €1\.49/);
    const german = await google.invoke(functionUrlEvent(JSON.stringify(dialogflowRequest('ReorderIntent', { accessToken: ANNA })), { headers: { authorization } }));
    assert.equal(german.statusCode, 200, german.body);
    assert.match(JSON.parse(german.body).fulfillmentText, /Soll ich das so bestellen\?$/);
    const refused = await google.invoke(functionUrlEvent(JSON.stringify(dialogflowRequest('ProductLookupIntent')), { headers: { authorization: basicAuth(GOOGLE.user, 'wrong') } }));
    assert.equal(refused.statusCode, 401);
  });

  test('without PostgreSQL or a shop API the invocation fails naming the setting, instead of reaching for SQLite', async () => {
    const noState = await launch('alexa', {}, ['SHOPVOICE_STATE_URL']);
    await assert.rejects(noState.invoke(launchRequest({ timestamp: CLOCK })), /no SQLite state store: set SHOPVOICE_STATE_URL/);
    const noShop = await launch('google', {}, ['SHOPVOICE_SHOP_API_URL', 'SHOPVOICE_SHOP_API_TOKEN']);
    await assert.rejects(noShop.invoke(httpApiEvent('/google', '{}')), /no embedded demo shop .*SHOPVOICE_SHOP_API_URL/);
  });
});
