/**
 * The Dialogflow ES v2 webhook messages, as far as shopvoice reads and writes them
 * (https://cloud.google.com/dialogflow/es/docs/reference/rest/v2/WebhookRequest and
 * .../WebhookResponse). Incoming fields are untrusted JSON, hence `unknown` where the value is
 * read with a guard. Our own types, so the adapter compiles without loading actions-on-google.
 */

/** `projects/<p>[/locations/<l>]/agent[/environments/<e>/users/<u>]/sessions/<s>`. */
export const SESSION_PATH = /^projects\/[^/]+(?:\/locations\/[^/]+)?\/agent(?:\/environments\/[^/]+\/users\/([^/]+))?\/sessions\/([^/]+)$/;

/** An active context as Dialogflow lists it: `<session>/contexts/<name>` (names are lower case). */
export interface DialogflowContext {
  name: string;
  lifespanCount?: number;
  parameters?: Record<string, unknown>;
}

export interface QueryResult {
  queryText?: string;
  languageCode?: string;
  action?: string;
  parameters?: Record<string, unknown>;
  allRequiredParamsPresent?: boolean;
  fulfillmentText?: string;
  fulfillmentMessages?: unknown[];
  outputContexts?: unknown[];
  intent?: { name?: string; displayName?: string; isFallback?: boolean };
  intentDetectionConfidence?: number;
}

/** `WebhookRequest`: what Dialogflow POSTs to the fulfillment URL. */
export interface WebhookRequest {
  responseId?: string;
  session: string;
  queryResult: QueryResult;
  /** `payload` is whatever the integration (or a detectIntent caller's `queryParams.payload`) sent. */
  originalDetectIntentRequest?: { source?: string; version?: string; payload?: unknown };
}

/** `Intent.Message` (v2): only the kinds we send. Every integration reads platform-less messages. */
export type IntentMessage =
  | { text: { text: string[] } }
  | { card: { title: string; subtitle?: string } }
  /** Dialogflow ES (v2beta1 `Intent.Message`): put a phone-gateway call through to an E.164 number. */
  | { platform: 'TELEPHONY'; telephonyTransferCall: { phoneNumber: string } };

/** The legacy Actions on Google payload; still read by integrations that speak SSML from it. */
export interface GooglePayload {
  expectUserResponse: boolean;
  richResponse?: { items: Array<{ simpleResponse: { textToSpeech: string; displayText?: string } }> };
  noInputPrompts?: Array<{ textToSpeech: string; displayText?: string }>;
}

/** `WebhookResponse`: what we answer. */
export interface WebhookResponse {
  fulfillmentText: string;
  fulfillmentMessages: IntentMessage[];
  outputContexts?: DialogflowContext[];
  payload?: { google: GooglePayload };
}

/** Session paths longer than this are not Dialogflow's (ids are at most 36 characters): 400. */
export const MAX_SESSION_PATH_CHARS = 1000;

/**
 * Narrows a parsed JSON body to a `WebhookRequest`: an object with a session path and a
 * `queryResult` object. Everything inside is still read defensively.
 *
 * @example asWebhookRequest(JSON.parse(body)) ?? reject400()
 */
export function asWebhookRequest(body: unknown): WebhookRequest | undefined {
  if (!isRecord(body)) return undefined;
  if (typeof body.session !== 'string' || body.session.length > MAX_SESSION_PATH_CHARS || !SESSION_PATH.test(body.session)) return undefined;
  if (!isRecord(body.queryResult)) return undefined;
  return body as unknown as WebhookRequest;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
