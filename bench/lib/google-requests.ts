import { randomUUID } from 'node:crypto';
import type { AutocannonRequest } from 'autocannon';
import type { DialogflowContext } from '../../src/platforms/google/webhook-types.js';
import { basicAuth, dialogflowRequest } from '../../test/google/dialogflow-requests.js';
import { nextSaturday } from './dates.js';

/** One Dialogflow turn of the bench: the intent's display name and its parameters as Dialogflow ES sends them. */
export interface GoogleTurnSpec {
  intent: string;
  /** Resolved parameter values; a custom entity's is its reference value (the catalog id) or, unresolved, the raw text. */
  parameters: Record<string, string>;
  /** What was said per parameter (`<param>.original`). */
  originals?: Record<string, string>;
  accessToken?: string;
}

/**
 * The Google turns: the same as the Alexa ones. An unresolved product is the parameter as raw
 * text (an open entity's value, not an entity id), so the matcher runs; `StoreHoursIntent`'s day
 * is the next Saturday (never today) as `@sys.date` gives it, worked out when the requests are built.
 */
export const GOOGLE_TURNS = {
  ProductLookupIntent: { intent: 'ProductLookupIntent', parameters: { product: 'P-3001' }, originals: { product: 'spülmittel zitrone' } },
  'ProductLookup-unresolved': { intent: 'ProductLookupIntent', parameters: { product: 'barista hafermilch' } },
  'ProductLookup-ambiguous': { intent: 'ProductLookupIntent', parameters: { product: 'hafermilch' } },
  'ProductLookup-notfound': { intent: 'ProductLookupIntent', parameters: { product: 'gartenzwerg' } },
  /** "und was kostet die?" after an answer about a product, with the contexts that answer set. */
  'ProductLookup-followup': { intent: 'ProductLookupIntent', parameters: { product: 'die' } },
  StoreHoursIntent: { intent: 'StoreHoursIntent', parameters: { store: 'S-MUC', day: '' }, originals: { store: 'filiale münchen' } },
  OrderStatusIntent: { intent: 'OrderStatusIntent', parameters: { orderNumber: '' }, accessToken: 'demo-token-anna' },
  ReorderIntent: { intent: 'ReorderIntent', parameters: {}, accessToken: 'demo-token-anna' },
} satisfies Record<string, GoogleTurnSpec>;

export type GoogleTurnName = keyof typeof GOOGLE_TURNS;

/** The basic-auth pair the bench configures on the server and sends with every Google request. */
export const GOOGLE_CREDENTIALS = { user: 'bench', password: 'bench-secret-0123456789' };

/** A session to continue: its id and the contexts the previous answer left active. */
export interface GoogleSession {
  sessionId: string;
  contexts: DialogflowContext[];
}

/** One Dialogflow WebhookRequest for a turn, with basic auth; its own session unless `session` is given. */
export function googleRequest(turn: GoogleTurnName, options: { auth?: boolean; session?: GoogleSession; now?: Date } = {}): AutocannonRequest {
  const spec: GoogleTurnSpec = GOOGLE_TURNS[turn];
  const parameters = { ...spec.parameters };
  if (parameters.day === '') parameters.day = `${nextSaturday(options.now ?? new Date())}T12:00:00+01:00`;
  return {
    method: 'POST',
    path: '/google',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Google-Dialogflow',
      ...(options.auth !== false ? { authorization: basicAuth(GOOGLE_CREDENTIALS.user, GOOGLE_CREDENTIALS.password) } : {}),
    },
    body: JSON.stringify(dialogflowRequest(spec.intent, {
      languageCode: 'de',
      parameters,
      originals: spec.originals,
      accessToken: spec.accessToken,
      sessionId: options.session?.sessionId ?? randomUUID(),
      contexts: options.session?.contexts,
    })),
  };
}

/** `count` Dialogflow WebhookRequests for one turn, each in its own session, with basic auth. */
export function googleRequests(turn: GoogleTurnName, count: number, auth = true): AutocannonRequest[] {
  return Array.from({ length: count }, () => googleRequest(turn, { auth }));
}
