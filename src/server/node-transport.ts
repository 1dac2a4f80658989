import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpAnswer, HttpCall } from '../platforms/endpoint.js';

/** The most a platform route reads (Alexa's limit; the Google endpoint refuses more than 64 KiB itself). */
export const MAX_PLATFORM_BODY_BYTES = 128 * 1024;

const TOO_LARGE = new Error('request body too large');

/**
 * Reads a request body up to `limit` bytes; undefined when it is larger (declared or sent). Like
 * body-parser, a body over the limit is still read to its end but not kept, so the answer can go
 * out on a connection that stays usable. Rejects when the request is cut short.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > limit) {
      req.resume();
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (error === TOO_LARGE) {
        req.resume();
        resolve(undefined);
      } else if (error) reject(error);
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
