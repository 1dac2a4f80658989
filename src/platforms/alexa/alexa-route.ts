import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Router } from 'express';
import type { RequestEnvelope } from 'ask-sdk-model';
import type { AlexaSkill } from './skill.js';
import { isAlexaEnvelope, skillIdOf } from './request-shape.js';

/** Verifies that a raw request comes from Alexa; throws on any failure. */
export interface AlexaRequestVerifier {
  verify(headers: Request['headers'], rawBody: Buffer, body: unknown): Promise<void>;
}

export interface AlexaRouteOptions {
  skill: AlexaSkill;
  /** Full signature/certificate/timestamp verification; undefined when verification is off. */
  verifier?: AlexaRequestVerifier;
  /** Accepted skill ids; empty accepts any. */
  skillIds: string[];
  /** Largest accepted body in bytes. */
  maxBodyBytes?: number;
  onRejected?: (reason: string) => void;
  onError?: (error: unknown) => void;
}

/** The default body limit: a real Alexa request is 2–8 KiB. */
const MAX_BODY_BYTES = 128 * 1024;

/** A request as the route leaves it: `body` holds the parsed JSON once it was read (logging, privacy). */
type AlexaHttpRequest = IncomingMessage & { body?: unknown };

/** Writes a JSON answer the way express's `res.json` does, with Node's API only. */
function sendJson(res: ServerResponse, status: number, json: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}

/** Amazon's certification probes invalid requests and expects exactly a 400 (platform-rules.md, rule 7). */
function reject(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, JSON.stringify({ error }));
}

/**
 * Everything after the body is read: content type, JSON, depth, verification over the raw
 * bytes, shape and skill-id checks, then the skill. Shared by the express route and the plain
 * Node handler, so both answer byte for byte alike.
 */
function answerAlexa(options: AlexaRouteOptions) {
  return async (req: AlexaHttpRequest, res: ServerResponse, raw: Buffer): Promise<void> => {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(contentType)) return reject(res, 415, 'content type must be application/json');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(res, 400, 'malformed JSON');
    }
    // From here on req.body is the parsed request, as a JSON parser would leave it; the
    // signature is checked over `raw`.
    req.body = body;
    // Real Alexa requests nest about ten levels; a deeper body is bad input, and must not reach
    // code that walks it recursively (JSON.stringify of echoed attributes, the SDK).
    if (nestedDeeperThan(body, MAX_JSON_DEPTH)) return reject(res, 400, 'request nested too deeply');
    if (options.verifier) {
      try {
        await options.verifier.verify(req.headers, raw, body);
      } catch (error) {
        options.onRejected?.((error as Error).message ?? 'verification failed');
        return reject(res, 400, 'invalid request');
      }
    }
    if (!isAlexaEnvelope(body) || !hasReadableFields(body)) return reject(res, 400, 'not an Alexa request');
    const skillId = skillIdOf(body);
    if (skillId === undefined || (options.skillIds.length > 0 && !options.skillIds.includes(skillId))) {
      options.onRejected?.('skill id not accepted');
      return reject(res, 400, 'invalid request');
    }
    let json: string;
    try {
      json = JSON.stringify(await options.skill.invoke(body));
    } catch (error) {
      options.onError?.(error);
      return reject(res, 500, 'internal error');
    }
    sendJson(res, 200, json);
  };
}

/**
 * `POST /alexa` as an express router: raw body (no JSON parser in front, the signature covers
 * the exact bytes), verification, shape and skill-id checks, then the skill.
 */
export function createAlexaRouter(options: AlexaRouteOptions): Router {
  const router = express.Router();
  const rawBody = express.raw({ type: () => true, limit: options.maxBodyBytes ?? MAX_BODY_BYTES });
  const answer = answerAlexa(options);
  router.post('/', (req, res, next) => {
    rawBody(req, res, (err?: unknown) => {
      if (!err) return next();
      const status = (err as { status?: number }).status;
      if (status === 413) return reject(res, 413, 'request body too large');
      return reject(res, 400, 'unreadable request body');
    });
  }, (req, res) => answer(req, res, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)));
  return router;
}

