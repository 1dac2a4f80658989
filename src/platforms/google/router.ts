import type { Router } from 'express';
import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps } from './google-webhook.js';
import { webhookRoute } from './webhook-route.js';

export type { GoogleRouteDeps } from './google-webhook.js';
export { GOOGLE_PATH } from './webhook-route.js';
export { warmUp } from './dialogflow-app.js';

/**
 * The Dialogflow ES v2 fulfillment webhook as an express router, with its own basic-auth check
 * and JSON body parser; mount it at `/google`. Importing this module is cheap: actions-on-google
 * is loaded on the first call (or by `warmUp()`).
 *
 * @example app.use(GOOGLE_PATH, createGoogleRouter({ ...deps, config }))
 */
export function createGoogleRouter(deps: GoogleRouteDeps): Router {
  return webhookRoute(deps, createGoogleWebhook(deps, handleTurn));
}
