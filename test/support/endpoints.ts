import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { Commerce } from '../../src/catalog/commerce.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/domain/deps.js';
import type { PlatformEndpoint } from '../../src/platforms/endpoint.js';
import { alexaEndpoint, createTurnHandler, googleEndpoint } from '../../src/server/endpoints.js';
import { createMetrics } from '../../src/server/metrics.js';
import { closeDeps, openDeps, type AppDeps } from '../../src/server/open-deps.js';
import { TEST_SKILL_ID } from './alexa-requests.js';

export interface Endpoints {
  deps: AppDeps;
  /** POSTs `body` (JSON) to an endpoint, as a transport would, and parses the answer. */
  alexa(body: unknown): Promise<{ status: number; json: any; text: string }>;
  google(body: unknown): Promise<{ status: number; json: any; text: string }>;
  close(): Promise<void>;
}

/**
 * Both platform endpoints wired as the server wires them (one turn handler, the reply budget, the
 * metrics), on the embedded demo shop in a fresh data folder, called without a socket. Alexa
 * verification and webhook auth are off; `now` is the clock every turn sees.
 *
 * @example const endpoints = await openEndpoints({ now: '2026-12-05T10:00:00+01:00' });
 */
export async function openEndpoints(o: { now: string; env?: Record<string, string>; decorateShop?: (shop: Commerce) => Commerce }): Promise<Endpoints> {
  const now = DateTime.fromISO(o.now, { setZone: true });
  if (!now.isValid) throw new Error(`bad test instant ${o.now}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'shopvoice-endpoints-'));
  const config = loadConfig({ SHOPVOICE_DATA_DIR: dataDir, SHOPVOICE_ALEXA_VERIFY: 'false', SHOPVOICE_ALEXA_SKILL_ID: TEST_SKILL_ID, SHOPVOICE_GOOGLE_AUTH: 'off', ...o.env });
  const opened = await openDeps(config, silentLogger, { decorateShop: o.decorateShop, resilience: { retries: 0 } });
  const deps: AppDeps = { ...opened, now: () => now };
  const handleTurn = createTurnHandler(deps, deps.metrics ?? createMetrics());
  const post = (endpoint: PlatformEndpoint) => async (body: unknown) => {
    const answer = await endpoint({ method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) });
    return { status: answer.status, text: answer.body, json: JSON.parse(answer.body) };
  };
  return {
    deps,
    alexa: post(alexaEndpoint(deps, handleTurn)),
    google: post(googleEndpoint(deps, handleTurn)),
    async close() {
      await closeDeps(deps);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
