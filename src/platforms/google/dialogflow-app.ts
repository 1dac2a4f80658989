import { createRequire } from 'node:module';
import type { DialogflowConversation, JsonObject } from 'actions-on-google';
import { SHARED_INTENT_NAMES } from '../../domain/intents.js';
import { DIALOGFLOW_INTENT_NAMES, DIALOGFLOW_WELCOME_INTENT } from '../../models/dialogflow-names.js';
import type { DialogflowTarget } from './to-voice-turn.js';
import type { WebhookRequest, WebhookResponse } from './webhook-types.js';

/** Answers one request once the app has decided which intent it is. */
export type Responder = (target: DialogflowTarget) => Promise<WebhookResponse>;

/** actions-on-google's `dialogflow()` app, bound to shopvoice's intents. */
export interface DialogflowDispatcher {
  /** Routes the request to its intent (unknown → fallback) and returns the responder's answer. */
  dispatch(request: WebhookRequest, respond: Responder): Promise<WebhookResponse>;
}

let loading: Promise<DialogflowDispatcher> | undefined;

/**
 * Loads actions-on-google on first use. It pulls in googleapis and takes most of a second, so it
 * is imported only when the Google route is used or warmed up (design.md, "Choices"); the Alexa
 * path never pays for it. A failed import is retried on the next call.
 */
export function loadDialogflowDispatcher(): Promise<DialogflowDispatcher> {
  loading ??= import('actions-on-google').then(
    (aog) => {
      serializeOnlyForDebugOutput();
      return buildDispatcher(aog.dialogflow);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Loads the Google stack ahead of the first request (call after `listen` when the Google
 * webhook is configured, so the first Dialogflow call does not wait for it).
 *
 * @example server.listen(port, () => void warmUp())
 */
export async function warmUp(): Promise<void> {
  await loadDialogflowDispatcher();
}

/**
 * actions-on-google serialises the request, its headers, the whole conversation object and the
 * response on every call, for its `actions-on-google:debug` log, and does so even while that log
 * is off (dist/assistant.js, dist/service/dialogflow/dialogflow.js: the text is built before the
 * logger decides to drop it). On the bench that was about 15 % of a /google request's CPU and
 * much of its garbage. Its `stringify` helper is made to return nothing unless that debug output
 * is enabled (`DEBUG=actions-on-google:*`), so nothing changes for anyone reading it.
 */
function serializeOnlyForDebugOutput(): void {
  // The library's own helper module, already loaded by its public entry: requiring it costs
  // nothing. Should a release move it, the library stays as it is (slower), never broken.
  let common: { debug?: unknown; stringify?: unknown };
  try {
    common = createRequire(import.meta.url)('actions-on-google/dist/common.js') as typeof common;
  } catch {
    return;
  }
  const { stringify, debug } = common;
  if (typeof stringify !== 'function' || typeof debug !== 'function' || (stringify as { onlyForDebug?: true }).onlyForDebug) return;
  // `debug` is the library's `debug('actions-on-google:debug')` logger: a function with `enabled`.
  const log = debug as { enabled?: unknown };
  common.stringify = Object.assign((...args: unknown[]) => (log.enabled === true ? (stringify as (...a: unknown[]) => string)(...args) : ''), {
    onlyForDebug: true as const,
  });
}

/**
 * What the app is given: the intent's display name and little else. The library parses the
 * Actions payload, user storage and its own context eagerly and throws on shapes it dislikes
 * (an `idToken` without a client id, user storage that is not JSON); the adapter reads the full
 * request itself, so the library never sees customer-controlled fields.
 */
function dispatchView(request: WebhookRequest): JsonObject {
  const displayName = request.queryResult.intent?.displayName;
  // The library looks handlers up in a plain object: "constructor" or "__proto__" would find
  // Object.prototype's members and throw. Only names we registered reach it; others fall back.
  const known = typeof displayName === 'string' && REGISTERED_NAMES.has(displayName);
  return {
    session: request.session,
    queryResult: {
      intent: { displayName: known ? displayName : '' },
      parameters: {},
      outputContexts: [],
    },
    originalDetectIntentRequest: { payload: {} },
  };
}

const REGISTERED_NAMES = new Set<string>([...SHARED_INTENT_NAMES.map((name) => DIALOGFLOW_INTENT_NAMES[name]), DIALOGFLOW_WELCOME_INTENT]);

function buildDispatcher(dialogflow: typeof import('actions-on-google').dialogflow): DialogflowDispatcher {
  const responders = new WeakMap<object, Responder>();
  // No `verification` option: in object form it always rejects (platform-rules.md, "Google").
  const app = dialogflow<JsonObject, JsonObject>({ debug: false });
  const answerAs = (target: DialogflowTarget) => async (conv: DialogflowConversation) => {
    const respond = responders.get(conv.body as object);
    if (!respond) throw new Error('dialogflow-app: request dispatched without a responder');
    conv.json((await respond(target)) as unknown as JsonObject);
  };
  for (const name of SHARED_INTENT_NAMES) app.intent(DIALOGFLOW_INTENT_NAMES[name], answerAs(name));
  app.intent(DIALOGFLOW_WELCOME_INTENT, answerAs('launch'));
  app.fallback(answerAs('AMAZON.FallbackIntent'));
  return {
    async dispatch(request, respond) {
      const view = dispatchView(request);
      responders.set(view, respond);
      const result = await app.handler(view, {});
      return result.body as unknown as WebhookResponse;
    },
  };
}
