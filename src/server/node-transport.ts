import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpAnswer, HttpCall } from '../platforms/endpoint.js';

/** The most a platform route reads (Alexa's limit; the Google endpoint refuses more than 64 KiB itself). */
export const MAX_PLATFORM_BODY_BYTES = 128 * 1024;

const TOO_LARGE = new Error('request body too large');

/** A body that sends nothing for this long is cut off (the connection destroyed). */
export const BODY_IDLE_MS = 5_000;

/** The error a request body read rejects with when the client went away or stalled (logged at info, not error). */
export class BodyAborted extends Error {
  constructor(readonly reason: 'aborted' | 'idle') {
    super(reason === 'idle' ? 'request body stalled' : 'request aborted');
  }
}

/**
 * Reads a request body up to `limit` bytes; undefined when it is larger (declared or sent). Like
 * body-parser, a body over the limit is still read to its end but not kept, so the answer can go
 * out on a connection that stays usable. Rejects with {@link BodyAborted} when the request is cut
 * short, or when no byte arrives for `idleMs` (then the request and its connection are destroyed).
 */
export function readBody(req: IncomingMessage, limit: number, idleMs: number = BODY_IDLE_MS): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    // Armed only while a body is still coming (a request already complete needs no timer).
    const idle = req.complete ? undefined : setTimeout(() => {
      finish(new BodyAborted('idle'));
      req.destroy();
    }, idleMs);
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (idle) clearTimeout(idle);
      if (error === TOO_LARGE) {
        req.resume();
        resolve(undefined);
      } else if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    req.on('data', (chunk: Buffer) => {
      idle?.refresh();
      size += chunk.length;
      if (size > limit) finish(TOO_LARGE);
      else if (!done) chunks.push(chunk);
    });
    // `on`, not `once`: `finish` settles only the first time anyway, without a wrapper per listener.
    req.on('end', () => finish());
    req.on('error', () => finish(new BodyAborted('aborted')));
    // 'close' follows 'end' on every request; only one without an end was cut short.
    req.on('close', () => done || finish(new BodyAborted('aborted')));
  });
}

/** The neutral call of a Node request whose body has been read. */
export function callOf(req: IncomingMessage, body: Buffer): HttpCall {
  return { method: req.method ?? 'GET', headers: req.headers, body };
}

/** Writes an endpoint's answer to a Node response (header by header: no header object copied per request). */
export function send(res: ServerResponse, answer: HttpAnswer): void {
  res.statusCode = answer.status;
  const headers = answer.headers;
  for (const name in headers) res.setHeader(name, headers[name]!);
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}
