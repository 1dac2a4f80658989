import { cp, mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { createConsoleRouter, type ConsoleDeps } from '../../src/console/console-router.js';
import { silentLogger } from '../../src/domain/deps.js';
import { defaultModelsRoot, openModelSet } from '../../src/simulator/model-set.js';
import { freshBackends, type FreshBackends, type SimBackend } from '../../src/simulator/sim-backend.js';
import { inProcessTransport } from '../../src/simulator/transport.js';

export interface ConsoleServer {
  url: string;
  /** The demo backend the simulator talks to; its state store holds the turn events the dashboard reads. */
  backend: SimBackend;
  /** A copy of interaction-models/source that "add as sample" writes to. */
  modelSourceDir: string;
  setNow(iso: string): void;
  close(): Promise<void>;
}

export interface ConsoleServerOptions {
  /** The instant the console sees (logins, default KPI days): never the real clock. */
  now: string;
  password?: string;
  overrides?: Partial<ConsoleDeps>;
}

/**
 * The console router on its own express app at `/console`, on 127.0.0.1, over a fresh copy of
 * the demo shop and a copy of the model sources.
 *
 * @example const server = await startConsoleServer({ now: '2026-11-24T10:00:00+01:00', password: 'pw' });
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const backends: FreshBackends = await freshBackends();
  const backend = await backends.open();
  const root = await mkdtemp(join(tmpdir(), 'shopvoice-console-'));
  const modelSourceDir = join(root, 'source');
  await cp(join(defaultModelsRoot(), 'source'), modelSourceDir, { recursive: true });
  let now = new Date(options.now);
  const app = express();
  app.disable('x-powered-by');
  app.use('/console', createConsoleRouter({
    ...(options.password !== undefined ? { password: options.password } : {}),
    state: backend.deps.state,
    simulator: { models: openModelSet(defaultModelsRoot()), transport: inProcessTransport(backend.deps) },
    modelSourceDir,
    now: () => now,
    log: silentLogger,
    ...options.overrides,
  }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    backend,
    modelSourceDir,
    setNow(iso) {
      now = new Date(iso);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await backend.close();
      await backends.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
