import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import { ORDER_STATUS_REQUEST_SCHEMA } from '../notifications/order-status-schema.js';

export const FAKE_CLIENT_ID = 'amzn1.application-oa2-client.fake';
export const FAKE_CLIENT_SECRET = 'fake-secret';
export const EVENTS_PATH = '/v1/proactiveEvents/stages/development';

/** An answer the events API gives the next request instead of judging it. */
export type Cue = { status: number; retryAfter?: string } | { hold: true };

export interface FakeAlexaEvents {
  /** `http://127.0.0.1:<port>/auth/o2/token` */
  tokenUrl: string;
  /** `http://127.0.0.1:<port>/v1/proactiveEvents/stages/development` */
  eventsUrl: string;
  /** Token requests so far. */
  tokenRequests: number;
  /** Reference ids Alexa accepted (202, or held after acceptance), with how often each was accepted. */
  accepted: Map<string, number>;
  /** Every events request: its answer and reference id. */
  log: Array<{ status: number | 'held'; referenceId: string; locales: string[] }>;
  /** Schema violations that were answered 400. */
  invalid: string[];
  /** Answers the next events requests with these, in order. */
  cue(...cues: Cue[]): void;
  /** Makes every token issued so far unacceptable (a rotated secret), as Alexa's 401 would. */
  revokeTokens(): void;
  /** Resolves when `n` events requests have arrived. */
  requests(n: number): Promise<void>;
  close(): Promise<void>;
}

export interface FakeAlexaEventsOptions {
  /** `expires_in` of issued tokens, seconds (LWA gives 3600). */
  expiresIn?: number;
  /** Locales the fake accepts in localizedAttributes (default en-US, as Amazon documents for this schema). */
  locales?: string[];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * A local Login with Amazon token endpoint and Proactive Events API on 127.0.0.1: issues
 * client-credentials tokens, checks the bearer token and validates every event against
 * {@link ORDER_STATUS_REQUEST_SCHEMA}; answers 409 to a reference id it already accepted, as
 * Alexa does; answers 429/500/432/… or holds a request when cued.
 *
 * @example const fake = await startFakeAlexaEvents(); t.after(fake.close); fake.cue({ status: 429, retryAfter: '30' });
 */
export async function startFakeAlexaEvents(options: FakeAlexaEventsOptions = {}): Promise<FakeAlexaEvents> {
  const validate = new Ajv({ allErrors: true }).compile(ORDER_STATUS_REQUEST_SCHEMA);
  const locales = options.locales ?? ['en-US'];
  const valid = new Set<string>();
  const cues: Cue[] = [];
  const held: ServerResponse[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let issued = 0;

  const fake = {
    tokenUrl: '',
    eventsUrl: '',
    tokenRequests: 0,
    accepted: new Map<string, number>(),
    log: [] as FakeAlexaEvents['log'],
    invalid: [] as string[],
    cue: (...more: Cue[]) => void cues.push(...more),
    revokeTokens: () => valid.clear(),
    requests(n: number) {
      return new Promise<void>((resolve) => {
        if (fake.log.length >= n) resolve();
        else waiters.push({ n, resolve });
      });
    },
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  function record(status: number | 'held', referenceId: string, localesSeen: string[]) {
    fake.log.push({ status, referenceId, locales: localesSeen });
    for (const w of waiters.filter((w) => fake.log.length >= w.n)) w.resolve();
  }

  function accept(referenceId: string) {
    fake.accepted.set(referenceId, (fake.accepted.get(referenceId) ?? 0) + 1);
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    fake.tokenRequests += 1;
    const form = new URLSearchParams(await readBody(req));
    if (form.get('grant_type') !== 'client_credentials') return reply(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_id') !== FAKE_CLIENT_ID || form.get('client_secret') !== FAKE_CLIENT_SECRET) return reply(res, 401, { error: 'invalid_client' });
    if (form.get('scope') !== 'alexa::proactive_events') return reply(res, 400, { error: 'invalid_scope' });
    issued += 1;
    const accessToken = `Atc|fake-${issued}`;
    valid.add(accessToken);
    reply(res, 200, { access_token: accessToken, scope: 'alexa::proactive_events', token_type: 'bearer', expires_in: options.expiresIn ?? 3600 });
  }

  async function event(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    let body: { referenceId?: string; timestamp?: string; expiryTime?: string; localizedAttributes?: Array<{ locale?: string }> } = {};
    try {
      body = JSON.parse(raw);
    } catch {
      // judged below as a schema violation
    }
    const referenceId = String(body.referenceId ?? '');
    const seen = (body.localizedAttributes ?? []).map((a) => String(a.locale));
    if (!bearer || !valid.has(bearer)) {
      record(401, referenceId, seen);
      return reply(res, 401, { message: 'invalid token' });
    }
    const cue = cues.shift();
    if (cue && 'hold' in cue) {
      // Alexa took the event, but the answer never reaches the sender (it crashes or the line drops).
      accept(referenceId);
      held.push(res);
      return record('held', referenceId, seen);
    }
    if (cue) {
      record(cue.status, referenceId, seen);
      return reply(res, cue.status, { message: 'cued' }, cue.retryAfter ? { 'retry-after': cue.retryAfter } : {});
    }
    const problems: string[] = [];
    if (!validate(body)) problems.push(...(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`));
    const lifetime = Date.parse(String(body.expiryTime)) - Date.parse(String(body.timestamp));
    if (!(lifetime > 0 && lifetime <= 24 * 3600_000)) problems.push('expiryTime must be after timestamp and within 24 hours');
    for (const locale of seen) if (!locales.includes(locale)) problems.push(`locale ${locale} is not supported for this schema`);
    if (problems.length > 0) {
      fake.invalid.push(...problems);
      record(400, referenceId, seen);
      return reply(res, 400, { message: problems.join('; ') });
    }
    if (fake.accepted.has(referenceId)) {
      record(409, referenceId, seen);
      return reply(res, 409, { message: 'duplicate referenceId' });
    }
    accept(referenceId);
    record(202, referenceId, seen);
    res.writeHead(202).end();
  }

  const server = createServer((req, res) => {
    const handler = req.method === 'POST' && req.url === '/auth/o2/token' ? token : req.method === 'POST' && req.url === EVENTS_PATH ? event : undefined;
    if (!handler) return reply(res, 404, { message: 'not found' });
    handler(req, res).catch((error: Error) => reply(res, 500, { message: error.message }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.tokenUrl = `http://127.0.0.1:${port}/auth/o2/token`;
  fake.eventsUrl = `http://127.0.0.1:${port}${EVENTS_PATH}`;
  return fake;
}
