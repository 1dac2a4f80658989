// The real app on 127.0.0.1, like test/support/test-server.ts, plus what the production-readiness
// tests need: faults in the shop under the resilience layer, breaker settings, a captured log
// stream, and restarts on the same data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { BreakerState, ResilienceOptions, ResilientCommerce } from '../../src/catalog/resilient-commerce.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import { createApp, listen, type AppOptions } from '../../src/server/app.js';
import type { ServerLimits } from '../../src/server/server-limits.js';
import { createLogger } from '../../src/server/logger.js';
import { closeDeps, openDeps, type AppDeps } from '../../src/server/open-deps.js';
import { TEST_SKILL_ID } from '../support/alexa-requests.js';
import { captureLog } from '../support/log-capture.js';
import { readAnswer } from '../support/read-answer.js';
import { FaultPlan } from './faulty-shop.js';

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Reuse a data folder (restart); it is then not deleted on close. */
  dataDir?: string;
  resilience?: Partial<ResilienceOptions>;
  /** Capture the log at this level (default: no log). */
  logLevel?: string;
  /** Fixed clock (ISO). */
  now?: string;
  overrides?: Partial<AppDeps>;
  /** The app's own options (body idle timeout). */
  app?: AppOptions;
  /** Server timeouts and connection cap (default: production's). */
  limits?: Partial<ServerLimits>;
}

export interface Response {
  status: number;
  json: any;
  text: string;
  headers: Headers;
  ms: number;
}

export interface Harness {
  url: string;
  deps: AppDeps;
  dataDir: string;
  faults: FaultPlan;
  /** Every log line so far, parsed. */
  logLines(): Array<Record<string, any>>;
  /** The raw log text so far. */
  logText(): string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  /** Stops the server and closes the databases; `keepData` leaves the folder for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const dataDir = o.dataDir ?? (await mkdtemp(join(tmpdir(), 'shopvoice-harness-')));
  const config = loadConfig({
    SHOPVOICE_DATA_DIR: dataDir,
    SHOPVOICE_ALEXA_VERIFY: 'false',
    SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID,
    SHOPVOICE_GOOGLE_AUTH: 'off',
    ...o.env,
  });
  const log = captureLog();
  const logger = o.logLevel ? createLogger(o.logLevel, log.sink) : silentLogger;
  const faults = new FaultPlan();
  const opened = await openDeps(config, logger, { decorateShop: faults.wrap, resilience: o.resilience });
  const now = o.now ? DateTime.fromISO(o.now, { setZone: true }) : undefined;
  const deps: AppDeps = { ...opened, sessionSealer: undefined, now: now ? () => now : undefined, ...o.overrides };
  const server: Server = await listen(createApp(deps, o.app), 0, '127.0.0.1', o.limits);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function send(path: string, init: RequestInit): Promise<Response> {
    const started = performance.now();
    const answer = await readAnswer(await fetch(url + path, init));
    return { ...answer, ms: performance.now() - started };
  }

  return {
    url,
    deps,
    dataDir,
    faults,
    logLines: log.lines,
    logText: log.text,
    post: (path, body, headers = {}) => send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    get: (path) => send(path, { method: 'GET' }),
    async close(options = {}) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeDeps(deps);
      if (!options.keepData && !o.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The state of the harness's catalog breaker. */
export function breakerOf(h: Harness): BreakerState {
  return (h.deps.commerce as ResilientCommerce).breakerState();
}
