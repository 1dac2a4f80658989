import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleTurn } from '../../domain/handle-turn.js';
import { createGoogleWebhook, type GoogleRouteDeps } from './google-webhook.js';
import { BASIC_CHALLENGE, HTTP_ANSWERS, MAX_BODY_BYTES, type HttpAnswer } from './http-answers.js';
import { createWebhookAuth } from './webhook-auth.js';

function send(res: ServerResponse, answer: HttpAnswer, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
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

/**
 * `POST /google` on Node's own request and response, for the server's front (app.ts) to call
 * before express: the same checks and answers as the express route (`webhook-route.ts`) — auth
 * first, JSON only, at most 64 KiB, malformed → 400 — without express's per-request cost.
 */
export function createGoogleHandler(deps: GoogleRouteDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const auth = createWebhookAuth(deps.config.google, deps.log);
  const webhook = createGoogleWebhook(deps, handleTurn);
  return async (req, res) => {
    if (!auth.allows(req.headers.authorization)) {
      deps.log.info({ event: 'google.auth.refused', mode: auth.mode }, 'refused a call to POST /google');
      return send(res, HTTP_ANSWERS.unauthorized, { 'www-authenticate': BASIC_CHALLENGE });
    }
    if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? ''))) {
      req.resume();
      return send(res, HTTP_ANSWERS.notJson);
    }
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!raw) return send(res, HTTP_ANSWERS.tooLarge);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, HTTP_ANSWERS.malformedJson);
    }
    try {
      send(res, await webhook.answer(body));
    } catch (error) {
      deps.log.error({ event: 'google.webhook.failed', err: error }, 'the Google webhook failed');
      send(res, HTTP_ANSWERS.internal);
    }
  };
}
