// Dialogflow ES v2 WebhookRequests built the way Dialogflow sends them (compare the captured
// fixtures in test/fixtures/google/): intent resource name and display name, parameters with
// `<param>.original` in every active context, `__system_counters__`, the agent language.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DialogflowContext, WebhookResponse } from '../../src/platforms/google/webhook-types.js';

export const PROJECT = 'shopvoice-demo-4f2a1';

export interface DialogflowRequestOptions {
  /** Agent language as Dialogflow reports it: `de`, `en`, `en-gb`. */
  languageCode?: string;
  queryText?: string;
  /** Resolved parameter values (entity reference value, number, ISO date-time). */
  parameters?: Record<string, unknown>;
  /** What was said per parameter (`<param>.original`). */
  originals?: Record<string, string>;
  /** Contexts the previous response set (their lifespans are counted down as Dialogflow does). */
  contexts?: DialogflowContext[];
  sessionId?: string;
  /** The Actions-style payload with a linked account's token. */
  accessToken?: string;
  payload?: Record<string, unknown>;
}

/** `projects/<p>/agent/sessions/<id>`. */
export function sessionPath(sessionId: string): string {
  return `projects/${PROJECT}/agent/sessions/${sessionId}`;
}

/** A stable intent UUID per display name, as an agent keeps them. */
function intentId(displayName: string): string {
  const hex = createHash('sha1').update(displayName).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A WebhookRequest for an intent display name. */
export function dialogflowRequest(displayName: string, o: DialogflowRequestOptions = {}): Record<string, unknown> {
  const session = sessionPath(o.sessionId ?? randomUUID());
  const parameters = o.parameters ?? {};
  const withOriginals: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    withOriginals[name] = value;
    withOriginals[`${name}.original`] = o.originals?.[name] ?? (value === '' ? '' : String(value));
  }
  // Dialogflow lists the still-active contexts (renamed into this session) with the matched
  // intent's parameters merged in, then its own counters.
  const carried = (o.contexts ?? [])
    .filter((c) => (c.lifespanCount ?? 0) > 0)
    .map((c) => ({
      name: `${session}/contexts/${c.name.slice(c.name.lastIndexOf('/') + 1)}`,
      lifespanCount: c.lifespanCount,
      parameters: { ...(c.parameters ?? {}), ...withOriginals },
    }));
  const payload = o.payload ?? (o.accessToken ? { user: { userId: 'ABwppHE-test-user', accessToken: o.accessToken, locale: o.languageCode === 'en' ? 'en-US' : 'de-DE' } } : {});
  return {
    responseId: `${randomUUID()}-${randomUUID().slice(0, 8)}`,
    queryResult: {
      queryText: o.queryText ?? displayName,
      parameters,
      allRequiredParamsPresent: true,
      fulfillmentMessages: [{ text: { text: [''] } }],
      outputContexts: [
        ...carried,
        { name: `${session}/contexts/__system_counters__`, lifespanCount: 1, parameters: { 'no-input': 0, 'no-match': 0, ...withOriginals } },
      ],
      intent: { name: `projects/${PROJECT}/agent/intents/${intentId(displayName)}`, displayName },
      intentDetectionConfidence: 1,
      languageCode: o.languageCode ?? 'de',
    },
    originalDetectIntentRequest: { source: 'DIALOGFLOW_CONSOLE', payload },
    session,
  };
}

/** The contexts a response leaves active for the next request. */
export function contextsAfter(response: WebhookResponse): DialogflowContext[] {
  return (response.outputContexts ?? []).filter((c) => (c.lifespanCount ?? 0) > 0);
}

/** A captured request from test/fixtures/google/. */
export function fixture(name: string): Record<string, any> {
  return JSON.parse(readFileSync(new URL(`../fixtures/google/${name}.json`, import.meta.url), 'utf8'));
}

/** `Authorization` header for basic auth. */
export function basicAuth(user: string, password: string): string {
  return 'Basic ' + Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
}
