import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TurnDeps } from '../../domain/deps.js';
import { answerAlexaRequest, type AlexaRouteOptions } from './answer-alexa-request.js';

export type { AlexaAnswer, AlexaCall, AlexaRequestVerifier, AlexaRouteOptions } from './answer-alexa-request.js';
export { answerAlexaRequest } from './answer-alexa-request.js';

/** The default body limit: a real Alexa request is 2–8 KiB. */
export const MAX_BODY_BYTES = 128 * 1024;

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
export function reject(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, JSON.stringify({ error }));
}

/** A Node request handler of a platform route; `deps` are the request's own (see `TurnDeps`). */
export type PlatformHandler = (req: IncomingMessage, res: ServerResponse, deps?: TurnDeps) => Promise<void>;

/** `answerAlexaRequest` written to a Node response; `req.body` holds the parsed JSON, as a JSON parser would leave it. */
export function answerAlexa(options: AlexaRouteOptions) {
  return async (req: AlexaHttpRequest, res: ServerResponse, raw: Buffer, deps: TurnDeps | undefined): Promise<void> => {
    const answer = await answerAlexaRequest(options, req.headers, raw, {
      deps,
      onParsed: (body) => {
        req.body = body;
      },
    });
    sendJson(res, answer.status, answer.json);
  };
}

/**
 * `POST /alexa` as a plain Node request handler, for the server's front to call without express
 * (whose routing, prototype swapping and body-parser cost more per request than verifying a
 * signature: README, "Benchmarks"; nor is express loaded for it). It answers exactly as the
 * router (`alexa-router.ts`) does, for
 * bodies without a `Content-Encoding`; the front leaves encoded bodies to the router, whose
 * body-parser inflates them.
 *
 * @example createServer((req, res) => (isAlexaPost(req) ? alexa(req, res) : app(req, res)))
 */
export function createAlexaHandler(options: AlexaRouteOptions): PlatformHandler {
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const answer = answerAlexa(options);
  return async (req, res, deps) => {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, limit);
    } catch (error) {
      if (error === TOO_LARGE) return reject(res, 413, 'request body too large');
      return reject(res, 400, 'unreadable request body');
    }
    await answer(req, res, raw, deps);
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
    // `on`, not `once`: `finish` settles only the first time anyway, without a wrapper per listener.
    req.on('end', () => finish());
    req.on('error', (error) => finish(error));
    // 'close' follows 'end' on every request; only one without an end was cut short.
    req.on('close', () => done || finish(new Error('request aborted')));
  });
}
