import type { Router } from 'express';
import { join } from 'node:path';
import type { Logger } from '../domain/deps.js';
import { defaultModelsRoot, openModelSet } from '../simulator/model-set.js';
import { freshBackends } from '../simulator/sim-backend.js';
import { inProcessTransport } from '../simulator/transport.js';
import { createConsoleRouter, type ConsoleDeps } from './console-router.js';

/**
 * The console as the server mounts it: its simulator talks to a scratch copy of the demo shop,
 * never to the merchant's shop (a sentence typed there must not place a real order), with the
 * repository's models, and "add as sample" writes to their source.
 *
 * @example app.use('/console', await createDefaultConsoleRouter({ password, state, log }));
 */
export async function createDefaultConsoleRouter(options: { password?: string; state: ConsoleDeps['state']; log: Logger }): Promise<Router> {
  const backend = await (await freshBackends()).open();
  return createConsoleRouter({
    password: options.password,
    state: options.state,
    simulator: { models: openModelSet(defaultModelsRoot()), transport: inProcessTransport(backend.deps) },
    modelSourceDir: join(defaultModelsRoot(), 'source'),
    now: () => new Date(),
    log: options.log,
  });
}
