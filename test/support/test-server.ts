import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig, type Config } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createApp, listen } from '../../src/server/app.js';
import { closeDeps, openDeps, type AppDeps } from '../../src/server/open-deps.js';
import { TEST_SKILL_ID } from './alexa-requests.js';
import { readAnswer } from './read-answer.js';

export interface TestServer {
  url: string;
  deps: AppDeps;
  dataDir: string;
  /** Sets the clock every following request sees. */
  setNow(iso: string): void;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; text: string; headers: Headers }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** The instant every request sees until `setNow` changes it (ISO 8601 with offset): never the real clock. */
  now: string;
  env?: Record<string, string>;
  overrides?: Partial<AppDeps>;
}

/** Parses a test instant, keeping its offset. */
function instant(iso: string): DateTime {
  const at = DateTime.fromISO(iso, { setZone: true });
  if (!at.isValid) throw new Error(`bad test instant ${iso}`);
  return at;
}

/**
 * The real app on 127.0.0.1 with the embedded demo shop in a fresh temporary data folder.
 * Alexa verification is off unless `env` turns it on (its own tests cover it). The clock is
 * required: answers about hours and dates must not depend on when the suite runs.
 *
 * @example const server = await startTestServer({ now: '2026-11-24T10:00:00+01:00' });
 */
export async function startTestServer({ now: startAt, env = {}, overrides = {} }: TestServerOptions): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-test-'));
  const config: Config = loadConfig({
    SHOPVOICE_DATA_DIR: dataDir,
    SHOPVOICE_ALEXA_VERIFY: 'false',
    SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
    SHOPVOICE_GOOGLE_AUTH: 'off',
    ...env,
  });
  let now = instant(startAt);
  // The session state is left unsealed so tests can read what a turn left (the seal has its own
  // tests: test/alexa/forged-state.test.ts, test/google/forged-state.test.ts); `overrides` may seal.
  const deps = { ...(await openDeps(config, silentLogger)), sessionSealer: undefined, now: () => now, ...overrides };
  const server: Server = await listen(createApp(deps), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    dataDir,
    setNow(iso: string) {
      now = instant(iso);
    },
    async post(path, body, headers = {}) {
      return readAnswer(await fetch(url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }));
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDeps(deps);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The plain text Alexa would speak: SSML tags removed, entities decoded. */
export function spoken(ssml: string | undefined): string {
  return (ssml ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
