import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { Commerce } from '../../src/catalog/commerce.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger, type Logger } from '../../src/domain/deps.js';
import type { SessionSealer } from '../../src/domain/session-seal.js';
import { createAlexaEndpoint } from '../../src/platforms/alexa/alexa-endpoint.js';
import type { PlatformEndpoint } from '../../src/platforms/endpoint.js';
import { createGoogleEndpoint } from '../../src/platforms/google/google-endpoint.js';
import { alexaEndpoint, createTurnHandler, googleEndpoint } from '../../src/server/endpoints.js';
import { createMetrics } from '../../src/server/metrics.js';
import { closeDeps, openDeps, type AppDeps } from '../../src/server/open-deps.js';
import { TEST_SKILL_ID } from './alexa-requests.js';

export interface Endpoints {
  deps: AppDeps;
  /** POSTs `body` (JSON) to an endpoint, as a transport would, and parses the answer. */
  alexa(body: unknown): Promise<{ status: number; json: any; text: string }>;
  google(body: unknown): Promise<{ status: number; json: any; text: string }>;
  /** The endpoints themselves (fuzzing drives them with raw bytes). */
  raw: { alexa: PlatformEndpoint; google: PlatformEndpoint };
  /** What the endpoints logged at warn level (fields and message), oldest first. */
  warnings: Array<{ fields: Record<string, unknown>; message?: string }>;
  /** Orders in the embedded shop's SQLite file (`<dataDir>/shop.sqlite`), counted from the file. */
  orderCount(): number;
  close(): Promise<void>;
}

/** A logger that keeps warn lines and drops the rest. */
function warnRecorder(warnings: Endpoints['warnings']): Logger {
  return {
    ...silentLogger,
    warn(fields: unknown, message?: unknown) {
      warnings.push({ fields: (typeof fields === 'object' && fields !== null ? fields : {}) as Record<string, unknown>, message: typeof message === 'string' ? message : undefined });
    },
  } as Logger;
}

/**
 * Both platform endpoints wired as the server wires them (one turn handler, the reply budget, the
 * metrics), on the embedded demo shop in a fresh data folder, called without a socket. Alexa
 * verification and webhook auth are off; `now` is the clock every turn sees. With a
 * `sessionSealer`, both endpoints are made with it (the neutral endpoints' option), else as the
 * server makes them.
 *
 * @example const endpoints = await openEndpoints({ now: '2026-12-05T10:00:00+01:00' });
 */
export async function openEndpoints(o: { now: string; env?: Record<string, string>; decorateShop?: (shop: Commerce) => Commerce; sessionSealer?: SessionSealer; deps?: Partial<Pick<AppDeps, 'customerProfile' | 'callbacks'>> }): Promise<Endpoints> {
  const now = DateTime.fromISO(o.now, { setZone: true });
  if (!now.isValid) throw new Error(`bad test instant ${o.now}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-endpoints-'));
  const config = loadConfig({ SHOPVOICE_DATA_DIR: dataDir, SHOPVOICE_ALEXA_VERIFY: 'false', SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID, SHOPVOICE_GOOGLE_AUTH: 'off', ...o.env });
  const opened = await openDeps(config, silentLogger, { decorateShop: o.decorateShop, resilience: { retries: 0 } });
  // Unsealed unless a test asks for the seal (`sessionSealer`): tests read what a turn left.
  const deps: AppDeps = { ...opened, sessionSealer: undefined, now: () => now, ...o.deps };
  const handleTurn = createTurnHandler(deps, deps.metrics ?? createMetrics());
  const post = (endpoint: PlatformEndpoint) => async (body: unknown) => {
    const answer = await endpoint({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
    return { status: answer.status, text: answer.body, json: JSON.parse(answer.body) };
  };
  const warnings: Endpoints['warnings'] = [];
  const sealer = o.sessionSealer;
  const raw = sealer
    ? {
      alexa: createAlexaEndpoint({
        handleTurn, forgetUser: (userId) => deps.state.forgetUser(userId), skillIds: config.alexa.skillIds, clock: deps.now, log: warnRecorder(warnings), sessionSealer: sealer,
      }),
      google: createGoogleEndpoint({ handleTurn, auth: config.google, clock: deps.now, log: warnRecorder(warnings), sessionSealer: sealer }),
    }
    : { alexa: alexaEndpoint(deps, handleTurn), google: googleEndpoint(deps, handleTurn) };
  return {
    deps,
    alexa: post(raw.alexa),
    google: post(raw.google),
    raw,
    warnings,
    orderCount() {
      const db = new BetterSqlite3(join(dataDir, 'shop.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async close() {
      await closeDeps(deps);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
