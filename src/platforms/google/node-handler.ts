import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TurnDeps } from '../../domain/deps.js';
import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps } from './google-webhook.js';
import { HTTP_ANSWERS, MAX_BODY_BYTES } from './http-answers.js';
import { createWebhookCallHandler, isJsonType, parseJsonBody, type CallAnswer, type WebhookCallHandler } from './webhook-call.js';

/** A Node request handler; `deps` are the request's own (see `TurnDeps`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, deps?: TurnDeps) => Promise<void>;

function send(res: ServerResponse, answer: CallAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...answer.headers });
  res.end(body);
}

/** Reads at most `limit` bytes; undefined when the body is larger (declared or sent). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** The Node request's body: 415 unless JSON, then at most 64 KiB of it parsed. */
async function readJson(req: IncomingMessage) {
  if (!isJsonType(req.headers['content-type'])) {
    req.resume();
    return { refused: HTTP_ANSWERS.notJson };
  }
  return parseJsonBody(await readBody(req, MAX_BODY_BYTES));
}

/** `POST /google` on Node's own request and response, answered by an existing call handler. */
export function nodeWebhookHandler(answerCall: WebhookCallHandler): NodeHandler {
  return async (req, res, deps) => {
    send(res, await answerCall({ authorization: req.headers.authorization, readBody: () => readJson(req), deps }));
  };
}

/**
 * `POST /google` on Node's own request and response, for the server's front (app.ts) to call
 * before express: the same checks and answers as the express route (`webhook-route.ts`) — auth
 * first, JSON only, at most 64 KiB, malformed → 400 — without express's per-request cost.
 */
export function createGoogleHandler(deps: GoogleRouteDeps): NodeHandler {
  return nodeWebhookHandler(createWebhookCallHandler(deps, createGoogleWebhook(deps, handleTurn)));
}
