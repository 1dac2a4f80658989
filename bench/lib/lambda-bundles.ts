import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { bundleLambda } from '../../scripts/bundle-lambda.mjs';
import { openEmbeddedShop } from '../../src/catalog/embedded/embedded-shop.js';
import { createCatalogApiRouter } from '../../src/catalog/http/catalog-api-router.js';
import { functionUrlEvent, httpApiEvent, startLambda } from '../../test/deploy/lambda-invoke.js';
import { createTestDatabase } from '../../test/support/postgres-database.js';
import { alexaBody } from './alexa-requests.js';
import { GOOGLE_CREDENTIALS, googleRequests } from './google-requests.js';
import { SERVER_CPU } from './server-process.js';
import { freshAlexaRequest, type ShopvoiceSite } from './shopvoice-run.js';
import { median } from './stats.js';

/** One bundle's size: the file Lambda loads, and about what its zip upload weighs. */
export interface LambdaBundleSize {
  platform: 'alexa' | 'google';
  /** index.mjs, what a cold start parses */
  bytes: number;
  /** index.mjs and the chunks it loads when a turn first needs them */
  totalBytes: number;
  gzipBytes: number;
  packages: number;
  largest: Array<{ name: string; bytes: number }>;
}

/** Cold starts of one way of invoking a bundle: spawn → handler loaded (init), spawn → first answer. */
export interface LambdaColdStart {
  id: 'alexa-invoke' | 'alexa-url-verified' | 'google-http-api';
  label: string;
  initMs: number[];
  firstAnswerMs: number[];
}

export interface LambdaFigures {
  bundles: LambdaBundleSize[];
  coldStarts: LambdaColdStart[];
  /** The same runtime stand-in with a handler of one line: this machine's floor (spawn, Node, IPC). */
  floorMs: number[];
}

const SHOP_TOKEN = 'bench-shop-api-token';

/**
 * Bundles both handlers (`npm run build:lambda`'s code) and measures each the way Lambda starts it:
 * a new process (pinned to the server core) with the function's environment loads `index.mjs`,
 * then the first event is answered: a ProductLookupIntent from Alexa's own trigger, the same one
 * signed through a function URL (verification on, certificate downloaded from the S3 stand-in),
 * and a Dialogflow ProductLookupIntent through an HTTP API. State in a PostgreSQL database made
 * for the run; the catalog is the demo shop behind the catalog API, served by this runner.
 */