/**
 * `POST /alexa` as a plain Node request handler, for the server's front to call without express
 * (whose routing, prototype swapping and body-parser cost more per request than verifying a
 * signature: README, "Benchmarks"). It answers exactly as the router does, for
 * bodies without a `Content-Encoding`; the front leaves encoded bodies to the router, whose
 * body-parser inflates them.
 *
 * @example createServer((req, res) => (isAlexaPost(req) ? alexa(req, res) : app(req, res)))
 */
export function createAlexaHandler(options: AlexaRouteOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const answer = answerAlexa(options);
  return async (req, res) => {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, limit);
    } catch (error) {
      if (error === TOO_LARGE) return reject(res, 413, 'request body too large');
      return reject(res, 400, 'unreadable request body');
    }
    await answer(req, res, raw);
  };
}

const TOO_LARGE = new Error('request body too large');

/**
 * Reads a request body up to `limit` bytes. Like body-parser, a body over the limit (declared or
 * streamed) is still read to its end but not kept, so the answer can go out on a connection
 * that stays usable.
 */
function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      reject(TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(TOO_LARGE);
      else if (!done) chunks.push(chunk);
    });
    req.once('end', () => finish());
    req.once('error', (error) => finish(error));
    // 'close' follows 'end' on every request; only one without an end was cut short.
    req.once('close', () => done || finish(new Error('request aborted')));
  });
}

/** Nesting levels of objects and arrays a request may have. */
const MAX_JSON_DEPTH = 32;

/** True when `value` nests objects or arrays more than `max` levels deep (iterative: no stack to blow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, test: (x: unknown) => boolean) => v === undefined || test(v);
const isString = (v: unknown) => typeof v === 'string';

function readableSlot(slot: unknown): boolean {
  if (!isObject(slot)) return false;
  return optional(slot.value, isString) && optional(slot.resolutions, (r) => isObject(r) && optional(r.resolutionsPerAuthority,
    (list) => Array.isArray(list) && list.every((a) => isObject(a) && optional(a.status, isObject) && optional(a.values,
      (values) => Array.isArray(values) && values.every((v) => isObject(v) && isObject(v.value) && isString(v.value.id) && isString(v.value.name))))));
}

/** Session attributes come back as we set them (`SessionState`); anything else is not our session. */
function readableAttributes(a: unknown): boolean {
  if (!isObject(a)) return false;
  const pending = a.pending;
  return optional(a.misses, (m) => Number.isInteger(m)) &&
    optional(a.lastIntent, isString) &&
    optional(a.choices, (c) => Array.isArray(c) && c.every(isString)) &&
    optional(pending, (p) => isObject(p) && (p.kind === 'handoff' ||
      (p.kind === 'reorder' && isString(p.orderNumber) && isString(p.key) && Number.isInteger(p.totalCents))));
}

/**
 * The fields the adapter reads have the types Alexa sends (ask-sdk-model): a request whose
 * locale is a number or whose slot is a list is bad input (400), not a failed turn.
 */
function hasReadableFields(body: RequestEnvelope): boolean {
  const request = body.request as unknown as Record<string, any>;
  const user = body.context.System.user as unknown;
  const session = body.session as unknown as Record<string, any> | undefined;
  const readableUser = (u: unknown) => isObject(u) && optional(u.userId, isString) && optional(u.accessToken, isString);
  return optional(request.locale, isString) &&
    optional(user, readableUser) &&
    optional(session, (s) => isObject(s) && isString(s.sessionId) && optional(s.new, (n) => typeof n === 'boolean') &&
      optional(s.user, readableUser) && optional(s.attributes, readableAttributes)) &&
    optional(request.intent, (i) => isObject(i) && optional(i.confirmationStatus, isString) &&
      optional(i.slots, (slots) => Object.values(slots as object).every(readableSlot)));
}
