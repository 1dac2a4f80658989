import type { AutocannonRequest } from 'autocannon';
import { basicAuth, dialogflowRequest } from '../../test/google/dialogflow-requests.js';

/** The Google scenarios: the same three turns as the Alexa ones, as Dialogflow ES sends them. */
export const GOOGLE_INTENTS = {
  ProductLookupIntent: { parameters: { product: 'P-3001' }, originals: { product: 'spülmittel zitrone' } },
  StoreHoursIntent: { parameters: { store: 'S-MUC', day: '' }, originals: { store: 'filiale münchen' } },
  OrderStatusIntent: { parameters: { orderNumber: '' }, accessToken: 'demo-token-anna' },
} as const;

export type GoogleScenarioIntent = keyof typeof GOOGLE_INTENTS;

/** The basic-auth pair the bench configures on the server and sends with every Google request. */
export const GOOGLE_CREDENTIALS = { user: 'bench', password: 'bench-secret-0123456789' };

/** `count` Dialogflow WebhookRequests for one intent, each in its own session, with basic auth. */
export function googleRequests(intent: GoogleScenarioIntent, count: number, auth = true): AutocannonRequest[] {
  const spec: { parameters: Record<string, string>; originals?: Record<string, string>; accessToken?: string } = GOOGLE_INTENTS[intent];
  return Array.from({ length: count }, () => ({
    method: 'POST',
    path: '/google',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Google-Dialogflow',
      ...(auth ? { authorization: basicAuth(GOOGLE_CREDENTIALS.user, GOOGLE_CREDENTIALS.password) } : {}),
    },
    body: JSON.stringify(dialogflowRequest(intent, { languageCode: 'de', parameters: spec.parameters, originals: spec.originals, accessToken: spec.accessToken })),
  }));
}
