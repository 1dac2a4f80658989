import type { RequestContext } from './request-context.js';

/** One HTTP request as every transport hands it to a platform endpoint. */
export interface HttpCall {
  method: string;
  /** Header names in lower case (as node:http gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body bytes: Alexa's signature covers exactly these. */
  body: Buffer;
}

/** The endpoint's answer; `body` is the text to send. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A platform's one neutral entry (hono's `app.fetch` shape): the node:http front, the Lambda
 * handlers and the tests only translate into it and out of it.
 *
 * @example const answer = await alexa({ method: 'POST', headers, body }, context);
 */
export type PlatformEndpoint = (call: HttpCall, context?: RequestContext) => Promise<HttpAnswer>;

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON answer.
 *
 * @example jsonAnswer(400, { error: 'invalid request' })
 */
export function jsonAnswer(status: number, value: unknown, headers?: Record<string, string>): HttpAnswer {
  return { status, headers: headers ? { 'content-type': JSON_TYPE, ...headers } : { 'content-type': JSON_TYPE }, body: JSON.stringify(value) };
}

/** A JSON answer whose text is already serialised. */
export function jsonText(status: number, body: string): HttpAnswer {
  return { status, headers: { 'content-type': JSON_TYPE }, body };
}

/** A header's value (the first, if repeated); names in lower case. */
export function headerOf(call: Pick<HttpCall, 'headers'>, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** True for `application/json` (any parameters). */
export function isJsonType(contentType: string | undefined): boolean {
  return /^application\/json\b/i.test(contentType ?? '');
}

/**
 * The answers both platforms give before reading a body: another method than POST (405) or an
 * encoded body (415: neither Alexa nor Dialogflow compresses, and inflating would let a small
 * request grow past the body limit). Undefined when the call may go on.
 */
export function refusedBeforeBody(call: HttpCall): HttpAnswer | undefined {
  if (call.method !== 'POST') return jsonAnswer(405, { error: 'method not allowed' }, { allow: 'POST' });
  const encoding = headerOf(call, 'content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return jsonAnswer(415, { error: 'content encoding not accepted' });
  return undefined;
}
