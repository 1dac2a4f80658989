import { sign, type KeyObject } from 'node:crypto';
import type { AutocannonRequest } from 'autocannon';
import { intentRequest, type AlexaRequestOptions, type SlotInput } from '../../test/support/alexa-requests.js';
import { alexaHeaders } from '../../test/support/alexa-certs.js';
import { nextSaturday } from './dates.js';

/** One Alexa turn of the bench: the intent, its slots as Alexa fills them, the slots it declares. */
export interface AlexaTurnSpec {
  intent: string;
  slots: Record<string, SlotInput>;
  declared: string[];
  /** A linked account (the demo shop's customer Anna). */
  accessToken?: string;
}

/**
 * The Alexa turns of the bench, on the demo shop. A slot with `id` is one Alexa resolved
 * (ER_SUCCESS_MATCH); one without is ER_SUCCESS_NO_MATCH, so the product matcher runs on the
 * spoken value. `StoreHoursIntent`'s day is the next Saturday (never today) (AMAZON.DATE), worked out when
 * the requests are built.
 */
export const ALEXA_TURNS = {
  ProductLookupIntent: {
    intent: 'ProductLookupIntent',
    slots: { product: { value: 'spülmittel zitrone', id: 'P-3001', name: 'Spülmittel Zitrone 500 ml' } },
    declared: ['product'],
  },
  'ProductLookup-unresolved': { intent: 'ProductLookupIntent', slots: { product: { value: 'barista hafermilch' } }, declared: ['product'] },
  'ProductLookup-ambiguous': { intent: 'ProductLookupIntent', slots: { product: { value: 'hafermilch' } }, declared: ['product'] },
  'ProductLookup-notfound': { intent: 'ProductLookupIntent', slots: { product: { value: 'gartenzwerg' } }, declared: ['product'] },
  /** "und was kostet die?" after an answer about a product: the slot catches the pronoun. */
  'ProductLookup-followup': { intent: 'ProductLookupIntent', slots: { product: { value: 'die' } }, declared: ['product'] },
  StoreHoursIntent: { intent: 'StoreHoursIntent', slots: { store: { value: 'münchen', id: 'S-MUC', name: 'München' } }, declared: ['day', 'store'] },
  OrderStatusIntent: { intent: 'OrderStatusIntent', slots: {}, declared: ['orderNumber'], accessToken: 'demo-token-anna' },
  ReorderIntent: { intent: 'ReorderIntent', slots: {}, declared: [], accessToken: 'demo-token-anna' },
} satisfies Record<string, AlexaTurnSpec>;

export type AlexaTurnName = keyof typeof ALEXA_TURNS;

/** The session a request belongs to, for a turn that continues one (its attributes as the server sealed them). */
export interface AlexaSession {
  sessionId: string;
  userId?: string;
  attributes?: Record<string, unknown>;
  isNew?: boolean;
}

/**
 * What a real Echo Show request carries besides the intent: a full-length `apiAccessToken` (a JWT
 * of about 1 KB), the device's interfaces and viewport. The test envelopes are minimal; padded
 * like this they are the ~3.6 KB requests the issue measured with.
 */
function asSentByAnEchoShow(body: Record<string, any>): Record<string, unknown> {
  const system = body.context.System;
  system.apiAccessToken = `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${'eyJhdWQiOiJodHRwczovL2FwaS5hbWF6b25hbGV4YS5jb20'.repeat(16)}.${'Q2xhdWRlIGJlbmNobWFyayBzaWduYXR1cmU'.repeat(9)}`;
  system.device.supportedInterfaces = {
    ...system.device.supportedInterfaces,
    AudioPlayer: {},
    Display: { templateVersion: '1.0', markupVersion: '1.0' },
    'Alexa.Presentation.APL': { runtime: { maxVersion: '2024.2' } },
  };
  system.device.persistentEndpointId = 'amzn1.alexa.endpoint.AEHJAHOBUHJ5ZG6KV5EL4MENIA5BHQGWAAKFWFG7OOWVNKCBA4G3JNQMR4DX7CWLPJVQWIGVPHIKV2XF6WTSE3HDA3PIK7QOIHBSKZ6NNFYLJDRXS55YMJZF4RQNTDULFD6NFT2R';
  body.context.Viewport = {
    experiences: [{ arcMinuteWidth: 246, arcMinuteHeight: 144, canRotate: false, canResize: false }],
    mode: 'HUB',
    shape: 'RECTANGLE',
    pixelWidth: 1024,
    pixelHeight: 600,
    dpi: 160,
    currentPixelWidth: 1024,
    currentPixelHeight: 600,
    touch: ['SINGLE'],
    video: { codecs: ['H_264_42', 'H_264_41'] },
  };
  body.context.Viewports = [
    { type: 'APL', id: 'main', shape: 'RECTANGLE', dpi: 160, presentationType: 'STANDARD', canRotate: false, configuration: { current: { mode: 'HUB', video: { codecs: ['H_264_42', 'H_264_41'] }, size: { type: 'DISCRETE', pixelWidth: 1024, pixelHeight: 600 } } } },
  ];
  body.context.Extensions = { available: { 'aplext:backstack:10': {} } };
  body.context.AudioPlayer = { playerActivity: 'IDLE' };
  return body;
}

/**
 * One Alexa request as Alexa would send it now: the body, freshly time-stamped, with its own
 * request id (`intentRequest` draws one per body, so no two requests in a pool are byte-identical).
 * With `session`, the turn continues that session (same id, the attributes the server sent back).
 */
export function alexaBody(turn: AlexaTurnName, skillId: string, now = new Date(), session?: AlexaSession): Record<string, unknown> {
  const { intent, slots, declared, ...rest }: AlexaTurnSpec = ALEXA_TURNS[turn];
  const filled: Record<string, SlotInput> = { ...slots };
  if (declared.includes('day') && !filled.day) filled.day = { value: nextSaturday(now) };
  const options: AlexaRequestOptions = {
    ...rest,
    slots: filled,
    skillId,
    locale: 'de-DE',
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(session ? { sessionId: session.sessionId, attributes: session.attributes ?? {}, isNew: session.isNew ?? false } : {}),
    ...(session?.userId ? { userId: session.userId } : {}),
  };
  return asSentByAnEchoShow(intentRequest(intent, options, declared));
}

/**
 * Signs a body the way Alexa does (`Signature-256` RSA-SHA256 over the exact bytes, plus the
 * legacy SHA-1 `Signature`), with the headers Alexa's HTTP client sends.
 */
export function signedAlexaRequest(body: Record<string, unknown>, leafKey: KeyObject, certUrl: string): AutocannonRequest {
  const raw = Buffer.from(JSON.stringify(body));
  return {
    method: 'POST',
    path: '/alexa',
    headers: {
      ...alexaHeaders(raw, leafKey, certUrl),
      signature: sign('sha1', raw, leafKey).toString('base64'),
      accept: 'application/json',
      'accept-charset': 'utf-8',
      'user-agent': 'Apache-HttpClient/UNAVAILABLE (Java/1.8.0_412)',
    },
    body: raw,
  };
}
