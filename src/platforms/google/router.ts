import type { Response, Router } from 'express';
import type { TurnDeps } from '../../domain/deps.js';
import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps } from './google-webhook.js';
import { nodeWebhookHandler, type NodeHandler } from './node-handler.js';
import { createWebhookCallHandler } from './webhook-call.js';
import { webhookRouter } from './webhook-route.js';

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
  return createGoogleRoutes(deps).router;
}

/**
 * The webhook as both an express router and a plain Node handler (the server's front), sharing
 * one webhook and one auth, so the auth's start-up warning is logged once. The router finds a
 * request's own deps through `depsFor`; the handler is given them.
 *
 * @example const { router, handler } = createGoogleRoutes(deps, (res) => res.locals.turnDeps)
 */
export function createGoogleRoutes(
  deps: GoogleRouteDeps,
  depsFor?: (res: Response) => TurnDeps | undefined,
): { router: Router; handler: NodeHandler } {
  const answerCall = createWebhookCallHandler(deps, createGoogleWebhook(deps, handleTurn));
  return { router: webhookRouter(answerCall, depsFor), handler: nodeWebhookHandler(answerCall) };
}
