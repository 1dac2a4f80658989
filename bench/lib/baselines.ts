import type { Platform } from './report.js';

/** A baseline server of the same run: a script under bench/servers/ and the requests it gets. */
export interface BaselineSpec {
  /** Short name, used for the ratio columns. */
  id: string;
  label: string;
  script: string;
  platform: Platform;
  pool: 'alexa' | 'google';
}

/**
 * The baselines of issues 8 and 20, cheapest first. The Alexa-side ones all get the same signed
 * ProductLookupIntent requests as shopvoice's /alexa scenario; the Dialogflow one the same
 * WebhookRequests as /google.
 */
export const BASELINES: BaselineSpec[] = [
  { id: 'node-http', label: 'baseline node:http fixed JSON', script: 'bench/servers/node-http.ts', platform: 'any', pool: 'alexa' },
  { id: 'floor', label: 'baseline node:http + JSON.parse + Signature-256 check, fixed JSON (verified floor)', script: 'bench/servers/node-http-verified.ts', platform: 'alexa', pool: 'alexa' },
  { id: 'express', label: 'baseline express 5 fixed JSON', script: 'bench/servers/express-fixed.ts', platform: 'any', pool: 'alexa' },
  { id: 'ask-sdk', label: 'baseline express 5 + minimal ask-sdk-core skill', script: 'bench/servers/express-ask-sdk.ts', platform: 'alexa', pool: 'alexa' },
  { id: 'ask-sdk-4', label: 'baseline express 4 + minimal ask-sdk-core skill', script: 'bench/servers/express4-ask-sdk.ts', platform: 'alexa', pool: 'alexa' },
  { id: 'adapter', label: 'baseline ask-sdk-express-adapter, verified', script: 'bench/servers/ask-sdk-adapter.ts', platform: 'alexa', pool: 'alexa' },
  { id: 'aog', label: 'baseline express + minimal actions-on-google', script: 'bench/servers/express-dialogflow.ts', platform: 'google', pool: 'google' },
];