export async function lambdaBundles(site: ShopvoiceSite, runs: number, log: (line: string) => void): Promise<LambdaFigures> {
  const outDir = join(site.workDir, 'lambda-build');
  const built = [await bundleLambda('alexa', { outDir }), await bundleLambda('google', { outDir })];
  const bundles: LambdaBundleSize[] = built.map((b) => ({
    platform: b.platform as 'alexa' | 'google',
    bytes: b.bytes,
    totalBytes: b.totalBytes,
    gzipBytes: b.gzipBytes,
    packages: b.packages.length,
    largest: b.packages.slice(0, 5),
  }));
  const shop = await openEmbeddedShop({ dataDir: join(site.workDir, 'lambda-shop') });
  const app = express();
  app.use(createCatalogApiRouter(shop, { token: SHOP_TOKEN }));
  const api: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const db = await createTestDatabase();
  const { host, port } = site.certs.standIn.connectTo;
  const env: Record<string, string> = {
    SHOPVOICE_STATE_URL: db.url,
    SHOPVOICE_STATE_KEYS: `bench:${randomUUID()}${randomUUID()}`,
    SHOPVOICE_SHOP_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}`,
    SHOPVOICE_SHOP_API_TOKEN: SHOP_TOKEN,
    SHOPVOICE_ALEXA_SKILL_ID: site.certs.signing.skillId,
    SHOPVOICE_ALEXA_EXTRA_ROOTS: site.certs.rootFile,
    SHOPVOICE_GOOGLE_USER: GOOGLE_CREDENTIALS.user,
    SHOPVOICE_GOOGLE_PASSWORD: GOOGLE_CREDENTIALS.password,
    SHOPVOICE_DATA_DIR: join(site.workDir, 'lambda-tmp'),
    NODE_EXTRA_CA_CERTS: site.certs.rootFile,
    BENCH_S3_CONNECT_TO: `${host}:${port}`,
  };
  const ways = [
    {
      id: 'alexa-invoke' as const,
      label: "Alexa bundle, Alexa's own trigger (the envelope as event)",
      platform: 'alexa',
      event: () => alexaBody('ProductLookupIntent', site.certs.signing.skillId),
      speech: (result: any) => JSON.stringify(result?.response?.outputSpeech ?? ''),
    },
    {
      id: 'alexa-url-verified' as const,
      label: 'Alexa bundle, function URL, signed (certificate downloaded)',
      platform: 'alexa',
      event: () => {
        const signed = freshAlexaRequest(site);
        return functionUrlEvent(String(signed.body), { headers: signed.headers as Record<string, string> });
      },
      speech: (result: any) => (result?.statusCode === 200 ? result.body : `${result?.statusCode} ${result?.body}`),
    },
    {
      id: 'google-http-api' as const,
      label: 'Dialogflow bundle, API Gateway HTTP API',
      platform: 'google',
      event: () => {
        const request = googleRequests('ProductLookupIntent', 1)[0]!;
        return httpApiEvent('/google', String(request.body), { headers: request.headers as Record<string, string> });
      },
      speech: (result: any) => (result?.statusCode === 200 ? result.body : `${result?.statusCode} ${result?.body}`),
    },
  ];
  const coldStarts: LambdaColdStart[] = [];
  const floorDir = join(site.workDir, 'lambda-floor');
  mkdirSync(floorDir, { recursive: true });
  writeFileSync(join(floorDir, 'index.mjs'), "export const handler = async () => ({ response: { outputSpeech: { ssml: '<speak>kostet nichts</speak>' } } });\n");
  const floorMs: number[] = [];
  try {
    // One unmeasured start migrates the fresh database, as a deployment's first start would.
    await coldStart(join(outDir, 'alexa'), env, ways[0]!.event, ways[0]!.speech);
    for (const way of ways) coldStarts.push({ id: way.id, label: way.label, initMs: [], firstAnswerMs: [] });
    log(`cold starts of the Lambda bundles (${runs} each) ...`);
    for (let i = 0; i < runs; i++) {
      for (const [n, way] of ways.entries()) {
        const measured = await coldStart(join(outDir, way.platform), env, way.event, way.speech);
        coldStarts[n]!.initMs.push(measured.initMs);
        coldStarts[n]!.firstAnswerMs.push(measured.firstAnswerMs);
      }
      floorMs.push((await coldStart(floorDir, env, () => ({}), (result) => JSON.stringify(result))).firstAnswerMs);
    }
  } finally {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
    await shop.close();
    await db.drop();
  }
  return { bundles, coldStarts, floorMs };
}

async function coldStart(dir: string, env: Record<string, string>, event: () => unknown, speech: (result: unknown) => string) {
  const request = event();
  const started = performance.now();
  const lambda = await startLambda(dir, env, {
    wrapper: ['taskset', '-c', SERVER_CPU],
    execArgv: ['--import', fileURLToPath(new URL('./s3-stand-in.mjs', import.meta.url))],
    clock: () => performance.now(),
  });
  try {
    const result = await lambda.invoke(request);
    const firstAnswerMs = performance.now() - started;
    const said = speech(result);
    if (!/kostet|costs/.test(said)) {
      throw new Error(`${dir}: the first answer says no price: ${said.slice(0, 300)}\n${lambda.output.text.slice(-2000)}`);
    }
    return { initMs: lambda.initMs, firstAnswerMs };
  } finally {
    await lambda.close();
  }
}

const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en')} KiB`;
const ms = (values: number[]) => `${median(values).toFixed(0)} ms (median of ${values.length}: ${values.map((v) => v.toFixed(0)).join(', ')})`;

/** The report's lines for the Lambda bundles. */
export function describeLambdaBundles(figures: LambdaFigures): string[] {
  return [
    '',
    'Lambda bundles (npm run build:lambda):',
    ...figures.bundles.map((b) => `- ${b.platform}: index.mjs ${kib(b.bytes)}, with its chunks ${kib(b.totalBytes)} (gzip ${kib(b.gzipBytes)}), ${b.packages} packages; largest: ${b.largest.map((p) => `${p.name} ${kib(p.bytes)}`).join(', ')}`),
    ...figures.coldStarts.map((c) => `- cold start, ${c.label}: first answer ${ms(c.firstAnswerMs)}; handler loaded after ${ms(c.initMs)}`),
    `- for scale, the same runtime stand-in with a one-line handler: first answer ${ms(figures.floorMs)}`,
  ];
}
